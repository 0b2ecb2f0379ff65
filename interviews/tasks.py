"""Celery tasks of the interviews app: thin, idempotent, ids in (or nothing)."""

from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def interviews_sweep_task() -> list[int]:
    """End the interviews nobody conducts whose time is over or whose candidate is long gone (each gets
    its report). Run it every minute from Celery beat; a run that finds nothing does nothing."""
    from .conductor.lease import holder_sync
    from .services import interviews_sweep

    ended = interviews_sweep(
        is_conducted=lambda interview_id: holder_sync(interview_id) is not None,
        abandon_after_s=getattr(settings, "ABANDON_AFTER_S", 600),
    )
    return [interview_id for interview_id, _ in ended]
