"""Use cases for code submissions: record one (and queue its evaluation), evaluate it, report it."""

import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from interview_site.api import ApiError

from .bank import get_task
from .models import CodeSubmission
from .review import review_submission
from .review_tools import ReviewSession
from .sandbox import SandboxUnavailable

log = logging.getLogger(__name__)
MAX_CODE_CHARS = 64 * 1024
MAX_CLIENT_ID_CHARS = 64


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


def _claim(submission_id: int) -> CodeSubmission | None:
    """Mark the submission running, unless it is already done (a redelivered task changes nothing)."""
    with transaction.atomic():
        submission = CodeSubmission.objects.select_for_update().get(pk=submission_id)
        if submission.status == CodeSubmission.Status.DONE:
            return None
        submission.status = CodeSubmission.Status.RUNNING
        submission.save(update_fields=["status"])
    return submission


def _store(submission: CodeSubmission, **fields) -> CodeSubmission:
    with transaction.atomic():
        CodeSubmission.objects.filter(pk=submission.pk).exclude(status=CodeSubmission.Status.DONE).update(
            evaluated_at=timezone.now(), **fields
        )
    submission.refresh_from_db()
    return submission


def code_submission_evaluate(*, submission_id: int) -> CodeSubmission:
    """Run the hidden tests in the sandbox, analyse the code, write the review; store all of it.

    Idempotent: a submission already `done` is returned as it is. Whatever the candidate's code
    does ends in `done` with the outcome recorded; `failed` means the evaluation itself could not
    run (no interpreter on the worker, an unknown task), with the reason in `error`.
    """
    submission = _claim(submission_id)
    if submission is None:
        return CodeSubmission.objects.get(pk=submission_id)
    task = get_task(submission.task_id)
    if task is None:
        return _store(submission, status=CodeSubmission.Status.FAILED, error=f"unknown task {submission.task_id}")
    try:
        session = ReviewSession(task, submission.language, submission.code)
        tests, metrics = session.tests(), session.metrics()
        review = review_submission(session, interview_id=submission.interview_id)
    except SandboxUnavailable as exc:
        return _store(submission, status=CodeSubmission.Status.FAILED, error=str(exc)[:500])
    except Exception as exc:  # never leave a submission `running` forever
        log.exception("evaluating code submission %s failed", submission_id)
        return _store(submission, status=CodeSubmission.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:500])
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
    submission = (
        CodeSubmission.objects.filter(interview_id=interview_id, status=CodeSubmission.Status.DONE).first()
    )
    if submission is None or (latest.data.get("code") or {}).get("submission_id") == submission.pk:
        return
    report_request(interview_id=interview_id, regenerate=True)


def code_result_for_report(*, interview) -> dict | None:
    """The report's `code` field (PROTOCOL: {task, passed, total, review}) from the latest evaluated
    submission, or None when there is none. Extra keys: task_id, language, submission_id, isolation."""
    submission = interview.code_submissions.filter(status=CodeSubmission.Status.DONE).first()
    if submission is None:
        return None
    task = get_task(submission.task_id)
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
    }
