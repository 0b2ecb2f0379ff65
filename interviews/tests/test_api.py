"""The interview REST API: start and detail, their error shapes, query counts and the OpenAPI schema.

Also home to the builders that test_views and test_admin import: rows are made through the models
directly, so each test states exactly the documents, plan and interview it relies on.
"""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from analysis.models import FitAnalysis, InterviewPlan
from documents.models import Document
from interviews import selectors
from interviews.models import IntegritySignal, Interview, Turn

RAW_TOKEN = "test-invite-token-0123456789abcdefghijklmnop"
START_URL = "/api/v1/interview/start"


# --- builders ------------------------------------------------------------------------------------


def sha256_hex(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_jd(*, title: str = "Senior Backend Engineer", status: str = Document.Status.READY, **fields) -> Document:
    parsed = {"title": title, "seniority": "senior", "required_skills": ["Python", "Django", "PostgreSQL"],
              "nice_to_have_skills": ["Kubernetes"], "min_years": 5, "responsibilities": ["Build APIs"],
              "location": "Berlin", "remote": True}
    return Document.objects.create(kind=Document.Kind.JD, status=status, title=title, parsed=parsed,
                                   text=f"{title}. We need Python, Django and PostgreSQL.", **fields)


def make_resume(*, jd: Document | None, name: str = "Ada Lovelace", status: str = Document.Status.READY,
                **fields) -> Document:
    parsed = {"name": name, "email": "ada@example.com", "skills": ["Python", "Django"], "roles": [],
              "education": [], "total_years": 6}
    return Document.objects.create(kind=Document.Kind.RESUME, status=status, jd=jd, candidate_name=name,
                                   candidate_email="ada@example.com", parsed=parsed,
                                   text=f"{name}. Six years of Python and Django.", **fields)


def make_fit(*, jd: Document, resume: Document, score: int) -> FitAnalysis:
    return FitAnalysis.objects.create(jd=jd, resume=resume, score=score, matched_required=["Python", "Django"],
                                      missing_required=["PostgreSQL"])


def make_plan(*, jd: Document, resume: Document, minutes: int = 30) -> InterviewPlan:
    topics = [{"id": "t1", "name": "PostgreSQL in production", "competency": "Databases", "kind": "gap",
               "why": "Required by the JD; not on the resume.", "question": "How do you find a slow query?",
               "strong_answer": ["Reads EXPLAIN ANALYZE", "Knows index types"], "minutes": 8}]
    return InterviewPlan.objects.create(jd=jd, resume=resume, duration_minutes=minutes, topics=topics,
                                        competencies=[{"name": "Databases", "description": "SQL and tuning"}])


def make_interview(*, token: str = RAW_TOKEN, jd: Document | None = None, resume: Document | None = None,
                   expires_in: timedelta = timedelta(hours=24), **fields) -> Interview:
    jd = jd or make_jd()
    resume = resume or make_resume(jd=jd)
    fields.setdefault("duration_minutes", 30)
    return Interview.objects.create(jd=jd, resume=resume, plan=make_plan(jd=jd, resume=resume),
                                    token_hash=sha256_hex(token), token_expires_at=timezone.now() + expires_in,
                                    **fields)


def add_turns(interview: Interview, count: int) -> None:
    Turn.objects.bulk_create(
        Turn(interview=interview, seq=seq, role="interviewer" if seq % 2 else "candidate",
             kind="question" if seq % 2 else "answer", text=f"turn number {seq}")
        for seq in range(1, count + 1)
    )


def assert_error_shape(response, code: str | None = None) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)
    if code:
        assert body["error"]["code"] == code
    return body["error"]


# --- POST /api/v1/interview/start ----------------------------------------------------------------


def test_start_returns_201_with_candidate_and_ws_links(api_client):
    jd = make_jd()
    resume = make_resume(jd=jd)

    response = api_client.post(START_URL, {"jd_id": jd.pk, "resume_id": resume.pk, "duration_minutes": 15},
                               format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "status", "candidate_url", "ws_url"}
    interview = Interview.objects.get(pk=body["id"])
    assert body["status"] == interview.status == "scheduled"
    assert body["candidate_url"].startswith("http://testserver/i/") and body["candidate_url"].endswith("/")
    token = body["candidate_url"].removeprefix("http://testserver/i/").rstrip("/")
    assert body["ws_url"] == f"ws://testserver/api/v1/interview/{interview.pk}/chat?token={token}"
    assert selectors.token_hash(token) == interview.token_hash  # the link opens this interview
    assert interview.duration_minutes == 15


def test_start_links_use_public_base_url(api_client, settings):
    settings.PUBLIC_BASE_URL = "https://jobs.example.com/"
    jd = make_jd()
    resume = make_resume(jd=jd)

    body = api_client.post(START_URL, {"jd_id": jd.pk, "resume_id": resume.pk}, format="json").json()

    assert body["candidate_url"].startswith("https://jobs.example.com/i/")
    assert body["ws_url"].startswith(f"wss://jobs.example.com/api/v1/interview/{body['id']}/chat?token=")


def test_start_with_document_not_ready_gives_its_code(api_client):
    jd = make_jd()
    resume = make_resume(jd=jd, status=Document.Status.PROCESSING)

    response = api_client.post(START_URL, {"jd_id": jd.pk, "resume_id": resume.pk}, format="json")

    assert 400 <= response.status_code < 500
    assert_error_shape(response, "document_not_ready")
    assert not Interview.objects.exists()


def test_start_with_unknown_document_gives_its_code(api_client):
    resume = make_resume(jd=None)

    response = api_client.post(START_URL, {"jd_id": 999999, "resume_id": resume.pk}, format="json")

    assert response.status_code == 404
    assert_error_shape(response, "jd_not_found")


@pytest.mark.parametrize(
    "body",
    [{"resume_id": 1}, {"jd_id": "x", "resume_id": 1}, {"jd_id": 1, "resume_id": 2, "duration_minutes": 4},
     {"jd_id": 1, "resume_id": 2, "duration_minutes": 121}],
)
def test_start_rejects_bad_input(api_client, body):
    response = api_client.post(START_URL, body, format="json")

    assert response.status_code == 400
    assert_error_shape(response, "invalid")


def test_start_needs_a_recruiter(db, django_user_model):
    anonymous = APIClient().post(START_URL, {"jd_id": 1, "resume_id": 2}, format="json")
    assert anonymous.status_code in (401, 403)
    assert_error_shape(anonymous, "not_authenticated")

    member = APIClient()
    member.force_authenticate(django_user_model.objects.create_user(username="candidate", password="pw-12345!x"))
    refused = member.post(START_URL, {"jd_id": 1, "resume_id": 2}, format="json")
    assert refused.status_code == 403
    assert_error_shape(refused, "permission_denied")


# --- GET /api/v1/interview/{id} ------------------------------------------------------------------


def test_detail_returns_turns_signals_and_report_url(api_client):
    interview = make_interview(status=Interview.Status.IN_PROGRESS, phase=Interview.Phase.TOPICS,
                               started_at=timezone.now())
    add_turns(interview, 3)
    IntegritySignal.objects.create(interview=interview, name="paste", detail="120 characters")

    response = api_client.get(f"/api/v1/interview/{interview.pk}")

    assert response.status_code == 200
    body = response.json()
    assert {"id", "status", "phase", "end_reason", "duration_minutes", "started_at", "ended_at", "jd_id",
            "resume_id", "turns", "signals", "report_url"} <= set(body)
    assert (body["id"], body["status"], body["phase"]) == (interview.pk, "in_progress", "topics")
    assert (body["jd_id"], body["resume_id"]) == (interview.jd_id, interview.resume_id)
    assert [t["seq"] for t in body["turns"]] == [1, 2, 3]
    assert set(body["turns"][0]) == {"seq", "role", "kind", "text", "status", "created_at"}
    assert body["turns"][1] == {**body["turns"][1], "role": "candidate", "kind": "answer", "text": "turn number 2"}
    assert body["signals"][0]["name"] == "paste" and body["signals"][0]["detail"] == "120 characters"
    assert body["report_url"] == f"/api/v1/interview/{interview.pk}/report"


def test_detail_of_unknown_interview_is_404_in_error_shape(api_client):
    response = api_client.get("/api/v1/interview/999999")

    assert response.status_code == 404
    assert_error_shape(response, "not_found")


def test_detail_needs_a_recruiter(db):
    interview = make_interview()

    response = APIClient().get(f"/api/v1/interview/{interview.pk}")

    assert response.status_code in (401, 403)
    assert_error_shape(response, "not_authenticated")


def _detail_queries(client: APIClient, interview: Interview) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/interview/{interview.pk}").status_code == 200
    return len(queries)


def test_detail_query_count_does_not_grow_with_turns(api_client):
    short = make_interview(token="short-token-0123456789abcdef")
    add_turns(short, 1)
    long = make_interview(token="long-token-0123456789abcdefg")
    add_turns(long, 40)
    IntegritySignal.objects.bulk_create(IntegritySignal(interview=long, name="tab_hidden") for _ in range(10))

    # two of them: the caller's membership (organisation and role), read once a request, and the audit record
    # of this view of the transcript
    assert _detail_queries(api_client, short) == _detail_queries(api_client, long) <= 7


# --- the OpenAPI document ------------------------------------------------------------------------


def test_schema_documents_both_operations(client):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # raises on an invalid OpenAPI 3 document
    start = schema["paths"]["/api/v1/interview/start"]["post"]
    detail = schema["paths"]["/api/v1/interview/{interview_id}"]["get"]
    assert "201" in start["responses"] and "requestBody" in start
    assert "200" in detail["responses"] and "404" in detail["responses"]
    # Named enums: no "status" collision with other apps' choice sets (a check --deploy warning).
    assert {"InterviewStatus", "InterviewPhase", "TurnStatus"} <= set(schema["components"]["schemas"])
