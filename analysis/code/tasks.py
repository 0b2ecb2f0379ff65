"""The application's side of code evaluation: thin, idempotent tasks, ids and validated data in.

Candidate code itself runs only in the sandbox worker (`analysis.code.worker`, its own Celery app
on the `sandbox` queue, no database, no secrets). These tasks run on the application's queue:
dispatching a stored submission to it, and storing what came back (`results.SandboxResults`
turns each data message from the sandbox into one of the last two).
"""

from celery import shared_task

from .messages import SANDBOX_QUEUE  # noqa: F401 - re-exported for callers that name the queue

# The review (a model deadline of 180 s) fits well inside.
SOFT_TIME_LIMIT_S = 270
TIME_LIMIT_S = 300


@shared_task(name="analysis.code.tasks.code_evaluate_task", acks_late=True)
def code_evaluate_task(submission_id: int) -> None:
    from .services import code_evaluation_dispatch

    code_evaluation_dispatch(submission_id=submission_id)


@shared_task(name="analysis.code.tasks.code_evaluation_finish_task", acks_late=True,
             soft_time_limit=SOFT_TIME_LIMIT_S, time_limit=TIME_LIMIT_S)
def code_evaluation_finish_task(submission_id: int, outcome: dict) -> str:
    from .services import code_evaluation_finish

    return code_evaluation_finish(submission_id=submission_id, outcome=outcome).status


@shared_task(name="analysis.code.tasks.sandbox_heartbeat_task", ignore_result=True)
def sandbox_heartbeat_task(status: dict) -> None:
    from .services import sandbox_heartbeat_record

    sandbox_heartbeat_record(status=status)


def evaluation_queue(submission_id: int) -> None:
    """Send a stored submission to the sandbox (call it on commit)."""
    from .services import code_evaluation_dispatch

    code_evaluation_dispatch(submission_id=submission_id)
