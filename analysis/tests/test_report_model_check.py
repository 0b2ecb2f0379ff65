"""A configured model beside the rules: disagreements shown, misbehaviour caught, a report every time.

Claude answers through the real gateway, Anthropic provider and SDK; only the HTTP transport is a
FakeServer replaying Messages API streams (`llm/tests/recordings.py`). Scenarios: the model's report
fails validation twice (the answer, then its one repair) and the offline judge stands in, marked; the
model scores a competency 2+ points away from the rules and the recruiter sees it; the model quotes
words the candidate never said for one competency and the rules score that one; the model lists no
strengths for competencies it scored 4 or 5.
"""

import json

from analysis.models import EvaluationReport
from analysis.services import report_generate
from llm.models import ModelCall
from llm.tests.recordings import anthropic_events

from .conftest import script
from .transcripts import STRONG

PYTHON = "Technical depth: Python"
MODEL = "claude-sonnet-5-5"


def model_answer(plan, interview, scores: dict[str, float], **fields) -> str:
    """A report as Claude would write it: each competency scored with an exact quote of its topic's answer."""
    answers = {t.topic_id: t for t in interview.turns.filter(role="candidate").exclude(topic_id="")}
    competencies = []
    for name, score in scores.items():
        topic = next(t["id"] for t in plan.topics if t["competency"] == name)
        turn = answers[topic]
        competencies.append({"name": name, "score": score,
                             "evidence": [{"seq": turn.seq, "quote": " ".join(turn.text.split()[:10])}]})
    body = {"overall_score": 4.0, "recommendation": "yes", "confidence": 0.85, "competencies": competencies,
            "strengths": ["Measured, first-person answers."], "concerns": [], "integrity": [], "code": None,
            "summary": "A careful, concrete candidate.", **fields}
    return json.dumps(body)


def names(plan) -> list[str]:
    return [c["name"] for c in plan.competencies]


def test_a_model_report_invalid_twice_falls_back_to_the_offline_judge_marked(recorded_model, make_interview, plan,
                                                                             settings):
    interview = make_interview(script(plan, STRONG))
    invalid = json.loads(model_answer(plan, interview, dict.fromkeys(names(plan), 4)))
    invalid["competencies"][0]["score"] = 7  # off the 1-5 scale: fails validation
    recorded_model.stream(anthropic_events([json.dumps(invalid)], model=MODEL))
    recorded_model.stream(anthropic_events([json.dumps(invalid)], model=MODEL))  # the repair, just as wrong

    report = report_generate(interview_id=interview.pk)

    assert report.status == EvaluationReport.Status.READY, report.error
    data = report.data
    assert data["engine"] == "offline fallback"
    assert data["fallback"] == {"model": MODEL, "reason": "its answer was invalid: it did not match the report's "
                                                          "schema, even after one repair"}
    assert "did not give a usable report" in data["engine_note"] and "configure a model" in data["engine_note"]
    assert all(c["engine"] == "offline fallback" for c in data["competencies"])
    assert report.recommendation == "yes" and report.confidence <= 0.6  # the stand-in's caps hold
    assert len(recorded_model.requests) == 2
    assert ModelCall.objects.get(interview=interview, prompt_name="report").outcome == "failed"
    # The scores are the offline judge's own.
    settings.LLM_MAIN = "offline"
    offline = report_generate(interview_id=interview.pk, regenerate=True)
    assert [c["score"] for c in offline.data["competencies"]] == [c["score"] for c in data["competencies"]]


def test_a_gap_of_two_points_between_the_model_and_the_rules_is_shown(recorded_model, make_interview, plan,
                                                                      recruiter_client):
    interview = make_interview(script(plan, STRONG))
    scores = {**dict.fromkeys(names(plan), 4), PYTHON: 2}  # the rules read the Python answer as a 5
    recorded_model.stream(anthropic_events([model_answer(plan, interview, scores)], model=MODEL))

    report = report_generate(interview_id=interview.pk)

    data = report.data
    python = next(c for c in data["competencies"] if c["name"] == PYTHON)
    assert data["engine"] == MODEL and python["engine"] == MODEL
    assert (python["score"], python["rules_score"]) == (2, 5)
    assert [(d["competency"], d["model_score"], d["rules_score"]) for d in data["disagreements"]] == [(PYTHON, 2, 5)]
    assert data["fallback"] is None and "rule-based reading ran beside the model" in data["engine_note"]
    assert report.confidence > 0.6  # a model's confidence is not capped like the stand-in's

    api = recruiter_client.get(f"/api/v1/interview/{interview.pk}/report").json()
    assert api["engine"] == MODEL and api["disagreements"][0]["competency"] == PYTHON
    html = recruiter_client.get(f"/interviews/{interview.pk}/report/").content.decode()
    assert "The model and the rule-based reading disagree" in html and f"Judged by: {MODEL}" in html
    assert "configure a model" not in html


def test_a_competency_the_model_scored_without_real_evidence_is_scored_by_the_rules(recorded_model, make_interview,
                                                                                      plan):
    interview = make_interview(script(plan, STRONG))
    body = json.loads(model_answer(plan, interview, dict.fromkeys(names(plan), 4)))
    made_up = next(c for c in body["competencies"] if c["name"] == "System design")
    made_up["evidence"] = [{"seq": made_up["evidence"][0]["seq"], "quote": "I single-handedly designed AWS"}]
    recorded_model.stream(anthropic_events([json.dumps(body)], model=MODEL))

    data = report_generate(interview_id=interview.pk).data

    design = next(c for c in data["competencies"] if c["name"] == "System design")
    assert design["engine"] == "offline fallback" and design["score"] == design["rules_score"] == 5
    assert design["evidence"] and all(e["quote"] in STRONG["t3"] for e in design["evidence"])
    assert data["engine"] == MODEL and data["fallback"] == {"competencies": ["System design"]}
    assert "System design" in data["engine_note"] and data["confidence"] <= 0.6
    assert data["recommendation"] != "strong_yes"  # part of it is the stand-in's judgement


def test_strengths_are_listed_for_every_competency_the_model_scored_four_or_more(recorded_model, make_interview,
                                                                                   plan):
    interview = make_interview(script(plan, STRONG))
    scores = dict(zip(names(plan), (5, 4, 4, 3, 5), strict=True))
    recorded_model.stream(anthropic_events([model_answer(plan, interview, scores, strengths=[])], model=MODEL))

    data = report_generate(interview_id=interview.pk).data

    for name, score in scores.items():
        named = [s for s in data["strengths"] if s.startswith(name)]
        assert bool(named) == (score >= 4), name
    python = next(s for s in data["strengths"] if s.startswith(PYTHON))
    assert "scored 5 of 5, meets the top of its scale (Covers nearly all of" in python
