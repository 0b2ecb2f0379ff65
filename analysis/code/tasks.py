"""The sandbox queue's task: thin, idempotent, an id in.

Candidate code runs only on workers that consume the `sandbox` queue, so it never slows the
queues that write reports. The queue is named where the task is sent (`evaluation_queue`) and,
for any other sender, by `CELERY_TASK_ROUTES`.
"""

from celery import shared_task

SANDBOX_QUEUE = "sandbox"
# Tests (<= 20 s), the syntax check (<= 10 s) and the review (a model deadline of 180 s) fit well inside.
SOFT_TIME_LIMIT_S = 270
TIME_LIMIT_S = 300


@shared_task(name="analysis.code.tasks.code_evaluate_task", acks_late=True,
             soft_time_limit=SOFT_TIME_LIMIT_S, time_limit=TIME_LIMIT_S)
def code_evaluate_task(submission_id: int) -> str:
    from .services import code_submission_evaluate

    return code_submission_evaluate(submission_id=submission_id).status


def evaluation_queue(submission_id: int) -> None:
    """Send the evaluation to the sandbox queue (call it on commit)."""
    code_evaluate_task.apply_async((submission_id,), queue=SANDBOX_QUEUE)
