from celery import shared_task

from .retention import retention_enforce


@shared_task(ignore_result=True)
def retention_enforce_task() -> dict[str, int]:
    """Beat: erase candidate data past each organisation's retention period (privacy/retention.py)."""
    return retention_enforce()
