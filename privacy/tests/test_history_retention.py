"""History that cannot be rewritten, and retention."""

import io
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from analysis.models import Decision, EvaluationReport, ScoreOverride
from audit.models import AuditEvent
from documents.models import Document
from interview_site.celery import app
from organizations.models import Organization
from privacy.history import HistoryError
from privacy.models import ErasureSummary
from privacy.retention import retention_due, retention_enforce

from .conftest import make_candidate


@pytest.fixture
def operator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("op", "op@example.com", "op-pass-123"))
    return client


def test_decisions_overrides_and_reports_have_no_delete_or_change_in_the_admin(candidate, operator):
    override = ScoreOverride.objects.get(report=candidate.report)
    for url, pk in (("analysis/decision", candidate.decision.pk), ("analysis/scoreoverride", override.pk),
                    ("analysis/evaluationreport", candidate.report.pk)):
        page = operator.get(f"/admin/{url}/{pk}/change/")
        assert page.status_code == 200
        assert b"deletelink" not in page.content and b'name="_save"' not in page.content, url
        assert operator.post(f"/admin/{url}/{pk}/delete/", {"post": "yes"}).status_code == 403, url
        listing = operator.get(f"/admin/{url}/")
        assert b"delete_selected" not in listing.content, url
    # The interview's delete would take its decisions with it: erasure is the way.
    assert operator.post(f"/admin/interviews/interview/{candidate.interview.pk}/delete/",
                         {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=candidate.decision.pk).exists()
    assert EvaluationReport.objects.filter(pk=candidate.report.pk).exists()


def test_the_api_offers_no_way_to_change_or_delete_history(candidate, make_member):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(make_member("adm", "admin"))
    base = f"/api/v1/interview/{candidate.interview.pk}"
    for url in (f"{base}/decision", f"{base}/report"):
        for method in ("put", "patch", "delete"):
            answer = getattr(client, method)(url, {"decision": "reject"}, format="json")
            assert answer.status_code == 405, (method, url, answer.status_code)
    decision = Decision.objects.get(pk=candidate.decision.pk)
    assert decision.decision == "advance"


def test_the_application_refuses_to_rewrite_history(candidate):
    decision, report = candidate.decision, candidate.report
    override = ScoreOverride.objects.get(report=report)
    with pytest.raises(HistoryError):
        decision.delete()
    decision.decision = "reject"
    with pytest.raises(HistoryError):
        decision.save()
    with pytest.raises(HistoryError):
        Decision.objects.filter(pk=decision.pk).update(decision="reject")
    with pytest.raises(HistoryError):
        ScoreOverride.objects.filter(pk=override.pk).delete()
    with pytest.raises(HistoryError):
        report.delete()
    with pytest.raises(HistoryError):
        EvaluationReport.objects.filter(pk=report.pk).delete()
    assert Decision.objects.get(pk=decision.pk).decision == "advance"


@pytest.mark.skipif(not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="PostgreSQL triggers")
def test_postgresql_refuses_any_client_rewriting_history(candidate):
    override = ScoreOverride.objects.get(report=candidate.report)
    statements = [
        ("UPDATE analysis_decision SET decision = 'reject' WHERE id = %s", candidate.decision.pk),
        ("DELETE FROM analysis_decision WHERE id = %s", candidate.decision.pk),
        ("UPDATE analysis_scoreoverride SET score = 1 WHERE id = %s", override.pk),
        ("DELETE FROM analysis_scoreoverride WHERE id = %s", override.pk),
        ("UPDATE analysis_evaluationreport SET overall_score = 1 WHERE id = %s", candidate.report.pk),
        ("DELETE FROM analysis_evaluationreport WHERE id = %s", candidate.report.pk),
    ]
    for sql, pk in statements:
        with pytest.raises(DatabaseError, match="is history"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    # A pending version is the evaluator's to finish; a ready one stays as written.
    pending = EvaluationReport.objects.create(organization_id=candidate.report.organization_id,
                                              interview=candidate.interview, version=2)
    EvaluationReport.objects.filter(pk=pending.pk).update(status="ready", overall_score=2.0)
    assert EvaluationReport.objects.get(pk=candidate.report.pk).overall_score == 3.6
    assert Decision.objects.get(pk=candidate.decision.pk).decision == "advance"


# --- Retention ------------------------------------------------------------------------------------

def test_retention_erases_after_the_organisation_period_and_keeps_anonymous_counts(
        db, caplog, django_capture_on_commit_callbacks, settings):
    settings.DATA_RETENTION_DAYS = 180
    short = Organization.objects.create(slug="short", name="Short", retention_days=30)
    decided = make_candidate(organization=short)
    undecided = make_candidate(organization=short, name="Di", email="di@example.com", decide=False)
    default_org = make_candidate(name="Ed", email="ed@example.com")
    now = timezone.now()

    assert retention_due(now=now + timedelta(days=29)) == {}
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.INFO, logger="privacy"):
        counts = retention_enforce(now=now + timedelta(days=31))

    assert counts["candidates"] == 2 and counts["interviews"] == 2 and counts["files"] == 2
    for gone in (decided, undecided):
        assert not Document.objects.filter(pk=gone.resume.pk).exists()
        assert not Path(gone.file_path).exists()
    assert Document.objects.filter(pk=default_org.resume.pk).exists(), "the default organisation keeps 180 days"
    summary = ErasureSummary.objects.get()
    assert (summary.organization_id, summary.reason, summary.candidates) == (short.pk, "retention", 2)
    assert summary.decisions == {"advance": 1, "none": 1} and summary.score_histogram == {"3.5": 2}
    assert "retention: 2 candidate(s) erased" in caplog.text and "turns 4" in caplog.text
    assert AuditEvent.objects.filter(action="candidate.erased", detail__reason="retention").count() == 2

    assert retention_due(now=now + timedelta(days=179)) == {}
    assert list(retention_due(now=now + timedelta(days=181)).values()) == [[default_org.resume.pk]]


def test_retention_counts_from_the_latest_activity(db, settings):
    settings.DATA_RETENTION_DAYS = 30
    candidate = make_candidate()
    now = timezone.now()
    # A new interview's activity 20 days later restarts the clock.
    candidate.interview.__class__.objects.filter(pk=candidate.interview.pk).update(
        last_activity_at=now + timedelta(days=20))
    assert retention_due(now=now + timedelta(days=31)) == {}
    assert retention_due(now=now + timedelta(days=51)) != {}
    settings.DATA_RETENTION_DAYS = 0  # off
    assert retention_due(now=now + timedelta(days=5000)) == {}


def test_the_beat_schedule_runs_retention(db):
    task = "privacy.tasks.retention_enforce_task"
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == task)
    assert entry["schedule"] > 0
    app.loader.import_default_modules()  # what a worker and beat do at start: the apps' tasks modules
    assert "privacy.tasks.retention_enforce_task" in app.tasks
    out = io.StringIO()
    call_command("enforce_retention", stdout=out)
    assert "Erased 0 candidate(s)" in out.getvalue()
