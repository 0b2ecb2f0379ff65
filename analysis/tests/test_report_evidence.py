"""Reports that agree with their evidence (issue 12), offline: what a recruiter reading one would notice.

Every answer is counted or excluded with its reason; the summary counts what is shown; a score, its
anchor and its "covers N of M points" line agree; confidence follows the amount of evidence; an early
end is "not enough evidence", never "strong no"; the offline stand-in never speaks firmly and says so;
a competency at 4 or more has a strength; the coding task counts in the competency it tests.
"""

import re

import pytest

from analysis.assessment.answer import answer_assess
from analysis.code.models import CodeSubmission
from analysis.models import EvaluationReport
from analysis.planning.anchors import anchored_level
from analysis.services import report_generate
from interviews.models import Turn

from .conftest import script
from .transcripts import STRONG, WEAK

PYTHON = "Technical depth: Python"
GREETING_STORY = ("Hi! Before we start, I have been building backend services for ten years and I am really "
                  "looking forward to this conversation.")


def generate(make_interview, plan, answers, **kwargs) -> EvaluationReport:
    greeting = kwargs.pop("greeting_reply", "Hi, ready when you are.")
    return report_generate(interview_id=make_interview(script(plan, answers, greeting_reply=greeting), **kwargs).pk)


def by_name(report) -> dict:
    return {c["name"]: c for c in report.data["competencies"]}


def test_every_answer_is_counted_or_excluded_with_its_reason_and_the_summary_counts_what_is_shown(
        make_interview, plan):
    # t2 gets t1's answer again: a repeat is no new evidence. The greeting reply says something, but
    # answers no question.
    interview = make_interview(script(plan, {**STRONG, "t2": STRONG["t1"]}, greeting_reply=GREETING_STORY))
    data = report_generate(interview_id=interview.pk).data

    candidate = {t.seq: t.text for t in interview.turns.filter(role=Turn.Role.CANDIDATE)}
    ledger = {a["seq"]: a for a in data["answers"]}
    assert set(ledger) == set(candidate)  # every answer accounted for
    greeting, repeat = ledger[2], next(a for a in ledger.values() if a["topic_id"] == "t2")
    assert greeting["status"] == "excluded" and "greeting" in greeting["reason"]
    assert repeat["status"] == "excluded" and "repeats an answer" in repeat["reason"]
    counted = [a for a in ledger.values() if a["status"] == "scored"]
    assert len(counted) == 4 and all(a["quote"] and a["quote"] in candidate[a["seq"]] for a in counted)

    shown = data["competencies"]
    scored = [c for c in shown if c["score"] is not None]
    assert data["summary"] == (f"Judged {len(scored)} of {len(shown)} competencies from {len(counted)} substantive "
                               "answers; 2 answers not counted (see why below).")
    assert by_name(report_generate(interview_id=interview.pk))["Problem solving"]["score"] is None


def test_a_score_its_anchor_and_its_points_covered_agree(make_interview, plan):
    interview = make_interview(script(plan, {"t1": STRONG["t1"], "t2": WEAK["t2"], "t3": STRONG["t3"][:260],
                                             "t4": STRONG["t4"], "t5": WEAK["t5"]}))
    report = report_generate(interview_id=interview.pk)

    levels = set()
    for item in report.data["competencies"]:
        coverage, score = item["coverage"], item["score"]
        # 80 % of the points makes level 5 only with concrete detail; otherwise the band is exact.
        assert score in {anchored_level(coverage["covered"], coverage["points"], d) for d in (0.0, 1.0)}, item
        assert item["anchor_level"] == (5 if score == 5 else 3 if score >= 3 else 1)
        assert item["anchor"] == item["anchors"][str(item["anchor_level"])]
        levels.add(score)
    assert len(levels) >= 2  # strong and weak answers land on different levels

    # The per-answer box beside the transcript: its score is the level of the points its note says it covers.
    for turn in interview.turns.filter(role=Turn.Role.CANDIDATE).exclude(topic_id=""):
        assessment = answer_assess(turn_id=turn.pk)
        if assessment.score is None:
            continue
        total = len(assessment.covered_points) + len(assessment.missing_points)
        assert f"Covers {len(assessment.covered_points)} of {total} points" in assessment.notes
        assert assessment.score in {anchored_level(len(assessment.covered_points), total, d) for d in (0.0, 1.0)}


@pytest.mark.parametrize("answer", [STRONG["t1"], WEAK["t1"]])
def test_a_candidate_who_ended_after_one_answer_gets_not_enough_evidence(make_interview, plan, answer):
    report = generate(make_interview, plan, {"t1": answer}, end_reason="candidate_ended")

    assert report.recommendation == report.data["recommendation"] == "insufficient_evidence"
    assert "1 substantive answer judged" in report.data["recommendation_note"]
    assert report.confidence <= 0.2
    assert report.data["confidence_note"].startswith("Low confidence: judged from only 1 substantive answer")


def test_the_offline_engine_never_speaks_firmly_and_says_what_it_is(make_interview, plan):
    strong = generate(make_interview, plan, STRONG)
    weak = generate(make_interview, plan, WEAK)

    assert strong.overall_score >= 4.2 and strong.recommendation == "yes"  # the rules would say strong_yes
    assert weak.overall_score < 2.4 and weak.recommendation == "no"  # ... and strong_no
    for report in (strong, weak):
        assert report.data["engine"] == "offline" and report.confidence <= 0.6
        assert "configure a model (LLM_MAIN) for real assessments" in report.data["engine_note"]
        assert report.data["disagreements"] == [] and report.data["fallback"] is None
        assert all(c["engine"] == "offline" and "rules_score" not in c for c in report.data["competencies"])
    assert "At most 60%" in strong.data["confidence_note"]


def test_confidence_grows_with_the_evidence_and_says_when_it_is_low(make_interview, plan):
    two = generate(make_interview, plan, {"t1": STRONG["t1"], "t3": STRONG["t3"]})
    five = generate(make_interview, plan, STRONG)

    assert 0 < two.confidence < five.confidence <= 0.6
    assert two.data["confidence_note"].startswith("Low confidence: judged from only 2 substantive answers")
    assert "3 of 5 competencies have no score" in two.data["confidence_note"]


def test_every_competency_at_four_or_more_has_a_strength(make_interview, plan):
    report = generate(make_interview, plan, {**STRONG, "t2": WEAK["t2"]})

    high = [c["name"] for c in report.data["competencies"] if (c["score"] or 0) >= 4]
    assert len(high) >= 3
    for name in high:
        assert any(name in s for s in report.data["strengths"]), name
    assert not any("Problem solving" in s for s in report.data["strengths"])


def _submission(interview, passed: int, total: int = 9) -> CodeSubmission:
    return CodeSubmission.objects.create(
        interview=interview, task_id="valid_brackets", language="python", code="def is_balanced(text): ...",
        status=CodeSubmission.Status.DONE, result={"tests": {"passed": passed, "total": total}, "review": {"text": ""}},
    )


def test_the_coding_task_counts_in_the_competency_it_tests(make_interview, plan):
    answers = {**STRONG, "t1": WEAK["t1"]}  # a thin Python answer; the code then decides much of the score
    solved, failed = (make_interview(script(plan, answers)) for _ in range(2))
    _submission(solved, 9)
    _submission(failed, 0)

    good, bad = report_generate(interview_id=solved.pk), report_generate(interview_id=failed.pk)

    python_good, python_bad = by_name(good)[PYTHON], by_name(bad)[PYTHON]
    assert python_good["coverage"]["code"] == {"passed": 9, "total": 9}
    assert python_good["score"] > python_bad["score"]
    assert {k: v["score"] for k, v in by_name(good).items() if k != PYTHON} == \
        {k: v["score"] for k, v in by_name(bad).items() if k != PYTHON}  # only the tested competency moves
    said = re.search(r"from (\d+ substantive answers and the coding task)", good.data["summary"]).group(1)
    assert said in good.data["confidence_note"]  # the same count wherever it is said
    assert good.data["code"]["passed"] == 9


def test_the_dashboard_shows_the_advisory_label_and_that_the_offline_stand_in_gave_it(make_interview, plan,
                                                                                     recruiter_client):
    strong = generate(make_interview, plan, STRONG)
    early = generate(make_interview, plan, {"t1": WEAK["t1"]})

    html = recruiter_client.get("/").content.decode()

    assert f'data-recommendation="{strong.recommendation}"' in html and 'data-recommendation="strong_yes"' not in html
    assert 'data-recommendation="insufficient_evidence"' in html and "Not enough evidence (offline stand-in)" in html
    assert early.recommendation == "insufficient_evidence"
