"""Writing the audit log: one function, called by the views and commands where a person acts."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from .models import AuditEvent

Action = AuditEvent.Action


def _ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: behind a proxy, the proxy sets it (a client-sent X-Forwarded-For is not evidence).
    return (request.META.get("REMOTE_ADDR") or None) if request is not None else None


def audit_record(*, action: str, request: HttpRequest | None = None, user: Any = None, obj: models.Model | None = None,
                 organization_id: int | None = None, object_type: str = "", object_id: Any = "",
                 detail: dict | None = None) -> AuditEvent:
    """Append one audit record: who (the request's user, or `user`; none for an operator's command), which
    organisation (the object's, else the caller's), what (`action` on `obj`), from where (the request's IP)."""
    from organizations.access import organization_of

    user = user if user is not None else (getattr(request, "user", None) if request is not None else None)
    person = user if getattr(user, "is_authenticated", False) else None
    if organization_id is None and obj is not None:
        organization_id = getattr(obj, "organization_id", None)
    if organization_id is None and person is not None:
        own = organization_of(person)
        organization_id = own.pk if own else None
    if obj is not None:
        object_type = object_type or _type_name(obj)
        object_id = object_id or obj.pk
    return AuditEvent.objects.create(
        organization_id=organization_id, user=person, user_name=person.get_username() if person else "",
        action=action, object_type=object_type, object_id=str(object_id or ""), ip=_ip(request),
        detail=detail or {},
    )


def _type_name(obj: models.Model) -> str:
    kind = getattr(obj, "kind", None)
    if obj._meta.model_name == "document" and kind:
        return kind  # "resume" or "jd": the reader wants to know whose data was seen
    return obj._meta.model_name
