"""The organisation admin's audit log: a page and its CSV export (the export is itself recorded)."""

import csv

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from organizations.access import Action as AccessAction
from organizations.access import organization_of
from organizations.decorators import member_required

from .models import AuditEvent
from .selectors import CSV_COLUMNS, audit_csv_row, audit_events_for_admin
from .services import audit_record

PAGE_ROWS = 200


@require_GET
@member_required(action=AccessAction.ADMINISTER)
def audit_page(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    action = action if action in AuditEvent.Action.values else ""
    events = audit_events_for_admin(user=request.user, action=action)
    context = {"events": events[:PAGE_ROWS], "total": events.count(), "action": action,
               "actions": AuditEvent.Action.choices, "organization": organization_of(request.user)}
    return render(request, "audit/log.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@member_required(action=AccessAction.ADMINISTER)
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    events = audit_events_for_admin(user=request.user)
    audit_record(action=AuditEvent.Action.AUDIT_EXPORTED, request=request, object_type="audit_log",
                 detail={"rows": events.count()})
    writer = csv.writer(_Echo())
    rows = (writer.writerow(audit_csv_row(e)) for e in events.iterator())
    response = StreamingHttpResponse(
        (line for part in ([writer.writerow(CSV_COLUMNS)], rows) for line in part), content_type="text/csv"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
