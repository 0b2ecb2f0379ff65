import pytest
from rest_framework.test import APIClient

from analysis.models import EvaluationReport
from analysis.services import report_generate
from interviews.models import Interview

from .conftest import script
from .transcripts import STRONG


def url(interview_id: int) -> str:
    return f"/api/v1/interview/{interview_id}/report"


def test_ready_report_is_200_with_the_protocol_fields(api_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    report = report_generate(interview_id=interview.pk)

    response = api_client.get(url(interview.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == report.pk and body["version"] == 1 and body["status"] == "ready"
    assert body["error"] is None and body["interview_id"] == interview.pk
    assert 1.0 <= body["overall_score"] <= 5.0 and body["recommendation"] in ("yes", "strong_yes")
    assert body["competencies"][0]["evidence"][0]["seq"] >= 1
    assert set(body) >= {"confidence", "strengths", "concerns", "integrity", "code"}


def test_newest_version_is_served(api_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    report_generate(interview_id=interview.pk)
    report_generate(interview_id=interview.pk, regenerate=True)
    assert api_client.get(url(interview.pk)).json()["version"] == 2


def test_pending_report_is_202(api_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    EvaluationReport.objects.create(interview=interview, version=1)

    response = api_client.get(url(interview.pk))

    assert response.status_code == 202
    assert response.json() == {"status": "pending", "version": 1}


def test_ended_interview_without_report_is_202_and_asks_for_one(
    api_client, make_interview, plan, django_capture_on_commit_callbacks
):
    interview = make_interview(script(plan, STRONG))
    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client.get(url(interview.pk))

    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert interview.reports.get().status == "pending" and len(callbacks) == 1  # the worker is queued


def test_interview_in_progress_is_202_without_side_effects(api_client, make_interview, plan):
    interview = make_interview(script(plan, {}), status=Interview.Status.IN_PROGRESS)
    response = api_client.get(url(interview.pk))
    assert response.status_code == 202 and response.json() == {"status": "pending"}
    assert not interview.reports.exists()


def test_failed_report_is_200_with_an_error(api_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    EvaluationReport.objects.create(interview=interview, status="failed", error="The model timed out.")

    body = api_client.get(url(interview.pk)).json()

    assert body["status"] == "failed" and body["error"] == {"code": "report_failed", "message": "The model timed out."}
    assert body["overall_score"] is None and body["competencies"] == []


def test_unknown_interview_is_404_in_the_error_shape(api_client, db):
    response = api_client.get(url(999999))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("staff", [False, None])
def test_recruiters_only(django_user_model, make_interview, plan, staff):
    interview = make_interview(script(plan, STRONG))
    client = APIClient()
    if staff is not None:
        client.force_authenticate(django_user_model.objects.create_user("candidate", password="x-pass-123"))
    response = client.get(url(interview.pk))
    assert response.status_code in (401, 403) and "error" in response.json()


def test_regenerate_adds_a_pending_version(api_client, make_interview, plan, django_capture_on_commit_callbacks):
    interview = make_interview(script(plan, STRONG))
    report_generate(interview_id=interview.pk)

    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client.post(f"{url(interview.pk)}/regenerate")

    assert response.status_code == 202 and response.json() == {"status": "pending", "version": 2}
    assert len(callbacks) == 1
    assert api_client.get(url(interview.pk)).status_code == 202
    assert api_client.post(f"{url(interview.pk)}/regenerate").json()["version"] == 2  # not a third


def test_regenerate_needs_an_ended_interview(api_client, make_interview, plan):
    interview = make_interview(script(plan, {}), status=Interview.Status.IN_PROGRESS)
    response = api_client.post(f"{url(interview.pk)}/regenerate")
    assert response.status_code == 409 and response.json()["error"]["code"] == "interview_not_ended"


def test_the_task_fills_the_pending_version(make_interview, plan):
    from analysis.tasks import report_generate_task

    interview = make_interview(script(plan, STRONG))
    pending = EvaluationReport.objects.create(interview=interview, version=1)
    assert report_generate_task(interview.pk) == pending.pk
    pending.refresh_from_db()
    assert pending.status == "ready" and report_generate_task(interview.pk) == pending.pk


def test_schema_documents_the_report(api_client):
    response = api_client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/interview/{interview_id}/report" in response.content


def test_report_endpoint_query_count_is_small(api_client, make_interview, plan, django_assert_max_num_queries):
    interview = make_interview(script(plan, STRONG))
    report_generate(interview_id=interview.pk)
    with django_assert_max_num_queries(4):  # the report's two, the caller's membership, the audit record
        assert api_client.get(url(interview.pk)).status_code == 200


def test_unknown_interview_in_the_service_raises(db):
    with pytest.raises(Interview.DoesNotExist):
        report_generate(interview_id=987654)
