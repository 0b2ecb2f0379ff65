"""The conductor's persistence: each step is one transaction through the interview services.

A step's turns and the conductor's new position commit together, so a process that dies at any
moment leaves a state the next one resumes from. Functions are synchronous and awaited through
`interview_site.db.db_call` (the conductor never imports Channels).
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from django.db import transaction

from interview_site.db import db_call

from .. import selectors, services
from ..models import Interview, Turn
from ..prompts import jd_points
from .policy import Position

log = logging.getLogger(__name__)
_TEXT_IN_MEMORY = 4000  # per turn: enough for any prompt's transcript and the repeat check


_db = db_call  # every function below is awaited by the conductor


@dataclass(frozen=True)
class TurnLine:
    """A visible turn as the conductor remembers it (for prompts, repeat checks and dedup)."""

    seq: int
    role: str
    kind: str
    text: str


@dataclass(frozen=True)
class Snapshot:
    """What the conductor needs to know about its interview, read once when it starts."""

    interview_id: int
    status: str
    phase: str
    started_at: float | None
    duration_s: int
    role_title: str
    candidate_name: str
    topics: list[dict]  # [{id, name, question, minutes, follow_ups}]: nothing recruiter-only
    position: Position
    streaming_seq: int | None
    turns: list[TurnLine] = field(default_factory=list)
    client_ids: frozenset[str] = frozenset()
    jd_points: list[str] = field(default_factory=list)
    coding_task: dict | None = None
    last_activity_at: float | None = None
    last_seq: int | None = None  # the highest seq stored; None while a turn is left streaming
    # Recruiter-only strong-answer points by topic id: follow-up decisions read them, prompts never do.
    topic_points: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CandidateWrite:
    """A candidate turn to store: an answer, or code (kind "code", meta {"language": ...})."""

    text: str
    client_id: str
    kind: str = "answer"
    topic_id: str = ""
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Opened:
    frames: list[dict]  # `turn` frames of the candidate turns newly stored
    lines: list[TurnLine]
    seq: int | None  # the interviewer turn opened, if one was asked for and something new was said
    fresh: bool  # False when every candidate turn was a duplicate (nothing was written)
    last_seq: int | None = None  # the highest seq stored now: the next step's `after_seq`


def turn_frame(turn: Turn) -> dict:
    frame = {"type": "turn", "seq": turn.seq, "role": turn.role, "kind": turn.kind, "text": turn.text}
    if turn.client_id:
        frame["client_id"] = turn.client_id  # the page acknowledges its pending answer exactly
    return frame


def _line(turn: Turn) -> TurnLine:
    return TurnLine(turn.seq, turn.role, turn.kind, turn.text[:_TEXT_IN_MEMORY])


def _public_topics(plan_topics: list) -> list[dict]:
    topics = []
    for i, topic in enumerate(plan_topics or []):
        if isinstance(topic, dict):
            topic_id = str(topic.get("id") or f"topic-{i + 1}")
            name, question = str(topic.get("name", "")), str(topic.get("question", ""))
            minutes = topic.get("minutes") if isinstance(topic.get("minutes"), int | float) else None
            follow_ups = topic.get("follow_ups") if isinstance(topic.get("follow_ups"), int) else None
            topics.append({"id": topic_id, "name": name, "question": question, "minutes": minutes,
                           "follow_ups": follow_ups, "kind": str(topic.get("kind") or ""),
                           "reserve": bool(topic.get("reserve"))})
    return topics


def _topic_points(plan_topics: list) -> dict[str, list[str]]:
    return {
        str(topic.get("id") or f"topic-{i + 1}"): [str(p) for p in topic.get("strong_answer") or [] if p]
        for i, topic in enumerate(plan_topics or []) if isinstance(topic, dict)
    }


def _epoch(value: datetime | None) -> float | None:
    return value.timestamp() if value else None


def _snapshot(interview: Interview) -> Snapshot:
    stored = selectors.turns_all(interview_id=interview.pk)  # one query for the three views below
    streaming = next((t for t in stored if t.status == Turn.Status.STREAMING), None)
    turns = [t for t in stored if t.status in selectors.VISIBLE_TURN_STATUSES]
    jd, resume = interview.jd, interview.resume
    return Snapshot(
        interview_id=interview.pk,
        status=interview.status,
        phase=interview.phase,
        started_at=_epoch(interview.started_at),
        duration_s=interview.duration_minutes * 60,
        role_title=str(jd.parsed.get("title") or jd.title or ""),
        candidate_name=resume.candidate_name or str(getattr(interview, "parsed_candidate_name", None) or ""),
        topics=_public_topics(interview.plan.topics),
        position=Position.from_state(interview.state),
        streaming_seq=streaming.seq if streaming else None,
        turns=[_line(t) for t in turns],
        client_ids=frozenset(t.client_id for t in turns if t.client_id),
        jd_points=jd_points(jd.parsed or {}),
        coding_task=selectors.coding_task_public(plan=interview.plan),
        last_activity_at=_epoch(interview.last_activity_at),
        last_seq=None if streaming else (stored[-1].seq if stored else 0),
        topic_points=_topic_points(interview.plan.topics),
    )


def _interview(interview_id: int) -> Interview:
    return selectors.interview_get_for_conductor(interview_id=interview_id)


def _row(interview_id: int) -> Interview:
    """The interview for a step's writes, which need only its key: no join, no JSON documents parsed
    (the plan, JD and résumé load with the snapshot; other fields load on use). DoesNotExist as above."""
    return Interview.objects.only("pk").get(pk=interview_id)


@_db
def load(interview_id: int) -> Snapshot:
    return _snapshot(_interview(interview_id))


@_db
def start(interview_id: int, *, at: float, position: Position, snapshot: Snapshot) -> Snapshot:
    """Mark a scheduled interview started, with the conductor's first position: one UPDATE, and the
    snapshot just read brought up to date (read again if another process started it first)."""
    when = datetime.fromtimestamp(at, tz=UTC)
    if services.interview_start_conducting(interview_id=interview_id, at=when, state=position.to_state()):
        return replace(
            snapshot, status=Interview.Status.IN_PROGRESS, phase=Interview.Phase.GREETING, started_at=at,
            position=position, last_activity_at=at,
        )  # fmt: skip
    return _snapshot(_interview(interview_id))


@_db
def open_turn(
    interview_id: int,
    *,
    candidate: list[CandidateWrite] = (),
    position: Position | None = None,
    phase: str | None = None,
    reply: tuple[str, str] | None = None,
    after_seq: int | None = None,
) -> Opened:
    """One step, one transaction: store candidate turns (idempotent by client_id), save the position
    they lead to, and open the interviewer turn about to stream (`reply` = (kind, topic_id)).

    With `after_seq` (the last seq the conductor knows it wrote) the step is three statements
    (`services.turns_append`); when that guess is stale — a turn another process left streaming,
    a resent answer stored already — or code is handed in, the careful path below runs instead.
    When candidate turns were given and all of them were duplicates, nothing is written.
    """
    state = position.to_state() if position is not None else None
    if after_seq is not None and all(w.kind == "answer" for w in candidate):
        writes = [{"text": w.text, "client_id": w.client_id, "topic_id": w.topic_id} for w in candidate]
        try:
            turns = services.turns_append(
                interview_id=interview_id, after_seq=after_seq, candidate=writes, reply=reply, state=state, phase=phase
            )
        except services.SeqTaken:
            log.info("interview %s: seq %s taken, the careful path stores this step", interview_id, after_seq + 1)
        else:
            fresh = [t for t in turns if t.role == Turn.Role.CANDIDATE]
            return Opened(
                frames=[turn_frame(t) for t in fresh],
                lines=[_line(t) for t in fresh],
                seq=turns[-1].seq if reply is not None else None,
                fresh=True,
                last_seq=turns[-1].seq if turns else after_seq,
            )
    with transaction.atomic():
        interview = _row(interview_id)
        fresh = []
        for write in candidate:
            turn, duplicate = services.turn_record_candidate(
                interview=interview,
                text=write.text,
                client_id=write.client_id,
                topic_id=write.topic_id,
                kind=write.kind,
                meta=write.meta,
            )
            if not duplicate:
                fresh.append(turn)
                if write.kind == "code":
                    _code_for_evaluation(interview, write)
        if candidate and not fresh:
            return Opened(frames=[], lines=[], seq=None, fresh=False, last_seq=_last_seq(interview_id))
        if state is not None:
            services.interview_state_save(interview=interview, state=state, phase=phase)
        seq = None
        if reply is not None:
            seq = services.turn_begin_interviewer(interview=interview, kind=reply[0], topic_id=reply[1]).seq
        last_seq = _last_seq(interview_id, ours=seq)
    return Opened(
        frames=[turn_frame(t) for t in fresh], lines=[_line(t) for t in fresh], seq=seq, fresh=True, last_seq=last_seq
    )


def _last_seq(interview_id: int, ours: int | None = None) -> int | None:
    """The highest seq, or None while a turn other than `ours` (the one this step opened) is left
    streaming: the next step must reuse it, on the careful path."""
    streaming = selectors.turn_streaming(interview_id=interview_id, besides=ours)
    return None if streaming is not None else services.turn_last_written_seq(interview_id=interview_id)


def _code_for_evaluation(interview: Interview, write: CandidateWrite) -> None:
    """Hand submitted code to the analysis app's evaluation (hidden tests, review), when it has one.

    The `code` turn stays the transcript's record either way; a refusal (say, a language the task
    does not take) is logged, never lost: the code is in the turn.
    """
    try:
        from analysis.code.services import code_submission_record
    except ImportError:
        return
    task = selectors.coding_task_public(plan=interview.plan) or {}
    if not task.get("id"):
        return
    try:
        with transaction.atomic():
            code_submission_record(
                interview=interview,
                task_id=task["id"],
                language=write.meta.get("language") or task["language"],
                code=write.text,
                client_id=write.client_id,
            )
    except Exception as error:  # noqa: BLE001 - an evaluation that cannot start must not lose the turn
        log.warning("interview %s: code not sent for evaluation: %s", interview.pk, error)


@_db
def complete_turn(
    interview_id: int, *, seq: int, kind: str, text: str, cancelled: bool, position: Position, phase: str
) -> dict:
    """Commit a streamed turn's final text with the position it leads to; return its `turn` frame."""
    status = Turn.Status.CANCELLED if cancelled else Turn.Status.COMPLETE
    services.turn_finish(
        interview_id=interview_id, seq=seq, text=text, status=status, state=position.to_state(), phase=phase
    )
    return {"type": "turn", "seq": seq, "role": Turn.Role.INTERVIEWER.value, "kind": kind, "text": text}


@_db
def discard_turn(interview_id: int, *, seq: int, position: Position) -> int | None:
    """Forget an interviewer turn cut off before its first word (nobody saw it), and save the position.
    Returns the highest seq stored now (None while a turn is left streaming)."""
    with transaction.atomic():
        interview = _row(interview_id)
        services.turn_discard_streaming(interview=interview, seq=seq)
        services.interview_state_save(interview=interview, state=position.to_state())
        return _last_seq(interview_id)


@_db
def save_position(interview_id: int, *, position: Position, phase: str | None = None) -> None:
    services.interview_state_save(interview=_row(interview_id), state=position.to_state(), phase=phase)


@_db
def end(interview_id: int, *, reason: str) -> None:
    services.interview_end(interview=_row(interview_id), reason=reason)


@_db
def examples_run_record(interview_id: int, *, language: str, code: str, client_id: str) -> int | dict:
    """Record a run of the coding task's visible examples (queued on the sandbox once committed): its id,
    or {"code", "message"} when it is refused (no coding task, a language the task does not take,
    `too_many_runs`)."""
    from analysis.code.services import code_examples_run_record
    from interview_site.api import ApiError

    interview = Interview.objects.select_related("plan").get(pk=interview_id)
    task = selectors.coding_task_public(plan=interview.plan) or {}
    if not task.get("id"):
        return {"code": "no_coding_task", "message": "There is no coding task open in this interview."}
    try:
        return code_examples_run_record(
            interview=interview, task_id=task["id"], language=language or task["language"], code=code,
            client_id=client_id,
        ).pk
    except ApiError as error:
        return {"code": error.code, "message": error.message}


@_db
def examples_result(run_id: int) -> dict | None:
    """The `code.result` fields of a settled examples run; None while it runs."""
    from analysis.code.selectors import code_examples_result

    return code_examples_result(run_id=run_id)
