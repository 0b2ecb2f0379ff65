"""The conductor's decisions as pure functions: where the interview stands and what comes next.

`Position` is what Interview.state stores after every step, so a process that restarts resumes from
the database. Its invariants: the topic index only moves forward, follow-ups per topic are bounded,
and every question asked is remembered by key, so no question is ever asked twice.
"""

import re
from dataclasses import asdict, dataclass, field, replace

from ..prompts import CANDIDATE_ENDED, CLOSE, FOLLOW_UP, GREET, QUESTION

STATE_VERSION = 1
CLOSING_ACTIONS = (CLOSE, CANDIDATE_ENDED)
ASKING_ACTIONS = (GREET, QUESTION, FOLLOW_UP)

# Interview.Turn kind and Interview.Phase for each interviewer action (plain strings: no ORM here).
TURN_KIND = {
    GREET: "greeting",
    QUESTION: "question",
    FOLLOW_UP: "follow_up",
    CLOSE: "closing",
    CANDIDATE_ENDED: "closing",
}
ACTION_PHASE = {
    GREET: "greeting",
    QUESTION: "topics",
    FOLLOW_UP: "topics",
    CLOSE: "closing",
    CANDIDATE_ENDED: "closing",
}

_WORDS = re.compile(r"\w[\w'’+#.-]*")
# Signs of a concrete account: numbers, an example, or something the speaker did.
_CONCRETE = re.compile(
    r"\d|\bfor (?:example|instance)\b|\be\.g\.|\bwhen (?:i|we)\b|\b(?:i|we) (?:built|wrote|led|designed|implemented"
    r"|migrated|fixed|reduced|improved|added|chose|decided|measured|debugged|shipped|owned|refactored|automated)\b",
    re.IGNORECASE,
)
THIN_WORDS = 15  # below this an answer has no room for a concrete example
CONCRETE_WORDS = 40  # below this an answer with no concrete marker is still general


@dataclass(frozen=True)
class Position:
    """Where the interview stands. `pending` is the interviewer action owed next, if any."""

    topic_index: int = 0
    follow_ups: int = 0
    pending: str | None = GREET
    awaiting_answer: bool = False
    asked: tuple[str, ...] = field(default_factory=tuple)

    def to_state(self) -> dict:
        return {"v": STATE_VERSION, **asdict(self), "asked": list(self.asked)}

    @classmethod
    def from_state(cls, state: dict | None) -> "Position":
        if not state or state.get("v") != STATE_VERSION:
            return cls()
        return cls(
            topic_index=int(state.get("topic_index", 0)),
            follow_ups=int(state.get("follow_ups", 0)),
            pending=state.get("pending"),
            awaiting_answer=bool(state.get("awaiting_answer", False)),
            asked=tuple(state.get("asked", ())),
        )


def is_thin(answer: str) -> bool:
    """An answer too short or too general to judge: few words, or no concrete detail at all."""
    words = len(_WORDS.findall(answer))
    if words < THIN_WORDS:
        return True
    return words < CONCRETE_WORDS and not _CONCRETE.search(answer)


def question_key(action: str, topic_id: str, follow_up_number: int = 0) -> str:
    """The identity of a question, remembered so it is never asked again."""
    if action == FOLLOW_UP:
        return f"{topic_id}:follow_up:{follow_up_number}"
    return f"{topic_id}:question"


def phase_of(position: Position) -> str:
    """The phase the interview is in once `position` is reached."""
    if position.pending in ACTION_PHASE:
        return ACTION_PHASE[position.pending]
    return "topics"


def after_spoken(position: Position, action: str, topic_ids: list[str]) -> Position:
    """The position once the interviewer has finished saying `action`."""
    if action in CLOSING_ACTIONS:
        return replace(position, pending=None, awaiting_answer=False)
    if not topic_ids:  # a plan with no topics: greet, then close
        return replace(position, pending=CLOSE, awaiting_answer=False)
    topic_id = topic_ids[position.topic_index]
    key = question_key(action, topic_id, position.follow_ups)
    return replace(position, pending=None, awaiting_answer=True, asked=(*position.asked, key))


def after_answer(position: Position, answer: str, *, topic_ids: list[str], max_follow_ups: int) -> Position:
    """Decide what the interviewer owes after the candidate answered: a follow-up, the next topic, or closing.

    A thin answer earns a follow-up while the topic has follow-ups left; anything else moves on.
    """
    if not position.awaiting_answer:
        return position  # the interviewer already owes something (or the interview is closing)
    moved = replace(position, awaiting_answer=False)
    if topic_ids and is_thin(answer) and position.follow_ups < max_follow_ups:
        follow_up = question_key(FOLLOW_UP, topic_ids[position.topic_index], position.follow_ups + 1)
        if follow_up not in position.asked:
            return replace(moved, pending=FOLLOW_UP, follow_ups=position.follow_ups + 1)
    return _next_topic(moved, topic_ids)


def _next_topic(position: Position, topic_ids: list[str]) -> Position:
    index = position.topic_index + 1
    while index < len(topic_ids) and question_key(QUESTION, topic_ids[index]) in position.asked:
        index += 1  # a topic whose question was already asked (e.g. a duplicate id) is skipped
    if index >= len(topic_ids):
        return replace(position, pending=CLOSE)
    return replace(position, topic_index=index, follow_ups=0, pending=QUESTION)


def after_candidate_end(position: Position) -> Position:
    return replace(position, pending=CANDIDATE_ENDED, awaiting_answer=False)
