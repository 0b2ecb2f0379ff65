"""The audit log: written by the real request paths and commands, append-only, seen by org admins only."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from rest_framework.test import APIClient

from audit.models import AppendOnlyError, AuditEvent
from interviews.tests.factories import make_interview

pytestmark = pytest.mark.django_db


def logged_in(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_rotating_a_candidate_link_records_who_did_it_and_from_where(world):
    recruiter = logged_in(world.users["recruiter"])
    response = recruiter.post(f"/interviews/{world.scheduled.pk}/new-link/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    [event] = events("link.rotated")
    assert (event.user_id, event.user_name, event.organization_id) == (
        world.users["recruiter"].pk, "org-recruiter", world.scheduled.organization_id)
    assert (event.object_type, event.object_id, event.ip) == ("interview", str(world.scheduled.pk), "203.0.113.7")


def test_views_of_resume_file_transcript_and_report_are_recorded(world):
    reviewer = logged_in(world.users["reviewer"])
    resume = world.ended.resume
    assert reviewer.get(f"/documents/{resume.pk}/").status_code == 200
    assert reviewer.get(f"/api/v1/documents/{resume.pk}").status_code == 200
    assert reviewer.get(f"/documents/{world.jd.pk}/file").status_code == 200
    assert reviewer.get(f"/interviews/{world.ended.pk}/").status_code == 200
    assert reviewer.get(f"/api/v1/interview/{world.ended.pk}").status_code == 200
    assert reviewer.get(f"/interviews/{world.ended.pk}/report/").status_code == 200
    assert reviewer.get(f"/api/v1/interview/{world.ended.pk}/report").status_code == 200
    seen = [(e.action, e.object_type, e.object_id) for e in AuditEvent.objects.order_by("pk")]
    assert seen == [
        ("document.viewed", "resume", str(resume.pk)), ("document.viewed", "resume", str(resume.pk)),
        ("file.downloaded", "jd", str(world.jd.pk)),
        ("transcript.viewed", "interview", str(world.ended.pk)),
        ("transcript.viewed", "interview", str(world.ended.pk)),
        ("report.viewed", "interview", str(world.ended.pk)), ("report.viewed", "interview", str(world.ended.pk)),
    ]
    assert {e.user_name for e in AuditEvent.objects.all()} == {"org-reviewer"}


def test_refused_and_foreign_requests_record_nothing(world):
    logged_in(world.users["outsider"]).get(f"/documents/{world.ended.resume.pk}/")
    logged_in(world.users["reviewer"]).post(f"/interviews/{world.ended.pk}/decision/", {"decision": "reject"})
    assert not AuditEvent.objects.exists()


def test_decisions_overrides_regenerations_and_plan_edits_are_recorded(world):
    api = APIClient()
    api.force_authenticate(world.users["recruiter"])
    base = f"/api/v1/interview/{world.ended.pk}"
    assert api.post(f"{base}/decision", {"decision": "hold", "note": "More data"}, format="json").status_code == 201
    assert api.post(f"{base}/report/overrides", {"competency": "System design", "score": 4, "reason": "Clear answer"},
                    format="json").status_code == 201
    assert api.post(f"{base}/report/regenerate", format="json").status_code == 202
    page = logged_in(world.users["admin"])
    assert page.post(f"/interviews/{world.ended.pk}/decision/", {"decision": "advance"}).status_code == 302
    topics = world.scheduled.plan.topics
    assert api.put(f"/api/v1/interview/{world.scheduled.pk}/plan", {"topics": [{"id": t["id"]} for t in topics[:1]]},
                   format="json").status_code == 200
    decisions = events("decision.recorded")
    assert [(e.user_name, e.detail["decision"]) for e in decisions] == [("org-recruiter", "hold"),
                                                                        ("org-admin", "advance")]
    [override] = events("override.recorded")
    assert (override.detail["competency"], override.detail["score"], override.detail["original_score"]) == \
        ("System design", 4, 3)
    assert events("report.regenerated")[0].detail == {"version": 2}
    assert events("plan.edited")[0].object_id == str(world.scheduled.pk)


def test_member_and_role_changes_from_the_commands_are_recorded(db):
    call_command("create_organization", "acme")
    call_command("add_member", "acme", "rita", "--role", "reviewer")
    call_command("add_member", "acme", "rita", "--role", "reviewer")  # no change: nothing to record
    call_command("add_member", "acme", "rita", "--role", "admin")
    rows = [(e.action, e.user_name, e.detail.get("role"), e.detail.get("previous_role"))
            for e in AuditEvent.objects.order_by("pk")]
    assert rows == [("organization.created", "", None, None), ("member.added", "", "reviewer", None),
                    ("member.role_changed", "", "admin", "reviewer")]
    assert {e.organization.slug for e in AuditEvent.objects.all()} == {"acme"}


def test_admins_see_their_organisations_log_and_export_it_as_csv(world):
    logged_in(world.users["recruiter"]).get(f"/interviews/{world.ended.pk}/")
    theirs, _ = make_interview(organization=world.other)
    logged_in(world.users["outsider"]).get(f"/interviews/{theirs.pk}/")  # recorded for the other organisation
    admin = logged_in(world.users["admin"])
    page = admin.get("/audit/").content.decode()
    assert "transcript.viewed" in page and "org-recruiter" in page and "outsider" not in page
    response = admin.get("/audit/export.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["time", "user", "action", "object_type", "object_id", "ip", "detail"]
    # newest first: the export itself, then what the recruiter saw; nothing of the other organisation
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == [("org-admin", "audit.exported", ""),
                                                      ("org-recruiter", "transcript.viewed", str(world.ended.pk))]
    [export] = events("audit.exported")
    assert (export.user_name, export.organization_id) == ("org-admin", world.ended.organization_id)
    refused = logged_in(world.users["recruiter"]).get("/audit/export.csv")
    assert refused.status_code == 403 and b"role_forbidden" in refused.content


def test_records_are_append_only(world):
    logged_in(world.users["recruiter"]).get(f"/interviews/{world.ended.pk}/")
    event = AuditEvent.objects.get()
    event.action = "nothing.happened"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="nothing.happened")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().action == "transcript.viewed"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_or_delete_a_record(world):
    logged_in(world.users["recruiter"]).get(f"/interviews/{world.ended.pk}/")
    for sql in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get().action == "transcript.viewed"


def test_the_admin_shows_records_read_only(world, admin_client):
    logged_in(world.users["recruiter"]).get(f"/interviews/{world.ended.pk}/")
    event = AuditEvent.objects.get()
    assert admin_client.get("/admin/audit/auditevent/").status_code == 200
    assert admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200
    assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
    assert admin_client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "x"}).status_code == 403
    assert AuditEvent.objects.get().action == "transcript.viewed"
