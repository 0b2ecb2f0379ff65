"""What the interviewer is about to say, as a prompt and its context: pure, from what the conductor knows.

Everything here is built from memory (the snapshot read at start and the turns since), so a reply's
model call starts the moment the answer is in, while the database is still writing it.
"""

from dataclasses import dataclass

from ..prompts import (
    CANDIDATE_ENDED,
    CLOSE,
    CODE_HELP,
    CODE_TASK,
    GREET,
    INTERVIEWER_TURN,
    SURPRISE,
    SURPRISE_QUESTION,
    Prompt,
    interviewer_turn_context,
    surprise_context,
)
from .listening import aspect
from .policy import TOPIC_ACTIONS, Flow, Position
from .store import Snapshot, TurnLine

WHOLE_CONVERSATION_TURNS = 80  # up to this many turns a prompt gets all of them (cacheable history)
TAIL_TURNS = 12


@dataclass(frozen=True)
class Utterance:
    prompt: Prompt
    context: dict
    role: str


def _conversation(lines: list[TurnLine], extra: list[str]) -> list[tuple[str, str]]:
    said = [(line.role, line.text) for line in lines] + [("candidate", text) for text in extra]
    return said if len(said) <= WHOLE_CONVERSATION_TURNS else said[-TAIL_TURNS:]


def last_answer(lines: list[TurnLine], extra: list[str]) -> str:
    """What the candidate said since the interviewer last spoke."""
    answers = list(extra)
    for line in reversed(lines):
        if line.role == "interviewer":
            break
        answers.insert(0, line.text)
    return "\n".join(answers)


def utterance(
    action: str,
    *,
    snap: Snapshot,
    flow: Flow,
    position: Position,
    lines: list[TurnLine],
    extra: list[str] = (),
    elapsed_s: float = 0.0,
) -> Utterance:
    """The prompt, context and model role for `action` from `position` (`extra`: answers not yet stored)."""
    extra = list(extra)
    seq = (lines[-1].seq if lines else 0) + len(extra) + 1
    conversation = _conversation(lines, extra)
    if action == SURPRISE:
        covered = [t["name"] for t in snap.topics[: position.topic_index + 1]]
        context = surprise_context(
            seq=seq, role_title=snap.role_title, points=snap.jd_points, covered=covered, transcript=conversation[-6:]
        )
        return Utterance(SURPRISE_QUESTION, context, "mini")
    in_topic = action in TOPIC_ACTIONS and position.stage == "topic" and position.topic_index < len(snap.topics)
    topic = snap.topics[position.topic_index] if in_topic else None
    context = interviewer_turn_context(
        action=action,
        seq=seq,
        role_title=snap.role_title,
        minutes=snap.duration_s // 60,
        topic=topic,
        topic_number=position.topic_index + 1,
        topic_count=len(snap.topics),
        candidate_name=snap.candidate_name if action == GREET else "",
        last_answer="" if action in (GREET, CANDIDATE_ENDED) else last_answer(lines, extra),
        transcript=conversation,
        focus=position.focus,
        probe=aspect(position.point) if position.focus == "missing" else "",
        interrupted=position.interrupted,
        warm_up=bool(snap.topics or snap.coding_task),
        time_short=action == CLOSE and elapsed_s >= flow.wrap_up_at,
        code_language=(snap.coding_task or {}).get("language", "") if action in (CODE_TASK, CODE_HELP) else "",
        code_task=(snap.coding_task or {}).get("prompt", "") if action == CODE_HELP else "",
    )
    return Utterance(INTERVIEWER_TURN, context, "main")
