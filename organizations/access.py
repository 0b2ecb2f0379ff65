"""Who may do what, in one place: the caller's organisation and role, and the scoping of every query.

Every recruiter-side read goes through `scoped()` (rows of the caller's organisation only, so another
organisation's object is as missing as one that never existed) and every change through `require()`
(a member whose role lacks the action gets 403 `role_forbidden`).
"""

from contextvars import ContextVar
from enum import StrEnum
from typing import Any

from django.core.signals import request_finished, request_started
from django.db.models import QuerySet
from rest_framework import status

from interview_site.api import ApiError

from .models import Membership, Organization, default_organization_id


class Action(StrEnum):
    VIEW = "view"  # read documents, interviews, plans, reports, transcripts
    CHANGE = "change"  # upload, start, decide, override, regenerate, edit plans, rotate links, import
    ADMINISTER = "administer"  # members, settings, the audit log
    COMMENT = "comment"  # add a comment to an interview (every role: a reviewer comments, never decides)


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Membership.Role.ADMIN: frozenset({Action.VIEW, Action.COMMENT, Action.CHANGE, Action.ADMINISTER}),
    Membership.Role.RECRUITER: frozenset({Action.VIEW, Action.COMMENT, Action.CHANGE}),
    Membership.Role.REVIEWER: frozenset({Action.VIEW, Action.COMMENT}),
}

_NONE = object()
# Memberships read during the current request, by user id: one query a request, none stale in the next
# (a test client reuses one user object across requests). Outside a request nothing is cached.
_request_cache: ContextVar[dict | None] = ContextVar("organization_memberships", default=None)


def _request_started(**kwargs) -> None:
    _request_cache.set({})


def _request_finished(**kwargs) -> None:
    _request_cache.set(None)


request_started.connect(_request_started, dispatch_uid="organizations_membership_cache_start")
request_finished.connect(_request_finished, dispatch_uid="organizations_membership_cache_end")


class RoleForbidden(ApiError):
    """A member of the organisation whose role does not allow the action (403 `role_forbidden`)."""

    def __init__(self, action: Action, role: str):
        super().__init__(
            "role_forbidden",
            f"Your role ({role}) does not allow this; it needs a "
            f"{'recruiter or admin' if action == Action.CHANGE else 'admin'}.",
            status_code=status.HTTP_403_FORBIDDEN,
            extra={"role": role, "action": str(action)},
        )


def membership_of(user: Any) -> Membership | None:
    """The membership a user acts under (the first one), or None for anonymous, inactive or no member."""
    if not (user is not None and getattr(user, "is_authenticated", False) and user.is_active):
        return None
    cache = _request_cache.get()
    found = cache.get(user.pk) if cache is not None else None
    if found is None:
        found = Membership.objects.select_related("organization").filter(user_id=user.pk).first() or _NONE
        if cache is not None:
            cache[user.pk] = found
    return None if found is _NONE else found


def organization_of(user: Any) -> Organization | None:
    membership = membership_of(user)
    return membership.organization if membership else None


def organization_id_for(*, user: Any = None, organization: Any = None) -> int:
    """The organisation a new root row (a document) belongs to: the one named, else the acting user's,
    else the default organisation (an operator's command or a script that names none)."""
    if organization is not None:
        return organization.pk if isinstance(organization, Organization) else int(organization)
    own = organization_of(user)
    return own.pk if own is not None else default_organization_id()


def is_member(user: Any) -> bool:
    return membership_of(user) is not None


def can(user: Any, action: Action) -> bool:
    membership = membership_of(user)
    return membership is not None and action in ROLE_ACTIONS.get(membership.role, frozenset())


def require(user: Any, action: Action) -> Membership:
    """The caller's membership if its role allows `action`; raises RoleForbidden for a member whose role
    does not, and PermissionError for someone who is no member at all (callers answer 404 or 403)."""
    membership = membership_of(user)
    if membership is None:
        raise PermissionError("not a member of any organisation")
    if action not in ROLE_ACTIONS.get(membership.role, frozenset()):
        raise RoleForbidden(action, membership.role)
    return membership


def scoped(queryset: QuerySet, user: Any) -> QuerySet:
    """The rows of `queryset` that belong to the caller's organisation (none for a non-member)."""
    organization = organization_of(user)
    if organization is None:
        return queryset.none()
    return queryset.filter(organization=organization)
