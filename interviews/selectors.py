"""Queries that read interview data; the only ways to get an interview for an audience."""

import hashlib

from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone

from organizations.access import Action, require, scoped

from .models import Interview, Turn

# The candidate page stores {str(interview_id): token_hash} in the session under this key, so the
# WebSocket can authenticate by cookie as well as by ?token=.
CANDIDATE_SESSION_KEY = "candidate_interviews"

# Turns a client may see: a turn still streaming is sent as deltas, never as a `turn` frame.
VISIBLE_TURN_STATUSES = (Turn.Status.COMPLETE, Turn.Status.CANCELLED)


def token_hash(token: str) -> str:
    """sha256 hex of an invite token (what is stored)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def interview_get_for_candidate(*, token: str | None = None, token_hash_value: str | None = None) -> Interview:
    """The interview this invite token opens. Raises Interview.DoesNotExist for unknown or expired tokens."""
    digest = token_hash(token) if token else token_hash_value
    if not digest:
        raise Interview.DoesNotExist("no invite token given")
    return Interview.objects.select_related("plan", "jd", "resume").get(
        token_hash=digest, token_expires_at__gt=timezone.now()
    )


def interview_get_for_reconnect(
    *, token: str | None = None, token_hash_value: str | None = None, fields: tuple[str, ...] = ()
) -> Interview:
    """The interview a candidate's socket may open: as `interview_get_for_candidate`, except that an
    interview already under way stays open after its link expires (the link gated the start only).

    One query. With `fields`, only those columns are read (the socket's check needs its key and status,
    not the JD, résumé and plan). Raises Interview.DoesNotExist for unknown tokens, and for expired ones
    of interviews not started.
    """
    digest = token_hash(token) if token else token_hash_value
    if not digest:
        raise Interview.DoesNotExist("no invite token given")
    under_way = (Interview.Status.IN_PROGRESS, Interview.Status.ENDED)
    opens = Q(token_expires_at__gt=timezone.now()) | Q(status__in=under_way)
    interviews = Interview.objects.filter(opens, token_hash=digest)
    interviews = interviews.only(*fields) if fields else interviews.select_related("plan", "jd", "resume")
    return interviews.get()


def interview_get_for_recruiter(*, user, interview_id: int, action: Action = Action.VIEW) -> Interview:
    """The interview if it belongs to the caller's organisation. Raises Interview.DoesNotExist otherwise
    (another organisation's interview is as missing as one that never existed), then RoleForbidden when
    the caller's role does not allow `action` (a reviewer reads; recruiters and admins change)."""
    interview = scoped(Interview.objects.select_related("plan", "jd", "resume"), user).get(pk=interview_id)
    require(user, action)
    return interview


def interviews_for_recruiter(*, user) -> QuerySet[Interview]:
    """The interviews of the caller's organisation (none for a non-member)."""
    return scoped(Interview.objects.all(), user)


def interview_get_authorised(*, interview_id: int) -> Interview:
    """The interview by id, for code that has already checked access (the conductor, an open socket).

    Raises Interview.DoesNotExist. Never call it with an id a client chose without checking first.
    """
    return Interview.objects.select_related("plan", "jd", "resume").get(pk=interview_id)


def interview_get_for_conductor(*, interview_id: int) -> Interview:
    """What a conductor reads when it starts: the interview's position and clock, the plan's topics and
    task, the JD's title and parsed points, the candidate's name; not the documents' full text, flags or
    the rest (a hello at a hundred interviews a minute reads them all otherwise). Other fields load on
    use. As `interview_get_authorised`: only for an id already checked. Raises Interview.DoesNotExist."""
    return (
        Interview.objects.select_related("plan", "jd", "resume")
        .annotate(parsed_candidate_name=KeyTextTransform("name", "resume__parsed"))  # not the whole parsed résumé
        .only(
            "pk", "status", "phase", "started_at", "duration_minutes", "state", "last_activity_at", "plan__topics",
            "plan__coding_task", "jd__title", "jd__parsed", "resume__candidate_name",
        )  # fmt: skip
        .get(pk=interview_id)
    )


def interview_get_for_socket(*, interview_id: int) -> Interview:
    """What an open socket tells its client on hello (status, phase, time left, why it ended, and the
    position, for an open coding task), without the JD, résumé and plan documents. As
    `interview_get_authorised`: only for an id already checked. Raises Interview.DoesNotExist."""
    return Interview.objects.only(
        "pk", "status", "phase", "end_reason", "started_at", "duration_minutes", "state", "plan_id"
    ).get(pk=interview_id)


def interview_get_for_start(*, interview_id: int) -> Interview:
    """What a socket needs to show the start page (status, clock, the plan's topics for the progress
    marker). As `interview_get_authorised`: only for an id already checked. Raises Interview.DoesNotExist."""
    return (
        Interview.objects.select_related("plan")
        .only("pk", "status", "phase", "started_at", "duration_minutes", "state", "plan__topics")
        .get(pk=interview_id)
    )


def interview_progress(*, interview: Interview) -> dict:
    """The "question N of M" marker from the stored position and the plan's topics (M is read now)."""
    from .conductor.progress import progress_from_state

    topics = interview.plan.topics if "plan" in interview._state.fields_cache else (
        Interview.objects.filter(pk=interview.pk).values_list("plan__topics", flat=True).first()
    )
    return progress_from_state(state=interview.state, plan_topics=topics or [])


def turns_after(*, interview_id: int, last_seq: int, upto: int | None = None) -> list[Turn]:
    """Complete and cancelled turns with seq > last_seq (and <= upto), in order (what a reconnecting
    client missed)."""
    turns = Turn.objects.filter(interview_id=interview_id, seq__gt=last_seq, status__in=VISIBLE_TURN_STATUSES)
    if upto is not None:
        turns = turns.filter(seq__lte=upto)
    return list(turns.order_by("seq"))


def turns_all(*, interview_id: int) -> list[Turn]:
    """Every stored turn of the interview, streaming ones included, in order (a conductor's start)."""
    return list(Turn.objects.filter(interview_id=interview_id).order_by("seq"))


def turn_last_seq(*, interview_id: int) -> int:
    """The highest seq a client can have seen as a complete turn (0 when there is none)."""
    turn = (
        Turn.objects.filter(interview_id=interview_id, status__in=VISIBLE_TURN_STATUSES)
        .order_by("-seq")
        .only("seq")
        .first()
    )
    return turn.seq if turn else 0


def turn_streaming(*, interview_id: int, besides: int | None = None) -> Turn | None:
    """The interviewer turn being generated, if any (left over when a process died mid-turn), other
    than turn `besides`."""
    turns = Turn.objects.filter(interview_id=interview_id, status=Turn.Status.STREAMING)
    if besides is not None:
        turns = turns.exclude(seq=besides)
    return turns.order_by("seq").first()


def transcript_tail(*, interview_id: int, limit: int = 6) -> list[Turn]:
    """The last `limit` visible turns, oldest first, for a model's sense of the conversation."""
    recent = Turn.objects.filter(interview_id=interview_id, status__in=VISIBLE_TURN_STATUSES).order_by("-seq")
    return list(reversed(recent[:limit]))


def interview_time_left_s(*, interview: Interview, now=None) -> int:
    """Whole seconds left before the hard stop (the full duration before the interview starts)."""
    total = interview.duration_minutes * 60
    if interview.status == Interview.Status.ENDED:
        return 0
    if interview.started_at is None:
        return total
    elapsed = ((now or timezone.now()) - interview.started_at).total_seconds()
    return max(0, int(total - elapsed))


def coding_task_public(*, plan) -> dict | None:
    """The plan's coding task as the candidate may see it: its id, prompt, language, starter code (never
    tests, a reference solution or the recruiter's `why`), plus its planned minutes; None without one."""
    task = plan.coding_task if plan is not None else None
    if not isinstance(task, dict):
        return None
    prompt = str(task.get("prompt") or task.get("description") or "").strip()
    if not prompt:
        return None
    minutes = task.get("minutes") if isinstance(task.get("minutes"), int | float) else None
    return {
        "id": str(task.get("id") or ""),
        "prompt": prompt,
        "language": str(task.get("language") or "python")[:30],
        "starter_code": str(task.get("starter_code") or ""),
        "minutes": minutes,
    }


def code_task_frame(*, interview_id: int | None = None, interview: Interview | None = None) -> dict | None:
    """The `code.task` frame of the coding task under way, if the candidate is working on one now.
    Given an `interview` already read (its status and state), its plan is read only when a task is open."""
    if interview is None:
        interview = Interview.objects.select_related("plan").filter(pk=interview_id).first()
    if interview is None or interview.status != Interview.Status.IN_PROGRESS:
        return None
    state = interview.state or {}
    if state.get("awaiting") != "code_task" or not state.get("code_task_seq"):
        return None
    task = coding_task_public(plan=interview.plan)
    if task is None:
        return None
    fields = {name: task[name] for name in ("prompt", "language", "starter_code")}
    return {"type": "code.task", "seq": int(state["code_task_seq"]), **fields}
