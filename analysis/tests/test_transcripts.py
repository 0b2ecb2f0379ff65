"""Evaluating a transcript held elsewhere: `POST /api/v1/transcripts` and the report it leads to.

The report comes from the same Celery task as a live interview's, run eagerly at commit here (the
integration test in tests/ runs it in a real worker). The offline engine judges; the assertions on
the report hold for any engine: every substantive answer is cited, or its competency is scored.
"""

import pytest

from analysis.models import EvaluationReport, FitAnalysis, InterviewPlan
from documents.models import Document
from interviews.models import Interview, Turn

from .imported_transcripts import CONVERSATION, SUBSTANTIVE_SEQS, json_turns, labelled_text

URL = "/api/v1/transcripts"


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (Interview, Turn, InterviewPlan, EvaluationReport, Document, FitAnalysis)}


def post(client, body, capture):
    with capture(execute=True):
        return client.post(URL, body, format="json")


def uncovered_answers(interview: Interview, report: dict) -> list[int]:
    """Substantive candidate turns neither quoted as evidence nor under a scored competency."""
    cited = {e["seq"] for c in report["competencies"] for e in c["evidence"]}
    scored = {c["name"] for c in report["competencies"] if c["score"] is not None}
    competency_of = {t["id"]: t["competency"] for t in interview.plan.topics}
    turns = {t.seq: t for t in interview.turns.all()}
    return [seq for seq in SUBSTANTIVE_SEQS
            if seq not in cited and competency_of.get(turns[seq].topic_id) not in scored]


def test_a_labelled_transcript_is_accepted_and_its_report_judges_every_answer(
    api_client, jd, resume, taxonomy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = api_client.post(URL, {"jd_id": jd.pk, "resume_id": resume.pk, "text": labelled_text()},
                                   format="json")
    assert response.status_code == 202, response.json()
    body = response.json()
    assert set(body) == {"id", "report_url"} and body["report_url"] == f"/api/v1/interview/{body['id']}/report"
    assert api_client.get(body["report_url"]).status_code == 202  # queued, not yet written
    assert len(queued) == 1
    queued[0]()  # the commit's callback: the report task (eager in tests)

    report = api_client.get(body["report_url"]).json()
    assert report["status"] == "ready"
    interview = Interview.objects.get(pk=body["id"])
    assert uncovered_answers(interview, report) == []
    cited = {e["seq"] for c in report["competencies"] for e in c["evidence"]}
    assert set(SUBSTANTIVE_SEQS) <= cited  # the offline engine quotes each of them
    for competency in report["competencies"]:
        for item in competency["evidence"]:
            assert " ".join(item["quote"].split()) in " ".join(interview.turns.get(seq=item["seq"]).text.split())
    assert report["overall_score"] is not None and report["recommendation"] in ("strong_yes", "yes")


def test_the_interview_is_ended_imported_with_its_turns_in_order(
    api_client, jd, resume, taxonomy, django_capture_on_commit_callbacks
):
    response = post(api_client, {"jd_id": jd.pk, "resume_id": resume.pk, "turns": json_turns()},
                     django_capture_on_commit_callbacks)
    detail = api_client.get(f"/api/v1/interview/{response.json()['id']}").json()
    assert (detail["status"], detail["end_reason"], detail["phase"]) == ("ended", "imported", "ended")
    assert (detail["jd_id"], detail["resume_id"]) == (jd.pk, resume.pk)
    assert [(t["seq"], t["role"], t["text"]) for t in detail["turns"]] == [
        (seq, speaker, text) for seq, (speaker, text, _) in enumerate(CONVERSATION, start=1)
    ]
    assert detail["integrity"] == []  # an imported transcript's times mean nothing: nothing is timed


def test_each_question_is_fitted_to_a_plan_topic_a_follow_up_or_a_new_topic(
    api_client, jd, resume, taxonomy, django_capture_on_commit_callbacks
):
    response = post(api_client, {"jd_id": jd.pk, "resume_id": resume.pk, "turns": json_turns()},
                    django_capture_on_commit_callbacks)
    interview = Interview.objects.get(pk=response.json()["id"])
    topics = {t["id"]: t for t in interview.plan.topics}
    current = None
    for turn, (_, text, what) in zip(interview.turns.order_by("seq"), CONVERSATION, strict=True):
        topic = topics.get(turn.topic_id)
        if what in ("greeting", "closing"):
            assert turn.topic_id == "", (turn.seq, what)
        elif what == "follow-up":
            assert turn.topic_id == current["id"]
            assert turn.kind in ("follow_up", "answer")
        elif what == "ad-hoc":
            assert topic["kind"] == "imported" and topic["question"] == "How do you make sure your code is well " \
                "tested before it ships?"
            assert topic["competency"] in {c["name"] for c in interview.plan.competencies}
            current = topic
        else:
            assert topic["name"] == what, (turn.seq, topic)
            current = topic
            if turn.role == "interviewer":
                assert topic["question"] == " ".join(text.split())  # the rubric shows what was asked


def test_without_a_resume_the_candidate_is_a_named_stand_in_and_the_plan_is_the_jds(
    api_client, jd, taxonomy, django_capture_on_commit_callbacks
):
    response = post(api_client, {"jd_id": jd.pk, "candidate_name": "Bob Stone", "text": labelled_text()},
                    django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.json()
    interview = Interview.objects.get(pk=response.json()["id"])
    stand_in = interview.resume
    assert (stand_in.kind, stand_in.status, stand_in.jd_id, stand_in.display_name) == (
        "resume", "ready", jd.pk, "Bob Stone")
    assert interview.plan.fit is None and not FitAnalysis.objects.filter(resume=stand_in).exists()
    names = {c["name"] for c in interview.plan.competencies}
    assert {"Technical depth: Python", "Technical depth: Django"} <= names
    report = api_client.get(response.json()["report_url"]).json()
    assert report["status"] == "ready" and uncovered_answers(interview, report) == []



BAD_TRANSCRIPTS = [
    ({}, 400, "missing_transcript"),
    ({"turns": json_turns(), "text": labelled_text()}, 400, "ambiguous_transcript"),
    ({"turns": "Interviewer: hi"}, 400, "invalid_turns"),
    ({"turns": [{"speaker": "interviewer", "text": "Why?"}, "Because."]}, 400, "invalid_turns"),
    ({"turns": [{"speaker": "interviewer", "text": "Why?"}, {"speaker": "recruiter", "text": "No."}]}, 400,
     "unknown_speaker"),
    ({"turns": [{"speaker": "interviewer", "text": "Why?"}, {"speaker": "candidate", "text": " \u200b "}]}, 400,
     "empty_turn"),
    ({"text": "Interviewer: Why?\nCandidate:\n\n"}, 400, "empty_turn"),
    ({"text": " \r\n \n"}, 400, "empty_transcript"),
    ({"text": "Transcript of the call\nInterviewer: Why?\nCandidate: Because."}, 400, "unlabelled_text"),
    ({"text": "Interviewer: Why?\nInterviewer: And how?"}, 400, "no_candidate_turn"),
    ({"turns": [{"speaker": "candidate", "text": "I built a billing pipeline."}]}, 400, "no_interviewer_turn"),
]


@pytest.mark.parametrize(("transcript", "status", "code"), BAD_TRANSCRIPTS)
def test_a_bad_transcript_is_refused_with_its_code_and_nothing_is_written(
    api_client, jd, resume, transcript, status, code, django_capture_on_commit_callbacks
):
    before = rows()
    response = post(api_client, {"jd_id": jd.pk, "resume_id": resume.pk, **transcript},
                    django_capture_on_commit_callbacks)
    assert response.status_code == status, response.json()
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert rows() == before


def test_limits_come_from_settings(api_client, jd, resume, settings, django_capture_on_commit_callbacks):
    before = rows()
    settings.TRANSCRIPT_MAX_TURNS = len(CONVERSATION) - 1
    response = post(api_client, {"jd_id": jd.pk, "turns": json_turns()}, django_capture_on_commit_callbacks)
    assert response.status_code == 400 and response.json()["error"]["code"] == "too_many_turns"
    assert str(len(CONVERSATION) - 1) in response.json()["error"]["message"]
    settings.TRANSCRIPT_MAX_TURNS, settings.TRANSCRIPT_MAX_CHARS = 400, 1000
    response = post(api_client, {"jd_id": jd.pk, "text": labelled_text()}, django_capture_on_commit_callbacks)
    assert response.status_code == 400 and response.json()["error"]["code"] == "transcript_too_long"
    assert rows() == before


def test_documents_must_exist_be_of_their_kind_and_be_ready(
    api_client, jd, resume, make_document, django_capture_on_commit_callbacks
):
    processing_jd = make_document(Document.Kind.JD, {}, status=Document.Status.PROCESSING)
    failed_resume = make_document(Document.Kind.RESUME, {}, status=Document.Status.FAILED)
    before = rows()
    cases = [
        ({"resume_id": resume.pk}, 400, "invalid"),  # no jd_id
        ({"jd_id": jd.pk + 1000}, 404, "jd_not_found"),
        ({"jd_id": resume.pk}, 404, "jd_not_found"),  # a resume is not a JD
        ({"jd_id": processing_jd.pk}, 409, "document_not_ready"),
        ({"jd_id": jd.pk, "resume_id": resume.pk + 1000}, 404, "resume_not_found"),
        ({"jd_id": jd.pk, "resume_id": jd.pk}, 404, "resume_not_found"),
        ({"jd_id": jd.pk, "resume_id": failed_resume.pk}, 409, "document_not_ready"),
        ({"jd_id": "seven", "resume_id": resume.pk}, 400, "invalid"),
    ]
    for ids, status, code in cases:
        response = post(api_client, {**ids, "turns": json_turns()}, django_capture_on_commit_callbacks)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), ids
    assert rows() == before


def test_recruiters_only(client, django_user_model, jd, django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    before = rows()
    body = {"jd_id": jd.pk, "turns": json_turns()}
    anonymous = APIClient()
    assert post(anonymous, body, django_capture_on_commit_callbacks).status_code == 401
    member = APIClient()
    member.force_authenticate(django_user_model.objects.create_user(username="candidate", password="x-pass-123"))
    response = post(member, body, django_capture_on_commit_callbacks)
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert rows() == before


def test_the_schema_documents_the_endpoint(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/transcripts"]["post"]
    assert operation["operationId"] == "transcript_import"
    assert {"202", "400", "404", "409"} <= set(operation["responses"])


def test_the_recruiters_pages_show_an_imported_interview(
    api_client, recruiter_client, jd, taxonomy, django_capture_on_commit_callbacks
):
    response = post(api_client, {"jd_id": jd.pk, "candidate_name": "Bob Stone", "text": labelled_text()},
                    django_capture_on_commit_callbacks)
    interview_id = response.json()["id"]
    dashboard = recruiter_client.get("/")
    assert dashboard.status_code == 200 and "Bob Stone" in dashboard.content.decode()
    detail = recruiter_client.get(f"/interviews/{interview_id}/")
    assert detail.status_code == 200
    assert "How do you make sure your code is well tested before it ships?" in detail.content.decode()
    report = recruiter_client.get(f"/interviews/{interview_id}/report/")
    assert report.status_code == 200
    plan = api_client.get(f"/api/v1/interview/{interview_id}/plan").json()
    assert plan["editable"] is False and any(t["kind"] == "imported" for t in plan["topics"])
