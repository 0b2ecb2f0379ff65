"""Human oversight: score overrides with reasons (the evaluator's score kept), hiring decisions, report page."""

import pytest

from analysis.models import Decision, EvaluationReport, ScoreOverride
from analysis.services import report_generate
from interviews.models import Interview

from .conftest import script
from .transcripts import STRONG, WEAK


def overrides_url(interview_id: int) -> str:
    return f"/api/v1/interview/{interview_id}/report/overrides"


def decision_url(interview_id: int) -> str:
    return f"/api/v1/interview/{interview_id}/decision"


def report_url(interview_id: int) -> str:
    return f"/api/v1/interview/{interview_id}/report"


@pytest.fixture
def reported(make_interview, plan):
    interview = make_interview(script(plan, WEAK))
    report_generate(interview_id=interview.pk)
    return interview


# --- Overrides ------------------------------------------------------------------------------------------


def test_override_keeps_the_evaluators_score_on_record(api_client, reported, recruiter):
    body = {"competency": "System design", "score": 4, "reason": "Walked me through a design in the follow-up call."}
    response = api_client.post(overrides_url(reported.pk), body, format="json")

    assert response.status_code == 201
    created = response.json()
    assert created["score"] == 4 and created["original_score"] == 1.0 and created["user"] == "recruiter"
    assert created["report_version"] == 1 and created["reason"] == body["reason"]
    stored = ScoreOverride.objects.get()
    assert (stored.original_score, stored.score, stored.user) == (1.0, 4, recruiter)
    report = EvaluationReport.objects.get(interview=reported)
    assert next(c for c in report.data["competencies"] if c["name"] == "System design")["score"] == 1.0  # untouched

    served = api_client.get(report_url(reported.pk)).json()
    design = next(c for c in served["competencies"] if c["name"] == "System design")
    assert design["score"] == 4 and design["model_score"] == 1.0
    assert design["override"]["reason"] == body["reason"] and design["override"]["user"] == "recruiter"
    assert served["model_overall_score"] == report.overall_score
    assert served["overall_score"] > served["model_overall_score"]  # recomputed from the effective scores
    assert served["recommendation"] == report.data["recommendation"]  # advisory, the evaluator's
    untouched = next(c for c in served["competencies"] if c["name"] == "Problem solving")
    assert untouched["override"] is None and untouched["score"] == untouched["model_score"]


def test_the_newest_override_holds_and_history_is_kept(api_client, reported):
    for score, reason in ((4, "First look."), (2, "On reflection, the example was thin.")):
        api_client.post(overrides_url(reported.pk), {"competency": "system design", "score": score,
                                                     "reason": reason}, format="json")
    served = api_client.get(report_url(reported.pk)).json()
    design = next(c for c in served["competencies"] if c["name"] == "System design")
    assert design["score"] == 2 and design["model_score"] == 1.0
    assert [o["score"] for o in served["overrides"]] == [2, 4]
    assert [o["score"] for o in api_client.get(overrides_url(reported.pk)).json()] == [2, 4]


def test_a_score_without_evidence_can_be_given_and_communication_overridden(api_client, make_interview, plan):
    interview = make_interview(script(plan, {"t1": STRONG["t1"]}))
    report_generate(interview_id=interview.pk)
    for competency in ("Problem solving", "Communication"):
        response = api_client.post(overrides_url(interview.pk), {"competency": competency, "score": 3,
                                                                 "reason": "Seen in the take-home."}, format="json")
        assert response.status_code == 201, response.json()
    served = api_client.get(report_url(interview.pk)).json()
    solving = next(c for c in served["competencies"] if c["name"] == "Problem solving")
    assert solving["model_score"] is None and solving["score"] == 3
    communication = served["communication"]
    assert communication["score"] == 3 and communication["override"]["competency"] == "Communication"


@pytest.mark.parametrize(("body", "code"), [
    ({"competency": "System design", "score": 4, "reason": "   "}, "invalid"),
    ({"competency": "System design", "score": 4}, "invalid"),
    ({"competency": "System design", "score": 6, "reason": "x"}, "invalid"),
    ({"competency": "System design", "score": "four", "reason": "x"}, "invalid"),
    ({"competency": "Leadership", "score": 4, "reason": "x"}, "unknown_competency"),
    ({"competency": "System design", "score": 4, "reason": "x", "version": 7}, "report_not_found"),
])
def test_override_input_is_validated(api_client, reported, body, code):
    response = api_client.post(overrides_url(reported.pk), body, format="json")
    assert response.status_code in (400, 404) and response.json()["error"]["code"] == code
    assert not ScoreOverride.objects.exists()


def test_a_report_being_written_cannot_be_overridden(api_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    EvaluationReport.objects.create(interview=interview, version=1)
    response = api_client.post(overrides_url(interview.pk), {"competency": "System design", "score": 4,
                                                             "reason": "x"}, format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "report_not_ready"


def test_overrides_belong_to_their_version(api_client, reported):
    api_client.post(overrides_url(reported.pk), {"competency": "System design", "score": 5, "reason": "x"},
                    format="json")
    report_generate(interview_id=reported.pk, regenerate=True)
    served = api_client.get(report_url(reported.pk)).json()
    assert served["version"] == 2 and served["overrides"] == []
    assert ScoreOverride.objects.get().report.version == 1


# --- Decisions ------------------------------------------------------------------------------------------


def test_decision_is_recorded_and_the_newest_holds(api_client, reported):
    first = api_client.post(decision_url(reported.pk), {"decision": "hold", "note": "Wait for the second round."},
                            format="json")
    second = api_client.post(decision_url(reported.pk), {"decision": "advance"}, format="json")

    assert first.status_code == second.status_code == 201
    assert second.json()["decision"] == "advance" and second.json()["user"] == "recruiter"
    history = api_client.get(decision_url(reported.pk)).json()
    assert history["decision"]["decision"] == "advance"
    assert [d["decision"] for d in history["history"]] == ["advance", "hold"]
    assert history["history"][1]["note"] == "Wait for the second round."
    assert api_client.get(report_url(reported.pk)).json()["decision"]["decision"] == "advance"
    assert Decision.objects.count() == 2


def test_decision_input_is_validated(api_client, reported, make_interview, plan):
    bad = api_client.post(decision_url(reported.pk), {"decision": "hire"}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"
    running = make_interview(script(plan, {}), status=Interview.Status.IN_PROGRESS)
    early = api_client.post(decision_url(running.pk), {"decision": "reject"}, format="json")
    assert early.status_code == 409 and early.json()["error"]["code"] == "interview_not_ended"
    assert not Decision.objects.exists()


def test_the_system_never_decides(make_interview, plan):
    report_generate(interview_id=make_interview(script(plan, STRONG)).pk)
    report_generate(interview_id=make_interview(script(plan, WEAK)).pk)
    assert not Decision.objects.exists()


@pytest.mark.parametrize("url", [overrides_url, decision_url])
def test_oversight_is_for_recruiters_only(client, django_user_model, reported, url):
    anonymous = client.post(url(reported.pk), {"decision": "advance"}, content_type="application/json")
    client.force_login(django_user_model.objects.create_user("someone", password="x-pass-123"))
    not_staff = client.post(url(reported.pk), {"decision": "advance"}, content_type="application/json")
    assert anonymous.status_code in (401, 403) and not_staff.status_code in (403, 404)


# --- The report page ------------------------------------------------------------------------------------


def page(interview_id: int) -> str:
    return f"/interviews/{interview_id}/report/"


def test_report_page_forms_record_overrides_and_decisions(recruiter_client, reported):
    response = recruiter_client.post(page(reported.pk) + "overrides/", {
        "competency": "System design", "score": "4", "reason": "Strong whiteboard follow-up.", "version": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?version=1")
    response = recruiter_client.post(f"/interviews/{reported.pk}/decision/", {"decision": "reject",
                                                                               "note": "Too junior for now."})
    assert response.status_code == 302

    html = recruiter_client.get(page(reported.pk)).content.decode()
    assert "Strong whiteboard follow-up." in html and "the evaluator's score was 1 / 5" in html
    assert "<strong>Reject</strong>" in html and "Too junior for now." in html
    assert 'name="reason" required' in html and 'value="advance"' in html
    assert "the system never advances or rejects anyone" in html


def test_report_page_form_errors_are_shown_not_raised(recruiter_client, reported):
    response = recruiter_client.post(page(reported.pk) + "overrides/", {"competency": "System design", "score": "4",
                                                                        "reason": ""}, follow=True)
    assert response.status_code == 200 and "A reason is required." in response.content.decode()
    assert not ScoreOverride.objects.exists()


def test_strong_answer_points_are_beside_answers_for_the_recruiter_only(recruiter_client, make_interview, plan):
    from django.test import Client

    from analysis.assessment.answer import answer_assess

    interview = make_interview(script(plan, STRONG))
    report_generate(interview_id=interview.pk)
    python_answer = interview.turns.get(role="candidate", topic_id="t1")
    answer_assess(turn_id=python_answer.pk)

    html = recruiter_client.get(page(interview.pk)).content.decode()
    point = plan.topics[0]["strong_answer"][1]
    assert "A strong answer covers" in html and point in html
    assert 'class="covered" title="Covered"' in html
    candidate_html = Client().get(page(interview.pk))
    assert candidate_html.status_code == 302  # the candidate (not logged in) never sees the report page


def test_admin_shows_overrides_decisions_and_assessments(admin_client, reported):
    from analysis.assessment.answer import answer_assess

    report = EvaluationReport.objects.get(interview=reported)
    admin_user = admin_client.session.get("_auth_user_id")
    assert admin_user
    answer_assess(turn_id=reported.turns.filter(role="candidate").last().pk)
    Decision.objects.create(interview=reported, decision="hold", note="n", user_name="admin")
    ScoreOverride.objects.create(report=report, competency="System design", original_score=1, score=3, reason="r")
    for path in ("/admin/analysis/decision/", "/admin/analysis/scoreoverride/", "/admin/analysis/answerassessment/",
                 f"/admin/analysis/evaluationreport/{report.pk}/change/"):
        assert admin_client.get(path).status_code == 200, path
    html = admin_client.get(f"/admin/analysis/evaluationreport/{report.pk}/change/").content.decode()
    assert "Hold (admin)" in html and ">r<" in html.replace("<p>r</p>", ">r<")
