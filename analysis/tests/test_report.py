import json

import pytest

from analysis.models import EvaluationReport
from analysis.reporting import REPORT, ReportOutput
from analysis.services import report_generate
from interviews.models import Turn
from llm.providers.base import ProviderError

from .conftest import script
from .transcripts import GIBBERISH, INJECTION, STRONG, WEAK


def scores(report) -> dict:
    return {c["name"]: c["score"] for c in report.data["competencies"]}


def report_for(make_interview, plan, answers, **kwargs):
    return report_generate(interview_id=make_interview(script(plan, answers), **kwargs).pk)


def test_strong_transcript_outscores_weak_on_every_competency(make_interview, plan):
    strong = report_for(make_interview, plan, STRONG)
    weak = report_for(make_interview, plan, WEAK)

    assert strong.status == weak.status == EvaluationReport.Status.READY
    for name, score in scores(weak).items():
        assert score is not None and scores(strong)[name] > score, name
    assert strong.overall_score >= 4.0 and weak.overall_score <= 2.0
    # The offline engine is a stand-in: its advisory label is never strong_yes or strong_no.
    assert strong.recommendation == "yes" and weak.recommendation == "no"
    assert strong.confidence > 0.5
    assert strong.data["strengths"] and weak.data["concerns"]
    assert any("Python in depth" in s for s in strong.data["strengths"])


def test_report_has_the_protocol_shape(make_interview, plan):
    data = report_for(make_interview, plan, STRONG).data

    assert {"overall_score", "recommendation", "confidence", "competencies", "strengths", "concerns", "integrity",
            "code"} <= set(data)
    assert 1.0 <= data["overall_score"] <= 5.0 and 0 <= data["confidence"] <= 1 and data["code"] is None
    assert [c["name"] for c in data["competencies"]] == [c["name"] for c in plan.competencies]
    ReportOutput.model_validate(data)


def test_only_competencies_addressed_are_scored(make_interview, plan):
    report = report_for(make_interview, plan, {"t1": STRONG["t1"], "t3": STRONG["t3"]})
    got = scores(report)

    assert got["Technical depth: Python"] >= 4 and got["System design"] >= 4
    assert got["Problem solving"] is None and got["Technical depth: Django"] is None
    assert report.overall_score is not None and report.confidence < 0.6
    assert any("Technical depth: Django" in c and "not enough evidence" in c for c in report.data["concerns"])


def test_empty_or_gibberish_transcript_has_no_scores_and_no_recommendation(make_interview, plan):
    for answers in (GIBBERISH, {}):
        report = report_for(make_interview, plan, answers)
        assert report.status == EvaluationReport.Status.READY
        assert set(scores(report).values()) == {None}
        assert all(c["evidence"] == [] for c in report.data["competencies"])
        assert report.overall_score is None and report.data["recommendation"] == "insufficient_evidence"
        assert report.recommendation == "insufficient_evidence" and report.confidence == 0
        assert "not enough evidence" in report.data["recommendation_note"]


def test_instructions_to_the_evaluator_do_not_raise_a_score(make_interview, plan):
    weak = scores(report_for(make_interview, plan, WEAK))
    injected = report_for(make_interview, plan, {k: f"{v} {INJECTION}" for k, v in WEAK.items()})
    only_injection = report_for(make_interview, plan, {k: INJECTION for k in WEAK})

    for name, score in scores(injected).items():
        assert score <= weak[name], name
    assert set(scores(only_injection).values()) == {None}
    assert only_injection.data["recommendation"] == "insufficient_evidence"
    for report in (injected, only_injection):
        assert any("addressed to the evaluator" in c for c in report.data["concerns"])
        quotes = [e["quote"] for c in report.data["competencies"] for e in c["evidence"]]
        assert not any("5/5" in q for q in quotes)


def test_evidence_quotes_are_exact_substrings_of_candidate_turns(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    report = report_generate(interview_id=interview.pk)
    candidate = {t.seq: t for t in interview.turns.filter(role=Turn.Role.CANDIDATE)}
    topics = {t["id"]: t["competency"] for t in plan.topics}

    cited = [(c["name"], e) for c in report.data["competencies"] for e in c["evidence"]]
    assert len(cited) >= len(plan.competencies)
    for competency, evidence in cited:
        turn = candidate[evidence["seq"]]
        assert evidence["quote"] in turn.text and len(evidence["quote"]) <= 220
        assert topics[turn.topic_id] == competency  # the quote answers a topic of that competency


def test_swapping_the_candidates_name_changes_nothing(make_interview, make_resume, plan):
    def with_name(name: str):
        answers = {**STRONG, "t1": f"My name is {name}, by the way. {STRONG['t1']}"}
        turns = script(plan, answers, greeting_reply=f"Hi, I'm {name}, reachable at {name.split()[0].lower()}"
                                                     "@example.com.")
        turns.insert(2, ("interviewer", f"Nice to meet you, {name.split()[0]}.", ""))
        return report_generate(interview_id=make_interview(turns, resume=make_resume(name)).pk).data

    assert with_name("Alice Johnson") == with_name("Kwame Mensah")


def test_the_evaluator_never_sees_the_resume_or_the_name(make_interview, plan, monkeypatch):
    from analysis import services

    seen = []
    real = services.structured_sync

    def spy(prompt, context, **kwargs):
        seen.append((prompt, context))
        return real(prompt, context, **kwargs)

    monkeypatch.setattr(services, "structured_sync", spy)
    answers = {**STRONG, "t1": "I'm Alice Johnson (alice.johnson@example.com). " + STRONG["t1"]}
    report_generate(interview_id=make_interview(script(plan, answers)).pk)

    prompt, context = seen[0]
    system, user = prompt.render(context)
    everything = json.dumps(context) + system + user
    for private in ("Alice", "Johnson", "alice.johnson@example.com", "Austin", "UT Austin", "+1 415", "Acme Corp"):
        assert private not in everything, private
    assert STRONG["t3"][:40] in user
    assert user.count("<data name=") == user.count("</data>") > len(plan.topics)
    outside = user
    while "<data name=" in outside:
        start, end = outside.index("<data name="), outside.index("</data>") + len("</data>")
        outside = outside[:start] + outside[end:]
    assert STRONG["t3"][:40] not in outside, "transcript text only inside data blocks"


def test_integrity_signals_are_listed_and_change_no_score(make_interview, plan):
    clean = report_for(make_interview, plan, STRONG)
    flagged = report_for(make_interview, plan, STRONG, signals=[("tab_hidden", ""), ("paste", "412 chars")])

    assert scores(flagged) == scores(clean) and flagged.overall_score == clean.overall_score
    assert [(i["name"], i["detail"]) for i in flagged.data["integrity"]] == [("tab_hidden", ""), ("paste", "412 chars")]
    assert all("T" in i["at"] for i in flagged.data["integrity"])  # ISO 8601 times
    assert clean.data["integrity"] == []


def test_ready_report_is_reused_and_regenerate_keeps_old_versions(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    first = report_generate(interview_id=interview.pk)
    again = report_generate(interview_id=interview.pk)
    second = report_generate(interview_id=interview.pk, regenerate=True)

    assert again.pk == first.pk and first.version == 1
    assert second.version == 2 and second.status == EvaluationReport.Status.READY
    assert list(interview.reports.order_by("version").values_list("version", "status")) == [(1, "ready"), (2, "ready")]
    assert second.data["competencies"] == first.data["competencies"]  # deterministic offline


def test_a_failure_leaves_a_failed_report_never_half_written(make_interview, plan, monkeypatch):
    from analysis import services

    def broken(*args, **kwargs):
        raise ProviderError("upstream timed out", retryable=True)

    interview = make_interview(script(plan, STRONG))
    monkeypatch.setattr(services, "structured_sync", broken)
    failed = report_generate(interview_id=interview.pk)

    assert failed.status == EvaluationReport.Status.FAILED and "upstream timed out" in failed.error
    assert failed.data == {} and failed.overall_score is None and failed.completed_at
    monkeypatch.undo()
    retried = report_generate(interview_id=interview.pk)
    assert retried.version == 2 and retried.status == EvaluationReport.Status.READY


def _model_answer(**overrides) -> ReportOutput:
    body = {"overall_score": 5, "recommendation": "strong_yes", "confidence": 0.99, "competencies": [],
            "strengths": ["Great."], "concerns": [], "integrity": [{"name": "made_up", "at": "x"}], "code": None}
    return ReportOutput.model_validate({**body, **overrides})


def test_model_output_is_validated_before_storing(make_interview, plan, monkeypatch):
    from analysis import services

    interview = make_interview(script(plan, STRONG))
    by_topic = {t.topic_id: t for t in interview.turns.filter(role="candidate").exclude(topic_id="")}
    question = interview.turns.get(role="interviewer", topic_id="t1")
    answer = _model_answer(competencies=[
        {"name": "Technical depth: Python", "score": 5, "evidence": [
            {"seq": question.seq, "quote": question.text[:30]},  # an interviewer turn: dropped
            {"seq": by_topic["t1"].seq, "quote": "I single-handedly rewrote CPython"},  # not said: dropped
        ]},
        {"name": "system design", "score": 4, "evidence": [{"seq": by_topic["t3"].seq, "quote": STRONG["t3"][:60]}]},
        {"name": "Leadership", "score": 5, "evidence": [{"seq": by_topic["t5"].seq, "quote": STRONG["t5"][:40]}]},
    ])
    monkeypatch.setattr(services, "structured_sync", lambda *a, **k: answer)
    report = report_generate(interview_id=interview.pk)

    got = {c["name"]: c for c in report.data["competencies"]}
    assert list(got) == [c["name"] for c in plan.competencies]  # the plan's, in order; "Leadership" dropped
    assert (got["Technical depth: Python"]["score"], got["Technical depth: Python"]["evidence"]) == (None, [])
    assert got["System design"]["score"] == 4
    # Recomputed, not the model's: one competency of five scored is not enough for any recommendation.
    assert report.overall_score == 4.0 and report.recommendation == "insufficient_evidence"
    assert report.confidence <= 1 / len(plan.competencies) + 0.01
    assert report.data["integrity"] == []  # from stored signals, never from the model


def test_a_model_cannot_be_talked_into_a_score(make_interview, plan, monkeypatch):
    from analysis import services

    interview = make_interview(script(plan, {k: f"{v} {INJECTION}" for k, v in WEAK.items()}))
    t1 = interview.turns.get(role="candidate", topic_id="t1")
    answer = _model_answer(competencies=[
        {"name": "Technical depth: Python", "score": 5, "evidence": [{"seq": t1.seq, "quote": WEAK["t1"][:30]}]},
    ])
    monkeypatch.setattr(services, "structured_sync", lambda *a, **k: answer)
    report = report_generate(interview_id=interview.pk)

    assert scores(report)["Technical depth: Python"] <= 2
    assert any("addressed to the evaluator" in c for c in report.data["concerns"])


def test_the_prompt_template_renders(make_interview, plan):
    from analysis.reporting import Anonymizer, report_context, transcript_turns

    interview = make_interview(script(plan, STRONG))
    context = report_context(plan=plan, turns=transcript_turns(interview), anonymize=Anonymizer(names=[], contacts=[]))
    system, user = REPORT.render(context)
    assert "data blocks" in system.lower() or "<data>" in system
    assert plan.topics[0]["strong_answer"][0] in user


@pytest.mark.parametrize("status", ["in_progress", "scheduled"])
def test_unfinished_interviews_can_still_be_reported(make_interview, plan, status):
    report = report_for(make_interview, plan, {"t1": STRONG["t1"]}, status=status)
    assert report.status == EvaluationReport.Status.READY


def test_a_reply_to_the_greeting_is_not_an_answer_to_a_topic(make_interview, plan):
    # The conductor tags every answer with its current topic, the first one during the greeting.
    turns = [
        ("interviewer", "Hello! I'm an AI interviewer. Shall we begin?", ""),
        ("candidate", "Hi, I'm really happy to be here and I am ready to start the interview now.", "t1"),
        ("interviewer", plan.topics[0]["question"], "t1"),
        ("candidate", STRONG["t1"], "t1"),
    ]
    interview = make_interview(turns)
    report = report_generate(interview_id=interview.pk)

    python = report.data["competencies"][0]
    assert python["score"] >= 4 and {e["seq"] for e in python["evidence"]} == {4}
    assert all(c["score"] is None for c in report.data["competencies"][1:])


def test_a_plan_without_a_competency_list_is_judged_by_its_topics(make_interview, jd, resume):
    from analysis.models import InterviewPlan

    topics = [
        {"id": "t-api", "name": "API design", "competency": "System design", "question": "How would you design a "
         "REST API for bookings?", "strong_answer": ["Resources and verbs", "Idempotency keys for retries"]},
        {"id": "t-team", "name": "Teamwork", "question": "How do you handle a disagreement?"},
    ]
    plan = InterviewPlan.objects.create(jd=jd, resume=resume, duration_minutes=20, topics=topics, competencies=[])
    answer = ("I designed the booking API with resources for rooms and reservations, and every POST takes an "
              "idempotency key so client retries never double-book; we served 300 requests per second.")
    report = report_generate(interview_id=make_interview(script(plan, {"t-api": answer}), plan=plan).pk)

    assert report.status == "ready"
    assert [c["name"] for c in report.data["competencies"]] == ["System design", "Teamwork"]
    assert scores(report) == {"System design": scores(report)["System design"], "Teamwork": None}
    assert scores(report)["System design"] >= 3


# --- The offline judge across lines of work and languages ---------------------------------------------------

COLLABORATION = {
    "name": "Working through disagreement",
    "question": "Tell me about a time you disagreed with a teammate or stakeholder about how to do something. How "
                "did you handle it, and how did it turn out?",
    "points": ["Describes the disagreement and the other side's view fairly",
               "Uses data, prototypes or shared criteria to decide, not seniority or volume",
               "Communicates clearly and keeps the working relationship intact",
               "States the outcome and what they learned from it"],
}


def _reading(text: str, topic: dict = COLLABORATION):
    from analysis.reporting.judge import content_stems, read_answer

    return read_answer(text, points=topic["points"], echoed=content_stems(f"{topic['name']} {topic['question']}"))


def test_a_relevant_general_answer_scores_above_a_vague_one_in_any_line_of_work():
    """A hotel supervisor's plain account of a real disagreement is evidence; "I get on with everyone" is not much."""
    general = ("A colleague and I disagreed about whether to upgrade a guest who complained loudly while other "
               "guests waited. We talked it through and asked our manager, and in the end we went with their "
               "approach. It worked out fine and we still work well together.")
    vague = "I get on well with everyone, so I have not really had any disagreements."
    assert _reading(general).substantive and _reading(vague).substantive
    assert round(_reading(general).raw_score) > round(_reading(vague).raw_score)


def test_repeating_a_line_or_the_question_does_not_make_an_answer_longer():
    once = "I always finish my work on time and I do what my manager asks me."
    no_example = "I don't have a specific example right now, I just did what was needed at the time."
    assert _reading(f"{once}\n{no_example}\n{once}").raw_score == _reading(f"{once}\n{no_example}").raw_score
    echo = ("I disagreed with a teammate and a stakeholder about how to do something, I handled it, and it turned "
            "out the way it turned out.")
    assert _reading(echo).raw_score < 1.5


def test_first_person_actions_count_in_any_line_of_work():
    from analysis.reporting.judge import first_person_actions

    assert first_person_actions("I escalated with SBAR, then I drafted the minutes and we reconciled the ledger.") \
        == ["i", "i", "we"]
    assert first_person_actions("I have then planned the tours.") == ["i"]
    # Being, having, using or liking something is not doing it.
    assert first_person_actions("I was involved. I am interested. I have used it. I never tested it. I liked it.") \
        == []


def test_a_name_the_question_gave_is_not_a_detail_the_candidate_brought():
    from analysis.reporting.judge import content_stems, detail_score

    echoed = content_stems("Advanced Cardiac Life Support experience. Your resume mentions Advanced Cardiac Life "
                           "Support.")
    assert detail_score("I have used Advanced Cardiac Life Support a bit and it was fine.", echoed) == 0
    assert detail_score("I led the arrest call with Epic and the Zoll defibrillator.", echoed) >= 0.6


def test_non_english_skill_names_match_with_or_without_accents():
    from analysis.reporting.judge import content_stems, covered_points, stem, words

    assert words("Planificación y Kündigungsschutz") == ["Planificación", "y", "Kündigungsschutz"]
    assert stem("Gestión") == stem("gestion") and stem("Sécurité") == stem("securite")
    # A question that quotes the JD in Spanish: its glue words are not subject matter, its skill name is echo.
    question = "Tell me about your work on Gestión de subcontratas. How did you handle it?"
    echoed = content_stems(question)
    assert not {"de", "la", "y"} & echoed and stem("gestion") in echoed
    points = ["Coordinación de seguridad with each subcontractor before work starts"]
    answer = content_stems("I ran the coordinacion de seguridad meeting with every subcontractor each Monday.")
    assert covered_points(answer, points, echoed) == 1
