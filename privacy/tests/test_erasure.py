"""Erasure and export of a candidate, files that live as long as their rows, orphaned files."""

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django_celery_results.models import TaskResult
from rest_framework.test import APIClient

from analysis.models import (
    AnswerAssessment,
    CodeSubmission,
    Decision,
    EvaluationReport,
    FitAnalysis,
    InterviewPlan,
    ScoreOverride,
)
from audit.models import AuditEvent
from documents.models import Document
from interviews.models import IntegritySignal, Interview, Turn
from llm.models import ModelCall
from organizations.models import Organization
from privacy.models import ErasureSummary

from .conftest import ANSWER, EMAIL, FILE_BYTES, NAME, make_candidate


def _held(candidate) -> dict[str, int]:
    resume, interview = candidate.resume.pk, candidate.interview.pk
    return {
        "documents": Document.objects.filter(pk=resume).count(),
        "fits": FitAnalysis.objects.filter(resume_id=resume).count(),
        "plans": InterviewPlan.objects.filter(resume_id=resume).count(),
        "interviews": Interview.objects.filter(pk=interview).count(),
        "turns": Turn.objects.filter(interview_id=interview).count(),
        "signals": IntegritySignal.objects.filter(interview_id=interview).count(),
        "code": CodeSubmission.objects.filter(interview_id=interview).count(),
        "assessments": AnswerAssessment.objects.filter(turn__interview_id=interview).count(),
        "reports": EvaluationReport.objects.filter(interview_id=interview).count(),
        "overrides": ScoreOverride.objects.filter(report__interview_id=interview).count(),
        "decisions": Decision.objects.filter(interview_id=interview).count(),
        "model_calls": ModelCall.objects.filter(document_id=resume).count()
        + ModelCall.objects.filter(interview_id=interview).count(),
        "task_results": TaskResult.objects.filter(pk__in=candidate.task_results).count(),
    }


def _redis():
    if not getattr(settings, "REDIS_URL", ""):
        return None
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def test_erase_candidate_command_removes_every_trace(candidate, bystander, api_client,
                                                     django_capture_on_commit_callbacks):
    before = _held(candidate)
    assert all(before.values()), before
    assert Path(candidate.file_path).read_bytes() == FILE_BYTES
    lease_key = f"interviewer:conductor-lease:{candidate.interview.pk}"
    redis = _redis()
    if redis is not None:
        redis.set(lease_key, "some-process", px=60_000)
    bystander_before = _held(bystander)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_candidate", str(candidate.resume.pk), stdout=out)

    assert not any(_held(candidate).values()), _held(candidate)
    assert not Path(candidate.file_path).exists(), "the stored file must be gone from disk"
    assert _held(bystander) == bystander_before and Path(bystander.file_path).exists()
    assert Document.objects.filter(pk=candidate.interview.jd_id).exists(), "the job description stays"
    if redis is not None:
        assert not redis.exists(lease_key)
    printed = out.getvalue()
    assert "turns: 2" in printed and "decisions: 1" in printed and "files: 1" in printed
    # PROTOCOL: afterwards GET /api/v1/documents/<resume_id> answers 404.
    assert api_client.get(f"/api/v1/documents/{candidate.resume.pk}").status_code == 404

    record = AuditEvent.objects.get(action="candidate.erased")
    assert (record.object_type, record.object_id) == ("resume", str(candidate.resume.pk))
    assert record.detail["interviews"] == 1 and record.detail["reason"] == "erasure"
    kept = json.dumps([record.detail, list(ErasureSummary.objects.values())], default=str)
    for personal in (NAME, "Ana", EMAIL, ANSWER[:30], "ana-cv"):
        assert personal not in kept
    summary = ErasureSummary.objects.get()
    assert (summary.candidates, summary.interviews) == (1, 1)
    assert summary.score_histogram == {"3.5": 1} and summary.recommendations == {"yes": 1}
    assert summary.decisions == {"advance": 1} and summary.end_reasons == {"completed": 1}


def test_erase_unknown_or_job_description_is_a_clear_error(candidate):
    with pytest.raises(CommandError, match="resume_not_found"):
        call_command("erase_candidate", "999999")
    with pytest.raises(CommandError, match="resume_not_found"):
        call_command("erase_candidate", str(candidate.interview.jd_id))
    assert Document.objects.filter(pk=candidate.resume.pk).exists()


def test_erase_api_is_for_organisation_admins(candidate, make_member, django_capture_on_commit_callbacks):
    other = Organization.objects.create(slug="other", name="Other")
    clients = {}
    for username, role, org in (("rev", "reviewer", None), ("rec", "recruiter", None), ("adm", "admin", None),
                                ("foreign", "admin", other)):
        clients[username] = APIClient()
        clients[username].force_authenticate(make_member(username, role, org))
    url = f"/api/v1/documents/{candidate.resume.pk}/erase"

    for username in ("rev", "rec"):
        answer = clients[username].post(url)
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "role_forbidden"
    foreign = clients["foreign"].post(url)
    assert foreign.status_code == 404 and foreign.json()["error"]["code"] == "not_found"
    jd = clients["adm"].post(f"/api/v1/documents/{candidate.interview.jd_id}/erase")
    assert jd.status_code == 400 and jd.json()["error"]["code"] == "not_a_resume"
    assert Document.objects.filter(pk=candidate.resume.pk).exists() and Path(candidate.file_path).exists()

    with django_capture_on_commit_callbacks(execute=True):
        answer = clients["adm"].post(url)
    assert answer.status_code == 200, answer.content
    assert answer.json()["erased"]["interviews"] == 1 and answer.json()["erased"]["files"] == 1
    assert not Path(candidate.file_path).exists()
    assert AuditEvent.objects.get(action="candidate.erased").user_name == "adm"
    assert clients["adm"].post(url).status_code == 404


def test_export_command_writes_everything_held(candidate, tmp_path):
    target = tmp_path / "ana.zip"
    call_command("export_candidate", str(candidate.resume.pk), "--out", str(target), stdout=io.StringIO())

    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        held = json.loads(archive.read("candidate.json"))
        transcript = archive.read(f"transcripts/interview-{candidate.interview.pk}.txt").decode()
        original = archive.read("files/ana-cv.pdf")
    assert {"candidate.json", "files/ana-cv.pdf"} <= names
    assert original == FILE_BYTES
    assert ANSWER in transcript and "Candidate:" in transcript
    assert held["document"]["candidate_email"] == EMAIL and held["document"]["candidate_name"] == NAME
    interview = held["interviews"][0]
    assert [t["text"] for t in interview["turns"]][1] == ANSWER
    assert interview["decisions"][0]["decision"] == "advance"
    assert interview["reports"][0]["report"]["summary"].startswith(NAME)
    assert interview["reports"][0]["score_overrides"][0]["score"] == 4
    assert interview["code_submissions"][0]["code"].startswith("def merge_intervals")
    assert interview["integrity_signals"][0]["name"] == "tab_hidden"
    assert held["fit_analyses"][0]["score"] == 72 and len(held["model_calls"]) == 2
    assert AuditEvent.objects.filter(action="candidate.exported", object_id=str(candidate.resume.pk)).exists()
    with pytest.raises(CommandError, match="resume_not_found"):
        call_command("export_candidate", "999999", "--out", str(tmp_path / "x.zip"))


def test_export_api_gives_an_admin_the_zip(candidate, make_member):
    admin, recruiter = APIClient(), APIClient()
    admin.force_authenticate(make_member("adm", "admin"))
    recruiter.force_authenticate(make_member("rec", "recruiter"))
    url = f"/api/v1/documents/{candidate.resume.pk}/export"
    assert recruiter.get(url).status_code == 403
    answer = admin.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert ANSWER in archive.read(f"transcripts/interview-{candidate.interview.pk}.txt").decode()


@pytest.fixture
def operator(client, django_user_model):
    user = django_user_model.objects.create_superuser("op", "op@example.com", "op-pass-123")
    client.force_login(user)
    return client


def test_admin_erases_a_candidate_with_its_action(candidate, bystander, operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = operator.post("/admin/documents/resume/", {"action": "erase_candidates",
                                                              "_selected_action": [candidate.resume.pk]})
    assert answer.status_code == 302
    assert not any(_held(candidate).values()) and not Path(candidate.file_path).exists()
    assert Document.objects.filter(pk=bystander.resume.pk).exists()
    assert AuditEvent.objects.get(action="candidate.erased").user_name == "op"


def test_admin_delete_of_a_document_deletes_its_file(operator, organization, django_capture_on_commit_callbacks):
    jd = Document.objects.create(kind="jd", organization=organization, title="Ops lead", status="ready")
    jd.file.save("upload", ContentFile(b"a job description"), save=True)
    path = Path(jd.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = operator.post(f"/admin/documents/jobdescription/{jd.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert not Document.objects.filter(pk=jd.pk).exists()
    assert not path.exists(), "deleting the row in the admin must delete the file"


def test_replacing_a_file_deletes_the_old_one(organization, django_capture_on_commit_callbacks):
    jd = Document.objects.create(kind="jd", organization=organization, title="Ops lead", status="ready")
    jd.file.save("upload", ContentFile(b"first version"), save=True)
    old = Path(jd.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        jd.file.save("upload", ContentFile(b"second version"), save=True)
    assert not old.exists() and Path(jd.file.path).read_bytes() == b"second version"


def test_storage_orphans_lists_then_removes_files_without_a_row(candidate):
    stray = Path(settings.MEDIA_ROOT) / "documents" / "resume" / "0123456789abcdef"
    stray.write_bytes(b"left behind by a crash")
    young = stray.with_name("fedcba9876543210")
    young.write_bytes(b"an upload in progress")
    an_hour_ago = time.time() - 2 * 3600
    os.utime(stray, (an_hour_ago, an_hour_ago))

    out = io.StringIO()
    call_command("storage_orphans", stdout=out)
    listed = out.getvalue()
    assert "documents/resume/0123456789abcdef" in listed and "1 orphan file(s)" in listed
    assert "fedcba" not in listed and candidate.resume.file.name not in listed
    assert stray.exists(), "listing deletes nothing"

    call_command("storage_orphans", "--delete", stdout=io.StringIO())
    assert not stray.exists()
    assert young.exists() and Path(candidate.file_path).exists()


def test_a_second_organisation_candidate_erased_leaves_the_first(make_member, django_capture_on_commit_callbacks):
    other = Organization.objects.create(slug="acme", name="Acme")
    mine, theirs = make_candidate(), make_candidate(organization=other, name="Cy", email="cy@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_candidate", str(theirs.resume.pk), stdout=io.StringIO())
    assert all(_held(mine).values())
    assert ErasureSummary.objects.get().organization_id == other.pk
