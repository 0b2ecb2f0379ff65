"""The conductor's persistence: each step is one transaction through the interview services.

A step's turn and the conductor's new position commit together, so a process that dies at any
moment leaves a state the next one resumes from. Functions are synchronous and wrapped for async
callers the way Channels' database_sync_to_async does it (stale connections closed around each
call), without importing Channels: the conductor never does.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from asgiref.sync import sync_to_async
from django.db import close_old_connections, transaction

from .. import selectors, services
from ..models import Interview, Turn
from .policy import Position


def _db(func):
    def run(*args, **kwargs):
        close_old_connections()
        try:
            return func(*args, **kwargs)
        finally:
            close_old_connections()

    return sync_to_async(functools.update_wrapper(run, func), thread_sensitive=True)


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
    topics: list[dict]  # [{id, name, question}]: nothing recruiter-only
    position: Position
    streaming_seq: int | None


def turn_frame(turn: Turn) -> dict:
    frame = {"type": "turn", "seq": turn.seq, "role": turn.role, "kind": turn.kind, "text": turn.text}
    if turn.client_id:
        frame["client_id"] = turn.client_id  # the page acknowledges its pending answer exactly
    return frame


def _public_topics(plan_topics: list) -> list[dict]:
    topics = []
    for i, topic in enumerate(plan_topics or []):
        if isinstance(topic, dict):
            topic_id = str(topic.get("id") or f"topic-{i + 1}")
            name, question = str(topic.get("name", "")), str(topic.get("question", ""))
            topics.append({"id": topic_id, "name": name, "question": question})
    return topics


def _snapshot(interview: Interview) -> Snapshot:
    streaming = selectors.turn_streaming(interview_id=interview.pk)
    jd, resume = interview.jd, interview.resume
    return Snapshot(
        interview_id=interview.pk,
        status=interview.status,
        phase=interview.phase,
        started_at=interview.started_at.timestamp() if interview.started_at else None,
        duration_s=interview.duration_minutes * 60,
        role_title=str(jd.parsed.get("title") or jd.title or ""),
        candidate_name=resume.candidate_name or str(resume.parsed.get("name") or ""),
        topics=_public_topics(interview.plan.topics),
        position=Position.from_state(interview.state),
        streaming_seq=streaming.seq if streaming else None,
    )


def _interview(interview_id: int) -> Interview:
    return selectors.interview_get_authorised(interview_id=interview_id)


@_db
def load(interview_id: int) -> Snapshot:
    return _snapshot(_interview(interview_id))


@_db
def start(interview_id: int, *, at: float, position: Position) -> Snapshot:
    """Mark a scheduled interview started, with the conductor's first position."""
    with transaction.atomic():
        interview = services.interview_mark_started(
            interview=_interview(interview_id), at=datetime.fromtimestamp(at, tz=UTC)
        )
        services.interview_state_save(interview=interview, state=position.to_state())
    return _snapshot(_interview(interview_id))


@_db
def begin_turn(interview_id: int, *, kind: str, topic_id: str, phase: str) -> int:
    """Open the interviewer turn about to stream; return its seq."""
    with transaction.atomic():
        interview = _interview(interview_id)
        turn = services.turn_begin_interviewer(interview=interview, kind=kind, topic_id=topic_id)
        Interview.objects.filter(pk=interview_id).update(phase=phase)
    return turn.seq


@_db
def complete_turn(interview_id: int, *, seq: int, text: str, cancelled: bool, position: Position, phase: str) -> dict:
    """Commit a streamed turn's final text with the position it leads to; return its `turn` frame."""
    with transaction.atomic():
        interview = _interview(interview_id)
        turn = Turn.objects.select_for_update().get(interview_id=interview_id, seq=seq)
        status = Turn.Status.CANCELLED if cancelled else Turn.Status.COMPLETE
        services.turn_complete(turn=turn, text=text, status=status)
        services.interview_state_save(interview=interview, state=position.to_state(), phase=phase)
    return turn_frame(turn)


@_db
def record_answers(
    interview_id: int,
    answers: list[tuple[str, str]],
    *,
    topic_id: str,
    position: Position,
    decide: Callable[[Position, str], Position] | None,
) -> tuple[list[dict], Position]:
    """Store candidate answers (idempotent by client_id) and the position they lead to, together.

    Returns the `turn` frames of the answers newly stored (none for duplicates) and the new
    position. `decide` is skipped when nothing new was said, or when it is None (ending).
    """
    with transaction.atomic():
        interview = _interview(interview_id)
        fresh = []
        for text, client_id in answers:
            turn, duplicate = services.turn_record_candidate(
                interview=interview, text=text, client_id=client_id, topic_id=topic_id
            )
            if not duplicate:
                fresh.append(turn)
        if fresh and decide is not None:
            position = decide(position, "\n".join(t.text for t in fresh))
            services.interview_state_save(interview=interview, state=position.to_state())
    return [turn_frame(t) for t in fresh], position


@_db
def end(interview_id: int, *, reason: str) -> None:
    services.interview_end(interview=_interview(interview_id), reason=reason)


@_db
def transcript(interview_id: int, *, limit: int = 6) -> list[tuple[str, str]]:
    return [(t.role, t.text) for t in selectors.transcript_tail(interview_id=interview_id, limit=limit)]
