"""Queries that read interview data; the only ways to get an interview for an audience."""

from .models import Interview

# The candidate page stores {str(interview_id): token_hash} in the session under this key, so the
# WebSocket can authenticate by cookie as well as by ?token=.
CANDIDATE_SESSION_KEY = "candidate_interviews"


def token_hash(token: str) -> str:
    """sha256 hex of an invite token (what is stored)."""
    raise NotImplementedError


def interview_get_for_candidate(*, token: str | None = None, token_hash_value: str | None = None) -> Interview:
    """The interview this invite token opens. Raises Interview.DoesNotExist for unknown or expired tokens."""
    raise NotImplementedError


def interview_get_for_recruiter(*, user, interview_id: int) -> Interview:
    """The interview if this user (staff) may see it. Raises Interview.DoesNotExist otherwise."""
    raise NotImplementedError
