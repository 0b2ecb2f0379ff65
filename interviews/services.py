"""Use cases that write interview data: start an interview, record its turns and signals, end it.

Every write is atomic. Turn numbers (`seq`) are allocated under a lock on the interview row and the
unique constraint (interview, seq) is the last word: a writer that loses a race retries.
"""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from analysis import services as analysis_services
from analysis.tasks import report_generate_task
from documents.models import Document
from interview_site.api import ApiError
from organizations.access import scoped

from .models import IntegritySignal, Interview, Turn
from .selectors import token_hash

log = logging.getLogger(__name__)

MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 120
TOKEN_BYTES = 32  # 256 bits: past the 128-bit floor for invite tokens
_SEQ_ATTEMPTS = 3


def _validated_duration(duration_minutes) -> int:
    if duration_minutes is None:
        duration_minutes = settings.INTERVIEW_DEFAULT_MINUTES
    valid = isinstance(duration_minutes, int) and not isinstance(duration_minutes, bool)
    if not valid or not MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES:
        raise ApiError(
            "invalid_duration",
            f"duration_minutes must be a whole number from {MIN_DURATION_MINUTES} to {MAX_DURATION_MINUTES}.",
        )
    return duration_minutes


def _documents_for(user) -> QuerySet[Document]:
    """The documents an interview may be made from: the acting member's organisation's (none for a user
    who is no member); every document only for code that acts for no user (operator commands)."""
    if user is None:
        return Document.objects.all()
    return scoped(Document.objects.all(), user)


def _ready_document(doc_id, kind: str, missing_code: str, *, user=None, organization_id: int | None = None
                    ) -> Document:
    try:
        pk = int(doc_id)
    except (TypeError, ValueError):
        pk = None
    documents = _documents_for(user)
    if organization_id is not None:  # the resume must be of the JD's organisation
        documents = documents.filter(organization_id=organization_id)
    document = documents.filter(pk=pk, kind=kind).first() if pk is not None else None
    if document is None:
        raise ApiError(missing_code, f"No {kind} document with id {doc_id}.", status_code=404)
    if document.status != Document.Status.READY:
        raise ApiError(
            "document_not_ready",
            f"The {kind} document {doc_id} is {document.status}; an interview needs it ready.",
            status_code=409,
        )
    return document


def interview_start(
    *, jd_id: int, resume_id: int, duration_minutes: int | None = None, user=None
) -> tuple[Interview, str]:
    """Create an interview with a plan and a fresh invite token; return (interview, raw token).

    The raw token is returned once, for the candidate link; only its sha256 is stored.
    Raises interview_site.api.ApiError with a specific code for bad input: jd_not_found,
    resume_not_found, document_not_ready, invalid_duration.
    """
    duration = _validated_duration(duration_minutes)
    jd = _ready_document(jd_id, Document.Kind.JD, "jd_not_found", user=user)
    resume = _ready_document(resume_id, Document.Kind.RESUME, "resume_not_found", user=user,
                             organization_id=jd.organization_id)
    # The plan may take a model call: it is made before the write transaction, so no lock is held
    # while a model thinks. A failure after it leaves an unused plan, never a half interview.
    plan = analysis_services.plan_create(jd=jd, resume=resume, duration_minutes=duration)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        interview = Interview.objects.create(
            organization_id=jd.organization_id,
            jd=jd,
            resume=resume,
            plan=plan,
            created_by=user if user is not None and user.is_authenticated else None,
            duration_minutes=duration,
            token_hash=token_hash(token),
            token_expires_at=timezone.now() + timedelta(hours=settings.INVITE_TOKEN_TTL_HOURS),
        )
    log.info("interview %s started for resume %s and jd %s", interview.pk, resume.pk, jd.pk)
    return interview, token


def _create_turn(*, interview: Interview, **fields) -> Turn:
    """Insert a turn with the next seq; retry when a concurrent writer took that seq first."""
    for attempt in range(_SEQ_ATTEMPTS):
        try:
            with transaction.atomic():
                # Serialises writers of one interview on databases with row locks (a no-op on
                # SQLite, whose IMMEDIATE transactions already serialise writers).
                Interview.objects.select_for_update().only("pk").get(pk=interview.pk)
                last = Turn.objects.filter(interview=interview).aggregate(m=Max("seq"))["m"] or 0
                return Turn.objects.create(interview=interview, seq=last + 1, **fields)
        except IntegrityError:
            # A taken client_id is not a seq race: the caller turns it into "duplicate".
            if attempt == _SEQ_ATTEMPTS - 1 or _turn_by_client_id(interview, fields) is not None:
                raise
    raise AssertionError("unreachable")


def _turn_by_client_id(interview: Interview, fields: dict) -> Turn | None:
    client_id = fields.get("client_id")
    if not client_id:
        return None
    return Turn.objects.filter(interview=interview, client_id=client_id).first()


def turn_begin_interviewer(*, interview: Interview, kind: str, topic_id: str = "") -> Turn:
    """Open the interviewer turn about to be streamed (status streaming).

    A turn an earlier process left streaming (it died mid-turn) is reused, emptied, so the
    regenerated turn keeps its number and seqs stay 1, 2, 3, ... with no gap.
    """
    with transaction.atomic():
        leftover = (
            Turn.objects.select_for_update()
            .filter(interview=interview, role=Turn.Role.INTERVIEWER, status=Turn.Status.STREAMING)
            .order_by("seq")
            .first()
        )
        if leftover is not None:
            leftover.kind, leftover.topic_id, leftover.text = kind, topic_id, ""
            leftover.save(update_fields=["kind", "topic_id", "text"])
            return leftover
        return _create_turn(
            interview=interview, role=Turn.Role.INTERVIEWER, kind=kind, topic_id=topic_id, status=Turn.Status.STREAMING
        )


class SeqTaken(Exception):
    """`turns_append` found its seqs (or a client_id) taken: the caller takes the careful path."""


def turns_append(
    *,
    interview_id: int,
    after_seq: int,
    candidate: list[dict] = (),
    reply: tuple[str, str] | None = None,
    state: dict | None = None,
    phase: str | None = None,
) -> list[Turn]:
    """The conductor's step in one short transaction: insert the candidate turns and the interviewer
    turn about to stream with the seqs after `after_seq`, and save its position, in three statements.

    For the one writer of an interview (the conductor holding its lease), which knows its last seq:
    no lock, no MAX(seq). The unique constraints are the guard: when `after_seq` is stale or a
    client_id is taken, nothing is written and SeqTaken is raised, and the caller uses the careful
    functions above (`turn_record_candidate`, `turn_begin_interviewer`). `candidate` items are
    {text, client_id, kind, topic_id, meta}; answers are queued for assessment after commit.
    """
    now = timezone.now()
    turns = [
        Turn(
            interview_id=interview_id,
            seq=after_seq + i + 1,
            role=Turn.Role.CANDIDATE,
            kind=write.get("kind") or Turn.Kind.ANSWER,
            text=write["text"],
            topic_id=write.get("topic_id", ""),
            client_id=write["client_id"],
            completed_at=now,
            meta=write.get("meta") or {},
        )
        for i, write in enumerate(candidate)
    ]
    if any(turn.kind not in (Turn.Kind.ANSWER, Turn.Kind.CODE) for turn in turns):
        raise ValueError("a candidate turn is an answer or code")
    if reply is not None:
        kind, topic_id = reply
        turns.append(
            Turn(
                interview_id=interview_id,
                seq=after_seq + len(turns) + 1,
                role=Turn.Role.INTERVIEWER,
                kind=kind,
                topic_id=topic_id,
                status=Turn.Status.STREAMING,
            )
        )
    fields = {}
    if state is not None:
        fields["state"] = state
    if phase is not None:
        fields["phase"] = phase
    if candidate:
        fields["last_activity_at"] = now
    try:
        with transaction.atomic():
            if turns:
                Turn.objects.bulk_create(turns)
            if fields:
                Interview.objects.filter(pk=interview_id).update(**fields)
    except IntegrityError as error:
        raise SeqTaken(str(error)) from error
    for turn in turns:
        if turn.role == Turn.Role.CANDIDATE and turn.kind == Turn.Kind.ANSWER:
            analysis_services.answer_assessment_request(turn_id=turn.pk)  # on commit: now (autocommit)
    return turns


def turn_last_written_seq(*, interview_id: int) -> int:
    """The highest seq stored, whatever its status (0 for none): where `turns_append` goes on from."""
    return Turn.objects.filter(interview_id=interview_id).aggregate(m=Max("seq"))["m"] or 0


def turn_finish(
    *, interview_id: int, seq: int, text: str, status: str, state: dict, phase: str | None = None
) -> None:
    """Store a streamed turn's final text and the conductor's position, in one transaction of two
    UPDATEs. Turn.DoesNotExist (and nothing written) when the interview has no turn `seq`."""
    if status not in (Turn.Status.COMPLETE, Turn.Status.CANCELLED):
        raise ValueError(f"a finished turn is complete or cancelled, not {status!r}")
    fields = {"state": state} if phase is None else {"state": state, "phase": phase}
    with transaction.atomic():
        updated = Turn.objects.filter(interview_id=interview_id, seq=seq).update(
            text=text, status=status, completed_at=timezone.now()
        )
        if not updated:
            raise Turn.DoesNotExist(f"interview {interview_id} has no turn {seq}")
        Interview.objects.filter(pk=interview_id).update(**fields)


def turn_complete(*, turn: Turn, text: str, status: str = Turn.Status.COMPLETE) -> Turn:
    """Store the final text of a streamed turn: complete, or cancelled with only what was sent."""
    if status not in (Turn.Status.COMPLETE, Turn.Status.CANCELLED):
        raise ValueError(f"a finished turn is complete or cancelled, not {status!r}")
    turn.text, turn.status, turn.completed_at = text, status, timezone.now()
    turn.save(update_fields=["text", "status", "completed_at"])
    return turn


def turn_discard_streaming(*, interview: Interview, seq: int) -> None:
    """Drop an interviewer turn cut off before its first word: nobody saw it, so it never happened.

    Only the last turn is deleted (seqs stay 1, 2, 3, ... with no gap); one with turns after it is
    kept, cancelled and empty.
    """
    with transaction.atomic():
        turn = Turn.objects.select_for_update().filter(
            interview=interview, seq=seq, role=Turn.Role.INTERVIEWER, status=Turn.Status.STREAMING
        ).first()
        if turn is None:
            return
        if Turn.objects.filter(interview=interview, seq__gt=seq).exists():
            turn_complete(turn=turn, text="", status=Turn.Status.CANCELLED)
        else:
            turn.delete()


def turn_record_candidate(
    *,
    interview: Interview,
    text: str,
    client_id: str,
    topic_id: str = "",
    kind: str = Turn.Kind.ANSWER,
    meta: dict | None = None,
) -> tuple[Turn, bool]:
    """Store a candidate's answer (or code, kind "code"); return (turn, duplicate).

    Idempotent by client_id: a repeated client_id returns the turn already stored and
    duplicate=True, so a client that resends after a dropped connection is stored once.
    """
    if kind not in (Turn.Kind.ANSWER, Turn.Kind.CODE):
        raise ValueError(f"a candidate turn is an answer or code, not {kind!r}")
    with transaction.atomic():
        existing = Turn.objects.filter(interview=interview, client_id=client_id).first()
        if existing is not None:
            return existing, True
        try:
            turn = _create_turn(
                interview=interview,
                role=Turn.Role.CANDIDATE,
                kind=kind,
                text=text,
                topic_id=topic_id,
                client_id=client_id,
                completed_at=timezone.now(),
                meta=meta or {},
            )
        except IntegrityError:
            # The same client_id committed by a concurrent writer between our check and insert.
            return Turn.objects.get(interview=interview, client_id=client_id), True
        Interview.objects.filter(pk=interview.pk).update(last_activity_at=turn.completed_at)
        if kind == Turn.Kind.ANSWER:
            # Assessed in the worker after commit; the conductor never waits for it.
            from analysis.services import answer_assessment_request

            answer_assessment_request(turn_id=turn.pk)
    return turn, False


def interview_mark_started(*, interview: Interview, at: datetime | None = None) -> Interview:
    """Move a scheduled interview to in_progress (phase greeting). Idempotent."""
    interview_start_conducting(interview_id=interview.pk, at=at or timezone.now())
    return Interview.objects.get(pk=interview.pk)


def interview_consent_record(*, interview_id: int, at: datetime | None = None) -> bool:
    """Record that the candidate consented and pressed Start (kept for the record, Art. 12 AI Act).

    Only the first consent counts: a repeated `start` changes nothing. True if the interview is still
    scheduled (so the conductor should start it now), False when it has started or ended already."""
    at = at or timezone.now()
    Interview.objects.filter(pk=interview_id, consented_at__isnull=True).update(consented_at=at)
    return Interview.objects.filter(pk=interview_id, status=Interview.Status.SCHEDULED).exists()


def interview_start_conducting(*, interview_id: int, at: datetime, state: dict | None = None) -> bool:
    """Start a scheduled interview at `at` (phase greeting), with the conductor's first position: one
    conditional UPDATE. False, and nothing written, when it is not scheduled (started already)."""
    fields = {
        "status": Interview.Status.IN_PROGRESS,
        "phase": Interview.Phase.GREETING,
        "started_at": at,
        "last_activity_at": at,
    }
    if state is not None:
        fields["state"] = state
    return bool(Interview.objects.filter(pk=interview_id, status=Interview.Status.SCHEDULED).update(**fields))


def interview_state_save(*, interview: Interview, state: dict, phase: str | None = None) -> None:
    """Store the conductor's position (and phase) so a restarted process resumes from here."""
    fields = {"state": state}
    if phase is not None:
        fields["phase"] = phase
    Interview.objects.filter(pk=interview.pk).update(**fields)


def interview_end(*, interview: Interview, reason: str) -> Interview:
    """End the interview for `reason` and schedule its evaluation report after commit. Idempotent."""
    if reason not in Interview.EndReason.values:
        raise ValueError(f"unknown end reason {reason!r}")
    with transaction.atomic():
        fresh = Interview.objects.select_for_update().get(pk=interview.pk)
        if fresh.status == Interview.Status.ENDED:
            return fresh
        fresh.status, fresh.phase, fresh.end_reason = Interview.Status.ENDED, Interview.Phase.ENDED, reason
        fresh.ended_at = timezone.now()
        fresh.save(update_fields=["status", "phase", "end_reason", "ended_at"])
        report_generate_task.delay_on_commit(fresh.pk)
    log.info("interview %s ended: %s", fresh.pk, reason)
    return fresh


def signal_record(*, interview: Interview, name: str, detail: str = "") -> IntegritySignal:
    """Store one integrity signal from the candidate's browser (reported to the recruiter, never scored)."""
    return IntegritySignal.objects.create(interview=interview, name=name[:40], detail=(detail or "")[:500])


def interviews_sweep(*, is_conducted, abandon_after_s: float, now: datetime | None = None) -> list[tuple[int, str]]:
    """End the in-progress interviews nobody conducts whose time is over (`timeout`) or whose candidate
    has been gone past `abandon_after_s` (`abandoned`); each gets its report through interview_end.

    `is_conducted(interview_id)` tells whether a live conductor holds the interview (its lease):
    those are left to their conductor. Idempotent; returns [(id, reason)] of the interviews ended.
    """
    now = now or timezone.now()
    ended = []
    for interview in Interview.objects.filter(status=Interview.Status.IN_PROGRESS).only(
        "pk", "status", "started_at", "duration_minutes", "last_activity_at"
    ):
        reason = _sweep_reason(interview, now=now, abandon_after_s=abandon_after_s)
        if reason is None or is_conducted(interview.pk):
            continue
        interview_end(interview=interview, reason=reason)
        ended.append((interview.pk, reason))
    return ended


def _sweep_reason(interview: Interview, *, now: datetime, abandon_after_s: float) -> str | None:
    started = interview.started_at or now
    if now >= started + timedelta(minutes=interview.duration_minutes):
        return Interview.EndReason.TIMEOUT
    last_seen = max(interview.last_activity_at or started, started)
    if (now - last_seen).total_seconds() >= abandon_after_s:
        return Interview.EndReason.ABANDONED
    return None
