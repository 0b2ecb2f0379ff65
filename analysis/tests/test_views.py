import re

import pytest
from django.template.loader import render_to_string

from analysis.models import EvaluationReport
from analysis.services import fit_analyze, report_generate

from .conftest import script
from .transcripts import STRONG


def page(interview_id: int) -> str:
    return f"/interviews/{interview_id}/report/"


def test_report_page_shows_scores_evidence_and_transcript(recruiter_client, make_interview, plan):
    answers = {k: v for k, v in STRONG.items() if k != "t5"}
    interview = make_interview(script(plan, answers), signals=[("tab_hidden", "4 s")])
    report = report_generate(interview_id=interview.pk)

    response = recruiter_client.get(page(interview.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "advisory — the decision is yours" in html
    assert f"{report.overall_score:.1f}" in html and "not enough evidence" in html
    evidence = report.data["competencies"][0]["evidence"][0]
    assert f'href="#turn-{evidence["seq"]}"' in html and f'id="turn-{evidence["seq"]}"' in html
    assert evidence["quote"].replace("'", "&#x27;") in html
    assert "tab_hidden" in html and 'http-equiv="refresh"' not in html
    assert "Python in depth" in html  # transcript turns carry their topic names
    for turn in interview.turns.all():
        assert f'id="turn-{turn.seq}"' in html


def test_pending_page_refreshes_itself(recruiter_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    EvaluationReport.objects.create(interview=interview, version=1)
    html = recruiter_client.get(page(interview.pk)).content.decode()
    assert 'http-equiv="refresh"' in html and "being written" in html


def test_older_versions_stay_readable(recruiter_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    report_generate(interview_id=interview.pk)
    report_generate(interview_id=interview.pk, regenerate=True)
    html = recruiter_client.get(page(interview.pk) + "?version=1").content.decode()
    assert "version 1" in html and "?version=2" in html
    assert recruiter_client.get(page(interview.pk) + "?version=9").status_code == 404


def test_regenerate_button_adds_a_version(recruiter_client, make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    report_generate(interview_id=interview.pk)
    response = recruiter_client.post(page(interview.pk) + "regenerate/")
    assert response.status_code == 302 and interview.reports.count() == 2


@pytest.mark.parametrize("who", ["anonymous", "not_staff"])
def test_page_is_for_recruiters_only(client, django_user_model, make_interview, plan, who):
    interview = make_interview(script(plan, STRONG))
    if who == "not_staff":
        client.force_login(django_user_model.objects.create_user("someone", password="x-pass-123"))
    response = client.get(page(interview.pk))
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_unknown_interview_page_is_404(recruiter_client):
    assert recruiter_client.get(page(424242)).status_code == 404


def test_fit_fragment_renders_chips_and_reasons(jd, resume, taxonomy):
    fit = fit_analyze(jd=jd, resume=resume)
    html = render_to_string("analysis/_fit.html", {"fit": fit})
    assert f">{fit.score}<" in html
    chip = r'<span class="matched" title="Required — on the resume[^"]*" data-status="matched">✓ Python</span>'
    assert re.search(chip, html)
    # Flask with Django on the resume is unclear (to confirm), shown with its related skill.
    assert 'class="unclear"' in html and "Flask ≈ Django" in html
    assert f'class="missing" title="Nice to have — not on the resume">{fit.missing_nice[0]}<' in html
    assert fit.reasons[0] in html
    assert render_to_string("analysis/_fit.html", {"fit": None}).strip() == ""


def test_admin_pages_load(admin_client, make_interview, plan):
    report_generate(interview_id=make_interview(script(plan, STRONG)).pk)
    report = EvaluationReport.objects.get()
    for path in (
        "/admin/analysis/fitanalysis/", f"/admin/analysis/fitanalysis/{plan.fit_id}/change/",
        "/admin/analysis/interviewplan/", f"/admin/analysis/interviewplan/{plan.pk}/change/",
        "/admin/analysis/evaluationreport/", f"/admin/analysis/evaluationreport/{report.pk}/change/",
    ):
        response = admin_client.get(path)
        assert response.status_code == 200, path
    html = admin_client.get(f"/admin/analysis/interviewplan/{plan.pk}/change/").content.decode()
    assert plan.topics[0]["question"].replace("'", "&#x27;") in html
    html = admin_client.get(f"/admin/analysis/evaluationreport/{report.pk}/change/").content.decode()
    assert "&quot;overall_score&quot;" in html
