"""Organisations and roles through the real request paths: scoping, role refusals, the commands, and
the organisation that background work stamps."""

import re

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from analysis.models import Decision, EvaluationReport
from analysis.services import report_generate
from documents.models import Document
from interviews.models import Interview
from interviews.tests.factories import make_interview
from llm.providers.base import Usage
from llm.services import model_call_record
from organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_another_organisations_interview_answers_exactly_like_a_missing_one(world):
    outsider = api(world.users["outsider"])
    foreign = outsider.get(f"/api/v1/interview/{world.ended.pk}")
    missing = outsider.get("/api/v1/interview/987654")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    pages = APIClient()
    pages.force_login(world.users["outsider"])
    for path in ("/interviews/{}/report/", "/interviews/{}/", "/documents/{}/file"):
        foreign_page = pages.get(path.format(world.ended.pk if "document" not in path else world.jd.pk))
        missing_page = pages.get(path.format(987654))
        assert foreign_page.status_code == missing_page.status_code == 404
        # the same page but for the per-response CSRF token (the logout form)
        assert _without_csrf(foreign_page.content) == _without_csrf(missing_page.content)


def _without_csrf(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", html)


def test_an_outsider_cannot_decide_or_attach_a_resume_to_another_organisations_job(world):
    outsider = api(world.users["outsider"])
    refused = outsider.post(f"/api/v1/interview/{world.ended.pk}/decision", {"decision": "reject"}, format="json")
    assert refused.status_code == 404 and not Decision.objects.exists()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = outsider.post("/api/v1/documents/upload/resume",
                           {"file": SimpleUploadedFile("cv.txt", b"Ada Lovelace, engineer"), "jd_id": world.jd.pk})
    assert upload.status_code == 400 and upload.json()["error"]["code"] == "jd_not_found"
    start = outsider.post("/api/v1/interview/start",
                          {"jd_id": world.jd.pk, "resume_id": world.ended.resume.pk}, format="json")
    assert start.status_code == 404 and start.json()["error"]["code"] == "jd_not_found"


def test_the_dashboard_lists_only_the_callers_organisation(world, client):
    theirs, _ = make_interview(organization=world.other, jd_parsed={"title": "Other team's secret job"})
    theirs.resume.candidate_name = "Zed Otherteam"
    theirs.resume.save()
    client.force_login(world.users["recruiter"])
    html = client.get("/").content.decode()
    assert "Zed Otherteam" not in html and f"/interviews/{theirs.pk}/" not in html
    assert f"/interviews/{world.ended.pk}/" in html
    client.force_login(world.users["outsider"])
    html = client.get("/").content.decode()
    assert f"/interviews/{theirs.pk}/" in html and f"/interviews/{world.ended.pk}/" not in html


def test_a_reviewer_reads_but_cannot_change_anything(world):
    reviewer = api(world.users["reviewer"])
    assert reviewer.get(f"/api/v1/interview/{world.ended.pk}/report").status_code == 200
    assert reviewer.get(f"/api/v1/interview/{world.ended.pk}").status_code == 200
    versions = EvaluationReport.objects.count()
    for method, path, body in [
        ("post", f"/api/v1/interview/{world.ended.pk}/decision", {"decision": "advance"}),
        ("post", f"/api/v1/interview/{world.ended.pk}/report/overrides",
         {"competency": "System design", "score": 5, "reason": "I liked it"}),
        ("post", f"/api/v1/interview/{world.ended.pk}/report/regenerate", {}),
        ("put", f"/api/v1/interview/{world.scheduled.pk}/plan", {"topics": [{"question": "Anything?"}]}),
        ("post", "/api/v1/interview/start", {"jd_id": world.jd.pk, "resume_id": world.ended.resume.pk}),
    ]:
        response = getattr(reviewer, method)(path, body, format="json")
        assert response.status_code == 403, path
        assert response.json()["error"]["code"] == "role_forbidden", path
    assert not Decision.objects.exists() and EvaluationReport.objects.count() == versions
    assert Interview.objects.count() == 3
    page = APIClient()
    page.force_login(world.users["reviewer"])
    before = world.scheduled.token_hash
    response = page.post(f"/interviews/{world.scheduled.pk}/new-link/")
    assert response.status_code == 403 and b"role_forbidden" in response.content
    world.scheduled.refresh_from_db()
    assert world.scheduled.token_hash == before
    report_page = page.get(f"/interviews/{world.ended.pk}/report/").content.decode()
    assert "Record decision" not in report_page and "your role reads the report" in report_page


def test_a_recruiter_needs_no_staff_flag(world):
    recruiter = world.users["recruiter"]
    assert not recruiter.is_staff
    response = api(recruiter).post(f"/api/v1/interview/{world.ended.pk}/decision",
                                   {"decision": "advance", "note": "Strong"}, format="json")
    assert response.status_code == 201
    assert Decision.objects.get().organization_id == world.ended.organization_id


def test_background_work_stamps_the_organisation_of_what_it_works_on(world, settings):
    theirs, _ = make_interview(organization=world.other, status=Interview.Status.ENDED)
    report = report_generate(interview_id=theirs.pk)
    assert report.organization_id == world.other.pk
    call = model_call_record(role="main", provider="offline", model="offline", prompt_name="t", prompt_version=1,
                             usage=Usage(), total_ms=1.0, outcome="ok", interview_id=theirs.pk)
    assert call.organization_id == world.other.pk
    assert model_call_record(role="main", provider="offline", model="offline", prompt_name="t", prompt_version=1,
                             usage=Usage(), total_ms=1.0, outcome="ok", document_id=world.jd.pk
                             ).organization_id == world.jd.organization_id


def test_the_commands_create_an_organisation_and_its_members(db, capsys):
    call_command("create_organization", "acme", "--name", "Acme Hiring")
    assert Organization.objects.get(slug="acme").name == "Acme Hiring"
    with pytest.raises(CommandError, match="organization_exists"):
        call_command("create_organization", "acme")
    call_command("add_member", "acme", "rita", "--role", "reviewer", "--password", "pw-long-enough-1",
                 "--email", "rita@example.com")
    member = Membership.objects.get(user__username="rita")
    assert (member.role, member.organization.slug, member.user.email) == ("reviewer", "acme", "rita@example.com")
    assert member.user.check_password("pw-long-enough-1") and not member.user.is_staff
    call_command("add_member", "acme", "rita", "--role", "recruiter")  # a new role for the same member
    assert Membership.objects.get(user__username="rita").role == "recruiter"
    with pytest.raises(CommandError, match="organization_not_found"):
        call_command("add_member", "nope", "rita", "--role", "admin")
    with pytest.raises(CommandError):
        call_command("add_member", "acme", "rita", "--role", "owner")


def test_a_new_member_gets_a_token_and_uses_the_api(db):
    call_command("create_organization", "acme")
    call_command("add_member", "acme", "tom", "--role", "recruiter")
    from rest_framework.authtoken.models import Token

    call_command("drf_create_token", "tom")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user__username='tom').key}")
    response = client.post("/api/v1/documents/upload/jd", {"text": "We need a Python engineer."}, format="json")
    assert response.status_code == 202
    assert Document.objects.get(pk=response.json()["id"]).organization.slug == "acme"


def test_the_demo_user_is_the_default_organisations_admin(db):
    call_command("seed_demo", "--username", "demo", "--password", "demo-pass-123")
    member = Membership.objects.get(user__username="demo")
    assert (member.organization.slug, member.role) == ("default", "admin")
