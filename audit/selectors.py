"""Reading the audit log: an organisation's admins see their organisation's records only."""

from typing import Any

from django.db.models import QuerySet

from organizations.access import Action as AccessAction
from organizations.access import require, scoped

from .models import AuditEvent

CSV_COLUMNS = ("time", "user", "action", "object_type", "object_id", "ip", "detail")


def audit_events_for_admin(*, user: Any, action: str = "") -> QuerySet[AuditEvent]:
    """The caller's organisation's audit records, newest first; RoleForbidden unless the caller is its admin."""
    require(user, AccessAction.ADMINISTER)
    events = scoped(AuditEvent.objects.all(), user)
    return events.filter(action=action) if action else events


def audit_csv_row(event: AuditEvent) -> list[str]:
    import json

    cells = [event.created_at.isoformat(), event.user_name or "(command)", event.action, event.object_type,
             event.object_id, event.ip or "", json.dumps(event.detail, ensure_ascii=False, sort_keys=True)]
    # A cell a spreadsheet would run as a formula is written as text.
    return ["'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in cells]
