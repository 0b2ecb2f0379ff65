"""Use cases for code submissions: record one (and queue its evaluation), evaluate it, report it."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from interview_site.api import ApiError
from interview_site.redaction import safe_error

from .bank import get_task
from .execution import execute
from .messages import RUN_TASK, SANDBOX_QUEUE, run_payload
from .models import CodeSubmission, SandboxHeartbeat
from .results import sandbox_connection
from .review import review_submission
from .review_tools import ReviewSession

log = logging.getLogger(__name__)
MAX_CODE_CHARS = 64 * 1024
MAX_CLIENT_ID_CHARS = 64
IN_FLIGHT = (CodeSubmission.Status.PENDING, CodeSubmission.Status.RUNNING)
# Submissions whose outcome the report shows: evaluated, or refused for want of isolation.
REPORTED = (CodeSubmission.Status.DONE, CodeSubmission.Status.NOT_RUN)
SUBMISSION, EXAMPLES = CodeSubmission.Purpose.SUBMISSION, CodeSubmission.Purpose.EXAMPLES
MAX_EXAMPLE_RUNS = 10  # per interview and task
# An examples run still unsettled after this long no longer blocks the next one (its worker may be gone).
EXAMPLE_RUN_IN_FLIGHT_S = 60


def _validate(interview, task_id: str, language: str, code: str, client_id: str | None) -> None:
    task = get_task(task_id)
    if task is None:
        raise ApiError("unknown_task", f"There is no coding task {task_id!r}.")
    planned = (getattr(interview.plan, "coding_task", None) or {}).get("id")
    if planned and planned != task_id:
        raise ApiError("wrong_task", f"This interview's coding task is {planned!r}, not {task_id!r}.")
    if language not in task.languages:
        raise ApiError("unsupported_language", f"Task {task_id!r} accepts {', '.join(task.languages)}.")
    if not isinstance(code, str) or not code.strip():
        raise ApiError("empty_code", "The submission has no code.")
    if len(code) > MAX_CODE_CHARS:
        raise ApiError("code_too_large", f"Code is limited to {MAX_CODE_CHARS} characters.", status_code=413)
    if client_id is not None and len(client_id) > MAX_CLIENT_ID_CHARS:
        raise ApiError("invalid_field", f"'client_id' is limited to {MAX_CLIENT_ID_CHARS} characters.")


def code_submission_record(
    *, interview, task_id: str, language: str, code: str, client_id: str | None
) -> tuple[CodeSubmission, bool]:
    """Store code the candidate submitted and queue its evaluation once the transaction commits.

    Returns (submission, created). A repeated `client_id` returns the stored submission with
    created=False and queues nothing. Raises ApiError (`unknown_task`, `wrong_task`,
    `unsupported_language`, `empty_code`, `code_too_large`, `invalid_field`).
    """
    from .tasks import evaluation_queue

    client_id = client_id or None
    _validate(interview, task_id, language, code, client_id)
    existing = CodeSubmission.objects.filter(interview=interview, client_id=client_id).first() if client_id else None
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            submission = CodeSubmission.objects.create(
                interview=interview, task_id=task_id, language=language, code=code, client_id=client_id,
            )
            transaction.on_commit(partial(evaluation_queue, submission.pk))
    except IntegrityError:  # the same client_id won a race with this call
        return CodeSubmission.objects.get(interview=interview, client_id=client_id), False
    return submission, True


def code_examples_run_record(*, interview, task_id: str, language: str, code: str, client_id: str) -> CodeSubmission:
    """Store a run of the task's visible examples (the candidate's "Run examples") and queue it on the
    sandbox like a submission, once the transaction commits. Never evidence: no review, no report.

    A repeated `client_id` returns the stored run. Raises ApiError as `code_submission_record`, and
    `too_many_runs` while another run of this interview is in flight or after MAX_EXAMPLE_RUNS for the task.
    """
    from .tasks import evaluation_queue

    _validate(interview, task_id, language, code, client_id)
    with transaction.atomic():
        # One run at a time per interview: the interview's row serialises concurrent requests.
        type(interview).objects.select_for_update().filter(pk=interview.pk).first()
        existing = CodeSubmission.objects.filter(interview=interview, client_id=client_id).first()
        if existing is not None and existing.purpose == EXAMPLES:
            return existing
        if existing is not None:
            raise ApiError("invalid_field", "This 'client_id' was already used for a submission.")
        runs = CodeSubmission.objects.filter(interview=interview, purpose=EXAMPLES)
        recent = timezone.now() - timedelta(seconds=EXAMPLE_RUN_IN_FLIGHT_S)
        if runs.filter(status__in=IN_FLIGHT, created_at__gte=recent).exists():
            raise ApiError("too_many_runs", "The examples are still running; wait for their results.", status_code=429)
        if runs.filter(task_id=task_id).count() >= MAX_EXAMPLE_RUNS:
            raise ApiError("too_many_runs", f"The examples can be run at most {MAX_EXAMPLE_RUNS} times for this task.",
                           status_code=429)
        run = CodeSubmission.objects.create(interview=interview, task_id=task_id, language=language, code=code,
                                            client_id=client_id, purpose=EXAMPLES)
        transaction.on_commit(partial(evaluation_queue, run.pk))
    return run


def _claim(submission_id: int) -> CodeSubmission | None:
    """Mark the submission running, unless it is already settled (a redelivered outcome changes nothing)."""
    with transaction.atomic():
        submission = CodeSubmission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.status in CodeSubmission.SETTLED:
            return None
        submission.status = CodeSubmission.Status.RUNNING
        submission.save(update_fields=["status"])
    return submission


def _store(submission: CodeSubmission, **fields) -> CodeSubmission:
    with transaction.atomic():
        CodeSubmission.objects.filter(pk=submission.pk).exclude(status__in=CodeSubmission.SETTLED).update(
            evaluated_at=timezone.now(), **fields
        )
    submission.refresh_from_db()
    return submission


def _payload(submission: CodeSubmission) -> dict:
    return run_payload(submission_id=submission.pk, task_id=submission.task_id, language=submission.language,
                       code=submission.code, examples_only=submission.purpose == EXAMPLES)


def code_evaluation_dispatch(*, submission_id: int) -> None:
    """Send a stored submission to the sandbox worker (`sandbox.run` on the sandbox queue).

    The code travels as data; the sandbox worker needs no database. With tasks run inline (the
    unit tests' eager mode, no broker) both halves run here instead.
    """
    from interview_site.celery import app

    submission = CodeSubmission.objects.filter(pk=submission_id).first()
    if submission is None or submission.status in CodeSubmission.SETTLED:
        return
    if settings.CELERY_TASK_ALWAYS_EAGER:
        code_submission_evaluate(submission_id=submission.pk)
        return
    with sandbox_connection(app, write=True) as connection:
        app.send_task(RUN_TASK, args=[_payload(submission)], queue=SANDBOX_QUEUE, connection=connection)


def code_submission_evaluate(*, submission_id: int) -> CodeSubmission:
    """Run the sandbox in this process and finish the evaluation (tests, and the eager mode)."""
    submission = CodeSubmission.objects.get(pk=submission_id)
    if submission.status not in CodeSubmission.SETTLED:
        return code_evaluation_finish(submission_id=submission_id, outcome=execute(_payload(submission)))
    return submission


def code_evaluation_finish(*, submission_id: int, outcome: dict) -> CodeSubmission:
    """Store what the sandbox worker found, write the review, and refresh the report.

    Idempotent: a settled submission is returned as it is. `ran` ends `done` with tests, metrics
    and review; `refused` ends `not_run` with the reason (isolation below the minimum: nothing of
    the candidate's ran, and the report says so); `error` ends `failed` with the operator-facing
    reason (no interpreter, an unknown task).
    """
    submission = _claim(submission_id)
    if submission is None:
        return CodeSubmission.objects.get(pk=submission_id)
    status = outcome.get("status")
    examples = submission.purpose == EXAMPLES
    if status == "refused":
        reason = {"code": outcome.get("code") or "isolation_unavailable", "message": outcome.get("message") or "",
                  "level": outcome.get("level"), "minimum": outcome.get("minimum")}
        log.error("code submission %s not run: %s", submission_id, reason["message"])
        done = _store(submission, status=CodeSubmission.Status.NOT_RUN, result={"not_run": reason},
                      error=f"{reason['code']}: {reason['message']}"[:500])
        if not examples:
            report_refresh_for_code(interview_id=done.interview_id)
        return done
    task = get_task(submission.task_id)
    if status != "ran" or task is None:
        message = outcome.get("message") or f"unknown task {submission.task_id}"
        return _store(submission, status=CodeSubmission.Status.FAILED, error=str(message)[:500])
    if examples:  # the candidate's own check before submitting: the tests' results, nothing more
        tests = outcome["tests"]
        return _store(submission, status=CodeSubmission.Status.DONE, error="",
                      result={"tests": tests, "isolation": tests.get("isolation") or {}})
    try:
        session = ReviewSession(task, submission.language, submission.code, tests=outcome["tests"],
                                syntax_error=outcome.get("syntax_error"))
        tests, metrics = session.tests(), session.metrics()
        review = review_submission(session, interview_id=submission.interview_id)
    except Exception as exc:  # never leave a submission `running` forever
        log.exception("reviewing code submission %s failed", submission_id)
        return _store(submission, status=CodeSubmission.Status.FAILED, error=safe_error(exc)[:500])
    result = {"tests": tests, "metrics": metrics, "review": review, "isolation": tests["isolation"]}
    done = _store(submission, status=CodeSubmission.Status.DONE, result=result, error="")
    report_refresh_for_code(interview_id=done.interview_id)
    return done


def report_refresh_for_code(*, interview_id: int) -> None:
    """Write a new report version when the latest ready one lacks the latest evaluated code.

    The evaluation (sandbox queue) and the report run in parallel, so each calls this after its
    own commit: whichever finishes second sees the other's result, and no code result is lost.
    A report still pending is left alone; it calls this itself once stored. Earlier versions stay.
    """
    from ..models import EvaluationReport
    from ..services import report_request

    latest = EvaluationReport.objects.filter(interview_id=interview_id).order_by("-version").first()
    if latest is None or latest.status != EvaluationReport.Status.READY:
        return
    reported = CodeSubmission.objects.filter(interview_id=interview_id, status__in=REPORTED, purpose=SUBMISSION)
    submission = reported.first()
    if submission is None or (latest.data.get("code") or {}).get("submission_id") == submission.pk:
        return
    report_request(interview_id=interview_id, regenerate=True)


def code_result_for_report(*, interview) -> dict | None:
    """The report's `code` field (PROTOCOL: {task, passed, total, review}) from the latest evaluated
    submission, or None when there is none. Extra keys: task_id, language, submission_id, isolation."""
    submission = interview.code_submissions.filter(status__in=REPORTED, purpose=SUBMISSION).first()
    if submission is None:
        return None
    task = get_task(submission.task_id)
    if submission.status == CodeSubmission.Status.NOT_RUN:
        reason = submission.result.get("not_run") or {}
        return {
            "task": task.title if task else submission.task_id, "passed": 0, "total": 0,
            "review": "Code not run: isolation unavailable. This deployment could not isolate candidate code "
                      f"(sandbox level {reason.get('level') or 'unknown'}, minimum {reason.get('minimum') or '?'}), "
                      "so it was not executed; this says nothing about the candidate.",
            "task_id": submission.task_id, "language": submission.language, "submission_id": submission.pk,
            "isolation": reason.get("level"), "status": "not_run", "not_run_reason": reason.get("code"),
        }
    tests, review = submission.result.get("tests") or {}, submission.result.get("review") or {}
    return {
        "task": task.title if task else submission.task_id,
        "passed": int(tests.get("passed") or 0),
        "total": int(tests.get("total") or 0),
        "review": str(review.get("text") or ""),
        "task_id": submission.task_id,
        "language": submission.language,
        "submission_id": submission.pk,
        "isolation": (submission.result.get("isolation") or {}).get("level"),
        "status": "ran",
    }


def sandbox_heartbeat_record(*, status: dict) -> SandboxHeartbeat:
    """Store a sandbox worker's heartbeat (validated by `messages.outcome_clean`)."""
    beat, _ = SandboxHeartbeat.objects.update_or_create(
        hostname=status["hostname"],
        defaults={"level": status["level"], "minimum": status.get("minimum") or "",
                  "languages": status.get("languages") or [], "error": status.get("error") or "",
                  "seen_at": timezone.now()},
    )
    return beat
