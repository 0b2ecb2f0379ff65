"""Use cases that write interview data. (Interface fixed; implementation owned by the real-time work.)"""

from .models import Interview


def interview_start(*, jd_id: int, resume_id: int, duration_minutes: int | None = None, user=None) -> tuple[Interview, str]:
    """Create an interview with a plan and a fresh invite token; return (interview, raw token).

    The raw token is returned once, for the candidate link; only its sha256 is stored.
    Raises interview_site.api.ApiError with a specific code for bad input (e.g. document_not_ready).
    """
    raise NotImplementedError
