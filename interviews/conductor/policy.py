"""The conductor's decisions as pure functions: where the interview stands and what comes next.

The flow: greeting (with the AI notice) and a warm-up question → the plan's topics in priority
order, each a main question and follow-ups chosen by what the answer lacked (`listening`: a missing
point, an example, depth behind a claim, a misunderstanding cleared up) while the topic's time
slice and its planned follow-ups last → at most `surprise_max` surprise questions, only between
topics → the coding task, if the plan has one → the candidate's own questions → closing. The
duration is a budget: topics get time slices, and past `wrap_up_at` the interviewer closes at the next answer.

`Position` is what Interview.state stores after every step, so a process that restarts resumes from
the database. Its invariants: stages and topics only move forward, follow-ups and re-asks are
bounded, and every question is remembered by key, so none is ever asked twice.
"""

import re
from dataclasses import asdict, dataclass, field, replace

from ..prompts import (
    CANDIDATE_ENDED,
    CANDIDATE_QUESTIONS,
    CLOSE,
    CODE_HELP,
    CODE_TASK,
    FOLLOW_UP,
    GREET,
    NUDGE,
    QUESTION,
    REASK,
    SURPRISE,
)
from . import coding, conduct, listening

STATE_VERSION = 2
CLOSING_ACTIONS = (CLOSE, CANDIDATE_ENDED)
# Turns that ask something and then wait for the candidate's answer.
ASKING_ACTIONS = (GREET, QUESTION, FOLLOW_UP, REASK, SURPRISE, CODE_TASK, CANDIDATE_QUESTIONS)
TOPIC_ACTIONS = (QUESTION, FOLLOW_UP, REASK)

# Interview.Turn kind and Interview.Phase for each interviewer action (plain strings: no ORM here).
TURN_KIND = {
    GREET: "greeting",
    QUESTION: "question",
    FOLLOW_UP: "follow_up",
    REASK: "question",
    SURPRISE: "surprise",
    NUDGE: "nudge",
    CODE_TASK: "code_task",
    CODE_HELP: "nudge",
    CANDIDATE_QUESTIONS: "question",
    CLOSE: "closing",
    CANDIDATE_ENDED: "closing",
}
STAGE_PHASE = {
    "intro": "greeting",
    "topic": "topics",
    "surprise": "topics",
    "coding": "topics",
    "questions": "closing",
    "closing": "closing",
}

_AI_NOTICE = re.compile(r"\bAI\b")
INTRO_S = 120.0  # greeting and warm-up
OUTRO_S = 120.0  # the candidate's questions and the goodbye
SURPRISE_S = 120.0
DEFAULT_CODING_MINUTES = 10
MIN_SLICE_S = 60.0
MAX_NUDGES = 3


@dataclass(frozen=True)
class Flow:
    """The interview's fixed shape, from its plan: what the decisions are made over."""

    topic_ids: tuple[str, ...] = ()
    topic_slices_s: tuple[float, ...] = ()
    topic_follow_ups: tuple[int, ...] = ()  # per topic, from the plan (else `max_follow_ups`)
    topic_points: tuple[tuple[str, ...], ...] = ()  # strong-answer points: what follow-ups probe, never said
    topic_words: tuple[str, ...] = ()  # name and question: words an answer echoes, not coverage
    topic_kinds: tuple[str, ...] = ()  # core, gap, claim, confirm (a gap is never taken "deeper")
    reserve_from: int | None = None  # topics from this index on are asked only when time is left
    duration_s: float = 1800.0
    max_follow_ups: int = 1
    surprise_max: int = 1
    has_coding: bool = False
    coding_s: float = 0.0
    wrap_up_ratio: float = 0.9

    @property
    def wrap_up_at(self) -> float:
        return self.duration_s * self.wrap_up_ratio

    @property
    def main_questions(self) -> int:
        """M of "question N of M": the plan's booked topics (the warm-up, a surprise, the coding task and
        reserve topics, asked only when time is left, aside)."""
        return len(self.topic_ids) if self.reserve_from is None else self.reserve_from

    def follow_ups_of(self, index: int) -> int:
        planned = self.topic_follow_ups[index] if index < len(self.topic_follow_ups) else self.max_follow_ups
        return max(0, min(planned, self.max_follow_ups))

    def points_of(self, index: int) -> list[str]:
        return list(self.topic_points[index]) if index < len(self.topic_points) else []


def build_flow(
    *, topics: list[dict], duration_s: float, max_follow_ups: int, surprise_max: int, coding_task: dict | None,
    points: dict[str, list[str]] | None = None,
) -> Flow:
    """Time slices in proportion to each topic's planned minutes, scaled into what the budget leaves.

    A topic's `follow_ups` (from the plan) bounds its follow-ups, `max_follow_ups` bounds them all;
    `points` are the topics' strong-answer points by topic id (what a follow-up may probe)."""
    coding_s = float((coding_task or {}).get("minutes") or DEFAULT_CODING_MINUTES) * 60 if coding_task else 0.0
    planned = [max(1.0, float(t.get("minutes") or 5)) * 60 for t in topics]
    room = duration_s * 0.9 - INTRO_S - OUTRO_S - coding_s - SURPRISE_S * surprise_max
    booked = sum(s for s, t in zip(planned, topics, strict=True) if not t.get("reserve"))  # reserve topics: extra
    scale = min(1.0, max(0.0, room) / booked) if booked else 1.0
    return Flow(
        topic_ids=tuple(t["id"] for t in topics),
        topic_slices_s=tuple(max(MIN_SLICE_S, s * scale) for s in planned),
        topic_follow_ups=tuple(max_follow_ups if t.get("follow_ups") is None else int(t["follow_ups"]) for t in topics),
        topic_points=tuple(tuple(str(p) for p in (points or {}).get(t["id"]) or []) for t in topics),
        topic_words=tuple(f"{t.get('name', '')} {t.get('question', '')}" for t in topics),
        topic_kinds=tuple(str(t.get("kind") or "") for t in topics),
        reserve_from=next((i for i, t in enumerate(topics) if t.get("reserve")), None),
        duration_s=float(duration_s),
        max_follow_ups=max(0, int(max_follow_ups)),
        surprise_max=max(0, int(surprise_max)),
        has_coding=bool(coding_task),
        coding_s=coding_s,
    )


@dataclass(frozen=True)
class Position:
    """Where the interview stands. `pending` is the interviewer action owed next, if any."""

    stage: str = "intro"
    topic_index: int = 0
    follow_ups: int = 0
    pending: str | None = GREET
    awaiting: str = ""  # the asking action whose answer is awaited ("" when none)
    awaiting_key: str = ""
    asked: tuple[str, ...] = field(default_factory=tuple)
    reasked: bool = False  # the awaited question was already asked again once
    focus: str = ""  # why the pending action: a follow-up's focus, a re-ask's reason
    point: str = ""  # the strong-answer point a pending "missing" follow-up asks about
    probed: tuple[str, ...] = field(default_factory=tuple)  # this topic's follow-up moves so far (no loops)
    interrupted: bool = False  # the pending action was cut off by the candidate: say so, briefly
    surprises: int = 0
    topic_started_s: float | None = None  # elapsed seconds when the current topic's question was asked
    code_task_seq: int = 0
    nudges: int = 0
    fillers: tuple[str, ...] = field(default_factory=tuple)

    @property
    def awaiting_answer(self) -> bool:
        return bool(self.awaiting)

    def to_state(self) -> dict:
        return {"v": STATE_VERSION, **asdict(self), "asked": list(self.asked), "fillers": list(self.fillers),
                "probed": list(self.probed)}

    @classmethod
    def from_state(cls, state: dict | None) -> "Position":
        if not state or state.get("v") not in (1, STATE_VERSION):
            return cls()
        if state.get("v") == 1:
            return _from_v1(state)
        known = {name: state[name] for name in cls.__dataclass_fields__ if name in state}
        known["asked"] = tuple(known.get("asked", ()))
        known["fillers"] = tuple(known.get("fillers", ()))
        known["probed"] = tuple(known.get("probed", ()))
        return cls(**known)


def _from_v1(state: dict) -> Position:
    # Version 1 greeted with the first topic's question and had no stages: map it onto the topics.
    awaiting = (FOLLOW_UP if state.get("follow_ups") else QUESTION) if state.get("awaiting_answer") else ""
    asked = tuple(state.get("asked", ()))
    pending = state.get("pending")
    return Position(
        stage="intro" if pending == GREET else "closing" if pending in CLOSING_ACTIONS else "topic",
        topic_index=int(state.get("topic_index", 0)),
        follow_ups=int(state.get("follow_ups", 0)),
        pending=pending,
        awaiting=awaiting,
        awaiting_key=asked[-1] if asked and awaiting else "",
        asked=asked,
        topic_started_s=0.0 if awaiting else None,
    )


def question_key(action: str, topic_id: str = "", number: int = 0, awaited: str = "") -> str:
    """The identity of a question, remembered so it is never asked again."""
    if action == QUESTION:
        return f"{topic_id}:question"
    if action == FOLLOW_UP:
        return f"{topic_id}:follow_up:{number}"
    if action in (REASK, NUDGE):
        return f"{awaited}:{action}"
    if action == SURPRISE:
        return f"surprise:{number}"
    return {GREET: "warm_up"}.get(action, action)


def phase_of(position: Position) -> str:
    """The phase the interview is in once `position` is reached."""
    if position.pending in CLOSING_ACTIONS:
        return "closing"
    return STAGE_PHASE.get(position.stage, "topics")


def topic_id_of(position: Position, flow: Flow) -> str:
    """The topic the current exchange belongs to ("" outside topics: warm-up, surprise, coding, ...)."""
    in_topic = position.stage == "topic" and position.topic_index < len(flow.topic_ids)
    return flow.topic_ids[position.topic_index] if in_topic else ""


def after_spoken(position: Position, action: str, flow: Flow, *, elapsed_s: float, seq: int = 0) -> Position:
    """The position once the interviewer has finished saying `action`."""
    spoken = replace(position, pending=None, focus="", point="", interrupted=False)
    if action in CLOSING_ACTIONS:
        return replace(spoken, awaiting="", awaiting_key="", stage="closing")
    if action in (NUDGE, CODE_HELP):  # a nudge asks nothing new: the same answer is still awaited
        key = question_key(action, awaited=position.awaiting_key) if action == NUDGE else CODE_HELP
        return replace(spoken, asked=(*position.asked, key), nudges=position.nudges + (action == NUDGE))
    if action == GREET and not flow.topic_ids and not flow.has_coding:
        return replace(spoken, pending=CLOSE, stage="closing")  # a plan with nothing to ask: greet, then close
    topic_id = topic_id_of(position, flow)
    number = position.surprises + 1 if action == SURPRISE else position.follow_ups
    key = question_key(action, topic_id, number, awaited=position.awaiting_key)
    spoken = replace(spoken, awaiting=action, awaiting_key=key, asked=(*position.asked, key))
    if action == QUESTION:
        return replace(spoken, topic_started_s=elapsed_s, reasked=False)
    if action == FOLLOW_UP:
        return replace(spoken, reasked=False)
    if action == REASK:
        return replace(spoken, reasked=True, awaiting=position.awaiting or QUESTION)
    if action == SURPRISE:
        return replace(spoken, surprises=position.surprises + 1)
    if action == CODE_TASK:  # its time box starts now
        return replace(spoken, code_task_seq=seq, topic_started_s=elapsed_s)
    return spoken


def after_interrupted(position: Position, action: str, sent: str, flow: Flow, *, elapsed_s: float) -> Position:
    """The candidate cut the turn off. If its question was already out, it counts as asked; otherwise it
    is still owed, and is said again (briefly acknowledging the interruption) once the candidate is done."""
    if action == NUDGE or (action in ASKING_ACTIONS and "?" in sent):
        return after_spoken(position, action, flow, elapsed_s=elapsed_s)
    if action == GREET and _AI_NOTICE.search(sent):
        # The AI notice is out (the law's part); the warm-up question is simply skipped.
        return after_spoken(position, action, flow, elapsed_s=elapsed_s)
    return replace(position, interrupted=True)


def after_answer(
    position: Position, answer: str, *, flow: Flow, elapsed_s: float, previous: tuple[str, ...] = (),
    topic_answers: tuple[str, ...] = (), decision: listening.Decision | None = None,
) -> Position:
    """Decide what the interviewer owes once the candidate answered (`previous`: their earlier answers;
    `topic_answers`: those on the current topic; `decision`: the model's reading of the answer, else
    the rules decide). The decision is guarded: a follow-up only while the topic's slice and
    follow-ups last, and never the same move (or the same point) twice in a topic."""
    awaited = position.awaiting
    if not awaited:
        return position  # the interviewer already owes something (or the interview is closing)
    if awaited == CODE_TASK:  # talk during the coding task: every message answered, "skip" honoured
        return _after_coding_message(position, answer, flow=flow, elapsed_s=elapsed_s)
    if awaited == CANDIDATE_QUESTIONS:
        return replace(position, pending=CLOSE, stage="closing", awaiting="", awaiting_key="")
    if awaited in (GREET, SURPRISE) or elapsed_s >= flow.wrap_up_at:
        return advance(position, flow, elapsed_s=elapsed_s)
    reading = conduct.read_answer(answer, previous)
    if reading in conduct.REASK_READINGS:
        if position.reasked or (awaited == FOLLOW_UP and reading == conduct.REPEAT):
            # asked twice, or a follow-up answered with what was said before: move on, no loop
            return advance(position, flow, elapsed_s=elapsed_s)
        return replace(position, pending=REASK, focus=reading)
    if position.stage != "topic" or not _follow_up_fits(position, flow, elapsed_s):
        return advance(position, flow, elapsed_s=elapsed_s)
    decided = decision or listening.rules_decision(
        answer=answer, topic_answers=list(topic_answers), points=flow.points_of(position.topic_index),
        topic_words=_words_of(flow, position.topic_index), previous=previous, probed=position.probed,
        deepen=_kind_of(flow, position.topic_index) != "gap",
    )
    move = f"{decided.action}:{decided.point}" if decided.action == listening.PROBE_MISSING else decided.action
    key = question_key(FOLLOW_UP, topic_id_of(position, flow), position.follow_ups + 1)
    if decided.action == listening.MOVE_ON or move in position.probed or key in position.asked:
        return advance(position, flow, elapsed_s=elapsed_s)
    return replace(position, pending=FOLLOW_UP, follow_ups=position.follow_ups + 1,
                   focus=listening.FOCUS[decided.action], point=decided.point, probed=(*position.probed, move))


def _kind_of(flow: Flow, index: int) -> str:
    return flow.topic_kinds[index] if index < len(flow.topic_kinds) else ""


def _words_of(flow: Flow, index: int) -> str:
    return flow.topic_words[index] if index < len(flow.topic_words) else ""


def after_code(position: Position, flow: Flow, *, elapsed_s: float) -> Position:
    """Code was submitted: the coding task is done (later submissions are only stored)."""
    if position.awaiting != CODE_TASK:
        return position
    return replace(advance(position, flow, elapsed_s=elapsed_s), focus="code_submitted")


def _after_coding_message(position: Position, answer: str, *, flow: Flow, elapsed_s: float) -> Position:
    if coding.wants_to_skip(answer):
        return replace(advance(position, flow, elapsed_s=elapsed_s), focus="code_skipped")
    return replace(position, pending=CODE_HELP, focus="clarify")


def code_due_s(position: Position, flow: Flow) -> float | None:
    """Elapsed seconds at which the open coding task's time box ends (None when no task is open)."""
    if position.awaiting != CODE_TASK or position.topic_started_s is None:
        return None
    return position.topic_started_s + flow.coding_s


def after_code_time(position: Position, flow: Flow, *, elapsed_s: float) -> Position:
    """The coding task's minutes are up: move on (with a word) unless something is already owed."""
    due = code_due_s(position, flow)
    if due is None or elapsed_s < due or position.pending is not None:
        return position
    return replace(advance(position, flow, elapsed_s=elapsed_s), focus="code_time_up")


def after_candidate_end(position: Position) -> Position:
    return replace(position, pending=CANDIDATE_ENDED, awaiting="", awaiting_key="", stage="closing", interrupted=False)


def nudge_due(position: Position) -> bool:
    """A nudge may be said: an answer is awaited, this question was not nudged, and few nudges so far."""
    key = question_key(NUDGE, awaited=position.awaiting_key)
    return position.awaiting_answer and position.nudges < MAX_NUDGES and key not in position.asked


def slice_left_s(position: Position, flow: Flow, elapsed_s: float) -> float:
    """Seconds left of the current topic's time slice (0 outside a topic)."""
    if position.stage != "topic" or position.topic_index >= len(flow.topic_slices_s):
        return 0.0
    started = position.topic_started_s if position.topic_started_s is not None else elapsed_s
    return max(0.0, flow.topic_slices_s[position.topic_index] - (elapsed_s - started))


def _follow_up_fits(position: Position, flow: Flow, elapsed_s: float) -> bool:
    if position.stage != "topic" or position.follow_ups >= flow.follow_ups_of(position.topic_index):
        return False
    return slice_left_s(position, flow, elapsed_s) > 0


def _surprise_fits(position: Position, flow: Flow, left_s: float) -> bool:
    """Only between two topics, never in a follow-up chain, spread evenly over the interview."""
    if position.stage != "topic" or position.surprises >= flow.surprise_max:
        return False
    finished, count = position.topic_index + 1, len(flow.topic_ids)
    if finished >= count:
        return False  # after the last topic it would not be "between topics"
    due = (position.surprises + 1) * count / (flow.surprise_max + 1)
    return finished >= due and left_s - OUTRO_S >= SURPRISE_S + 0.5 * flow.topic_slices_s[finished]


def advance(position: Position, flow: Flow, *, elapsed_s: float) -> Position:
    """The current part is done: a surprise, the next topic, the coding task, the candidate's questions,
    or the close, whichever comes next and still fits the time left before the wrap-up."""
    base = replace(position, awaiting="", awaiting_key="", follow_ups=0, reasked=False, focus="", point="",
                   probed=(), interrupted=False)
    left = flow.wrap_up_at - elapsed_s
    if left <= 0:
        return replace(base, pending=CLOSE, stage="closing")
    if _surprise_fits(position, flow, left):
        return replace(base, pending=SURPRISE, stage="surprise")
    order = ("intro", "topic", "surprise", "coding", "questions", "closing")
    stage = order.index(position.stage) if position.stage in order else 0
    if stage <= order.index("surprise"):
        start = 0 if position.stage == "intro" else position.topic_index + 1
        for index in range(start, len(flow.topic_ids)):
            if question_key(QUESTION, flow.topic_ids[index]) in position.asked:
                continue  # e.g. a duplicate topic id: never the same question twice
            # The wrap-up's margin (the last tenth of the booked time) holds the candidate's questions and the
            # goodbye, so a topic may start while half its slice fits before the wrap-up.
            if left >= 0.5 * flow.topic_slices_s[index]:
                return replace(base, pending=QUESTION, stage="topic", topic_index=index, topic_started_s=None)
            break  # topics come in priority order: when this one does not fit, the interview moves on
    if stage < order.index("coding") and flow.has_coding and CODE_TASK not in position.asked:
        if left - OUTRO_S >= 0.5 * flow.coding_s:
            return replace(base, pending=CODE_TASK, stage="coding")
    if stage < order.index("questions") and CANDIDATE_QUESTIONS not in position.asked and left >= 60:
        return replace(base, pending=CANDIDATE_QUESTIONS, stage="questions")
    return replace(base, pending=CLOSE, stage="closing")
