"""Invite links: the candidate URL and WebSocket URL built from a raw token, and token rotation.

The raw token exists only in memory right after it is made; only its hash is stored, so links are
built here, at that moment, and handed to the recruiter once.
"""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from interview_site.api import ApiError

from . import selectors
from .models import Interview

# 32 random bytes: well past the 128-bit floor for invite tokens.
TOKEN_BYTES = 32


def _base_url(request: HttpRequest) -> str:
    """Scheme and host the candidate will use: PUBLIC_BASE_URL behind a proxy, else the request's own."""
    configured = (settings.PUBLIC_BASE_URL or "").rstrip("/")
    return configured or request.build_absolute_uri("/").rstrip("/")


def candidate_url(request: HttpRequest, token: str) -> str:
    """Absolute URL of the candidate page for this raw token."""
    return f"{_base_url(request)}/i/{token}/"


def ws_url(request: HttpRequest, interview_id: int, token: str) -> str:
    """Absolute WebSocket URL of the interview chat, authenticated by ?token=."""
    parts = urlsplit(_base_url(request))
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path}/api/v1/interview/{interview_id}/chat?token={token}"


def interview_rotate_token(*, interview: Interview) -> str:
    """Give the interview a fresh invite token and expiry; return the raw token (shown once).

    The old link stops working at once, including a candidate session opened with it.
    Raises ApiError("interview_ended") for an interview that is over: a new link would open nothing.
    """
    if interview.status == Interview.Status.ENDED:
        raise ApiError("interview_ended", "This interview has ended; a new link would not open it.", status_code=409)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        interview.token_hash = selectors.token_hash(token)
        interview.token_expires_at = timezone.now() + timedelta(hours=settings.INVITE_TOKEN_TTL_HOURS)
        interview.save(update_fields=["token_hash", "token_expires_at"])
    return token


def invite_is_expired(token: str) -> bool:
    """Whether this token once opened an interview whose link has since expired.

    Called only after interview_get_for_candidate refused the token, to tell the candidate
    "expired" rather than "invalid"; it answers yes/no and never hands out the interview.
    """
    return Interview.objects.filter(
        token_hash=selectors.token_hash(token), token_expires_at__lte=timezone.now()
    ).exists()
