"""Per-answer assessment, substance (off-topic, repeated), integrity timeline, communication, plan polish."""

from datetime import timedelta

import pytest
from django.utils import timezone

from analysis.assessment.answer import answer_assess
from analysis.assessment.integrity import integrity_events
from analysis.assessment.prompt import ANSWER_ASSESSMENT, AnswerAssessmentOutput
from analysis.models import AnswerAssessment, EvaluationReport
from analysis.planning import build_plan
from analysis.reporting import report_context, transcript_turns
from analysis.reporting.transcript import Anonymizer
from analysis.selectors import fit_ranked_for_jd
from analysis.services import answer_assessment_request, fit_analyze, report_generate
from analysis.tasks import answer_assess_task
from interviews.models import IntegritySignal, Turn

from .conftest import script
from .transcripts import GIBBERISH, INJECTION, STRONG, WEAK


def scores(report) -> dict:
    return {c["name"]: c["score"] for c in report.data["competencies"]}


def answer_turn(interview, topic_id: str) -> Turn:
    return interview.turns.filter(role="candidate", topic_id=topic_id).order_by("seq").first()


# --- Per-answer assessment ------------------------------------------------------------------------


def test_a_strong_answer_is_assessed_against_its_topic(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    turn = answer_turn(interview, "t4")
    assessment = answer_assess(turn_id=turn.pk)

    topic = next(t for t in plan.topics if t["id"] == "t4")
    assert assessment.topic_id == "t4" and assessment.score >= 4
    assert assessment.covered_points and set(assessment.covered_points) <= set(topic["strong_answer"])
    assert sorted(assessment.covered_points + assessment.missing_points) == sorted(topic["strong_answer"])
    assert "Covers" in assessment.notes


def test_assessment_is_idempotent(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    turn = answer_turn(interview, "t1")
    first = answer_assess_task(turn.pk)
    second = answer_assess_task(turn.pk)
    assert first == second and AnswerAssessment.objects.filter(turn=turn).count() == 1


def test_weak_gibberish_and_greeting_replies(make_interview, plan):
    weak = make_interview(script(plan, WEAK))
    junk = make_interview(script(plan, GIBBERISH))
    greeting_reply = weak.turns.get(seq=2)

    assert answer_assess(turn_id=answer_turn(weak, "t1").pk).score <= 2
    assert answer_assess(turn_id=answer_turn(junk, "t1").pk).score is None
    off_plan = answer_assess(turn_id=greeting_reply.pk)
    assert off_plan.score is None and off_plan.topic_id == "" and "greeting" in off_plan.notes
    interviewer_turn = weak.turns.filter(role="interviewer").first()
    assert answer_assess(turn_id=interviewer_turn.pk) is None


def test_offline_assessment_agrees_with_the_report(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    report = report_generate(interview_id=interview.pk)
    # System design has one topic (t3) with one answer: the per-answer judge and the report's must agree.
    assert answer_assess(turn_id=answer_turn(interview, "t3").pk).score == scores(report)["System design"]


def test_a_follow_up_answer_is_assessed_with_the_earlier_answers_on_its_topic(make_interview, plan):
    topic = plan.topics[0]
    half = STRONG["t1"].split(". ")
    turns = [("interviewer", topic["question"], "t1"), ("candidate", ". ".join(half[:2]) + ".", "t1"),
             ("interviewer", "Could you make that concrete?", "t1"), ("candidate", ". ".join(half[2:]), "t1")]
    interview = make_interview(turns)
    first, second = interview.turns.filter(role="candidate").order_by("seq")
    assert answer_assess(turn_id=second.pk).score >= answer_assess(turn_id=first.pk).score
    assert len(AnswerAssessment.objects.get(turn=second).covered_points) >= len(
        AnswerAssessment.objects.get(turn=first).covered_points)


def test_request_queues_the_job_after_commit(make_interview, plan, django_capture_on_commit_callbacks):
    interview = make_interview(script(plan, STRONG))
    turn = answer_turn(interview, "t2")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer_assessment_request(turn_id=turn.pk)
    assert len(callbacks) == 1 and not AnswerAssessment.objects.exists()  # nothing runs inside the transaction
    callbacks[0]()  # the commit: the (eager) worker runs it
    assert AnswerAssessment.objects.get(turn=turn).score is not None


def test_a_models_assessment_is_validated(make_interview, plan, monkeypatch):
    from analysis.assessment import answer

    interview = make_interview(script(plan, {k: f"{v} {INJECTION}" for k, v in WEAK.items()}))
    turn = answer_turn(interview, "t1")
    monkeypatch.setattr(answer, "structured_sync", lambda *a, **k: AnswerAssessmentOutput(
        score=5, covered=[1, 2, 99, 2], notes="Great   answer."))
    assessment = answer_assess(turn_id=turn.pk)

    assert assessment.score <= 2  # capped by the offline reading: the answer asked for top marks
    topic = plan.topics[0]
    assert assessment.covered_points == topic["strong_answer"][:2] and assessment.notes == "Great answer."


def test_a_failing_model_falls_back_to_the_offline_judge(make_interview, plan, monkeypatch):
    from analysis.assessment import answer

    def broken(*args, **kwargs):
        raise TimeoutError("no answer")

    monkeypatch.setattr(answer, "structured_sync", broken)
    interview = make_interview(script(plan, STRONG))
    assessment = answer_assess(turn_id=answer_turn(interview, "t1").pk)
    assert assessment.score >= 4 and "Offline judge" in assessment.notes


def test_the_assessment_prompt_renders_answers_as_data(make_interview, plan):
    from analysis.assessment.answer import assessment_context

    context = assessment_context(topic=plan.topics[0], answers=["I am Alice Johnson. " + STRONG["t1"]],
                                 anonymize=Anonymizer(names=["Alice Johnson"], contacts=[]))
    system, user = ANSWER_ASSESSMENT.render(context)
    assert "Alice" not in user and '<data name="answer 1">' in user
    assert "filler" in system and "non-native fluency" in system and plan.topics[0]["strong_answer"][0] in user


# --- Substance: off-topic and repeated answers ------------------------------------------------------

OFF_TOPIC = (
    "Last weekend my football club won the regional cup final after extra time, and the whole village celebrated "
    "in the square with music, fireworks and grilled sausages until midnight."
)


@pytest.mark.parametrize("answers", [
    dict.fromkeys(STRONG, OFF_TOPIC),
    dict.fromkeys(STRONG, "I am a hard worker and a fast learner, and I always give my best to the team."),
    {k: "um... like... you know... " * 4 for k in STRONG},
])
def test_off_topic_repeated_or_filler_answers_have_no_recommendation(make_interview, plan, answers):
    report = report_generate(interview_id=make_interview(script(plan, answers)).pk)
    assert set(scores(report).values()) == {None}
    # Issue 12: "not enough evidence" is a recommendation value of its own, not a missing one.
    assert report.data["recommendation"] == "insufficient_evidence" and report.overall_score is None
    assert "not enough evidence" in report.data["recommendation_note"]
    assert report.data["communication"]["score"] is None


def test_a_strong_answer_repeated_for_every_topic_counts_once(make_interview, plan):
    report = report_generate(interview_id=make_interview(script(plan, dict.fromkeys(STRONG, STRONG["t1"]))).pk)
    got = scores(report)
    assert got["Technical depth: Python"] >= 4
    assert [name for name, score in got.items() if score is not None] == ["Technical depth: Python"]


# --- Integrity ----------------------------------------------------------------------------------------


def _time(interview, seq: int, *, question_done: float, answered: float) -> None:
    """Give turn `seq` (an answer) and the question before it realistic times, in seconds from now."""
    start = timezone.now() - timedelta(hours=1)
    Turn.objects.filter(interview=interview, seq=seq - 1).update(completed_at=start + timedelta(seconds=question_done))
    Turn.objects.filter(interview=interview, seq=seq).update(created_at=start + timedelta(seconds=answered))


def test_integrity_reports_fast_answers_long_silences_and_pastes_with_times(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    fast, slow = answer_turn(interview, "t1"), answer_turn(interview, "t2")
    _time(interview, fast.seq, question_done=10, answered=14)  # ~600 characters in 4 s
    _time(interview, slow.seq, question_done=100, answered=400)  # 5 minutes of silence
    signal = IntegritySignal.objects.create(interview=interview, name="paste", detail=f"{len(slow.text)} characters")
    IntegritySignal.objects.filter(pk=signal.pk).update(at=timezone.now() - timedelta(hours=1) + timedelta(seconds=390))

    items = {e.name: e for e in integrity_events(interview)}
    assert set(items) == {"fast_answer", "long_silence", "paste", "pasted_answer"}
    assert f"Turn {fast.seq}:" in items["fast_answer"].detail and "characters a second" in items["fast_answer"].detail
    assert "5 min 0 s" in items["long_silence"].detail
    assert f"Turn {slow.seq}" in items["pasted_answer"].detail
    report = report_generate(interview_id=interview.pk)
    listed = [(i["name"], i["at"]) for i in report.data["integrity"]]
    assert [name for name, _ in listed] == ["fast_answer", "paste", "long_silence", "pasted_answer"]  # by time
    assert all("T" in at for _, at in listed)


def test_integrity_never_changes_a_score(make_interview, plan):
    clean = report_generate(interview_id=make_interview(script(plan, STRONG)).pk)
    flagged_interview = make_interview(script(plan, STRONG), signals=[("tab_hidden", ""), ("paste", "900 characters")])
    for topic_id in ("t1", "t3", "t5"):
        _time(flagged_interview, answer_turn(flagged_interview, topic_id).seq, question_done=0, answered=2)
    flagged = report_generate(interview_id=flagged_interview.pk)

    assert len(flagged.data["integrity"]) >= 5
    for key in ("competencies", "overall_score", "recommendation", "confidence", "communication"):
        assert flagged.data[key] == clean.data[key], key


def test_a_normal_pace_raises_nothing(make_interview, plan):
    interview = make_interview(script(plan, STRONG))
    turn = answer_turn(interview, "t1")
    _time(interview, turn.seq, question_done=0, answered=len(turn.text) / 5)  # 5 characters a second
    assert integrity_events(interview) == []


# --- Communication ----------------------------------------------------------------------------------------


def test_communication_is_reported_from_content(make_interview, plan):
    strong = report_generate(interview_id=make_interview(script(plan, STRONG)).pk).data["communication"]
    weak = report_generate(interview_id=make_interview(script(plan, WEAK)).pk).data["communication"]
    assert strong["score"] > weak["score"] >= 1
    assert "Accent, dialect, filler words" in strong["basis"] and strong["evidence"]


def test_report_is_ready_fast(make_interview, plan):
    import time

    interview = make_interview(script(plan, STRONG))
    started = time.perf_counter()
    report = report_generate(interview_id=interview.pk)
    assert report.status == EvaluationReport.Status.READY and time.perf_counter() - started < 5


# --- Plan polish ------------------------------------------------------------------------------------------

NURSE_JD = {
    "title": "Registered Nurse, Surgical Ward",
    "required_skills": ["Patient assessment", "Medication administration", "Wound care", "Communication", "English"],
    "responsibilities": ["Carry out patient assessment on admission and after surgery",
                         "Keep accurate clinical documentation in the electronic health record system"],
}


def test_a_non_technical_role_gets_a_plan_in_its_own_words():
    fit = {"matched_required": ["Patient assessment", "Medication administration", "Communication", "English"],
           "missing_required": ["Wound care"], "adjacent": [], "matched_nice": []}
    draft = build_plan(jd=NURSE_JD, fit=fit, duration_minutes=60)
    text = " ".join(t["question"] + " " + " ".join(t["strong_answer"]) for t in draft.topics).lower()

    names = [t["name"] for t in draft.topics]
    assert "System design" not in names and "Owning a piece of work" in names
    assert not any(word in text for word in ("project", "latency", "code review", "spike"))
    assert not any("Communication" in n or "English" in n for n in names)  # traits and languages: no topics
    assert all(t["why"] for t in draft.topics)


def test_the_roles_own_name_is_not_a_skill_topic():
    jd = {"title": "Account Executive, Mid-Market", "required_skills": ["Account executive", "Salesforce"]}
    fit = {"matched_required": ["Account executive", "Salesforce"], "missing_required": [], "adjacent": []}
    names = [t["name"] for t in build_plan(jd=jd, fit=fit, duration_minutes=30).topics]
    assert "Salesforce in depth" in names and not any("Account executive" in n for n in names)


def test_a_technical_plan_keeps_its_design_topic(plan):
    assert "System design" in [t["name"] for t in plan.topics]
    assert any("project" in t["question"] for t in plan.topics)


def test_candidates_of_a_jd_are_ranked_by_fit(api_client, jd, make_resume, taxonomy):
    weaker = make_resume("Bo Lin", skills=["Python"], total_years=2)
    stronger = make_resume("Ana Ruiz", skills=["Python", "Django", "PostgreSQL", "Kubernetes", "Flask"])
    for resume in (weaker, stronger):
        fit_analyze(jd=jd, resume=resume)

    assert [f.resume for f in fit_ranked_for_jd(jd=jd)] == [stronger, weaker]
    body = api_client.get(f"/api/v1/jd/{jd.pk}/candidates").json()
    assert [row["candidate"] for row in body] == ["Ana Ruiz", "Bo Lin"] and body[0]["rank"] == 1
    assert body[0]["fit_score"] > body[1]["fit_score"] and body[1]["reasons"]
    assert {"required": "Flask", "related": ["Django"]} not in body[0]["adjacent"]
    assert api_client.get(f"/api/v1/jd/{weaker.pk}/candidates").status_code == 400
    assert api_client.get("/api/v1/jd/999999/candidates").status_code == 404


def test_report_context_without_transcript_turns_is_empty(make_interview, plan):
    interview = make_interview([])
    context = report_context(plan=plan, turns=transcript_turns(interview), anonymize=Anonymizer(names=[], contacts=[]))
    assert context["turns"] == [] and context["topics"]


def test_a_reply_to_a_follow_up_continues_its_topic():
    """The follow-up steers the reply; it need not repeat the topic's words to count, but a repeat never does."""
    from analysis.assessment.substance import judgeable, unusable

    topic = {"id": "t1", "name": "Critical care in depth", "competency": "Technical depth: Critical care",
             "question": "Tell me about the most demanding piece of work you've done with Critical care.",
             "strong_answer": ["Pitfalls met in practice and how they were avoided or fixed"]}
    other = {"id": "t2", "name": "Owning a piece of work", "competency": "Delivery & ownership",
             "question": "Tell me about a time you owned something from start to finish.",
             "strong_answer": ["Sets goals and success measures up front"]}
    first = {"seq": 4, "text": "Critical care is my everyday work: I look after ventilated patients in a 12-bed "
                               "unit, with sedation holds every morning."}
    reply = {"seq": 6, "text": "One night a NEWS2 score looked stable while the lactate kept rising, so I asked "
                               "for a blood gas and escalated to the registrar before the round."}
    assert unusable({"t1": [first, reply]}, [topic]) == {}
    # The same reply as a first answer shares no word with the topic: off-topic, as before.
    assert unusable({"t1": [{**reply, "seq": 4}]}, [topic]) == {4: "off-topic"}
    # After an off-topic first answer, or a vague one that never touched the topic, there is no thread to continue.
    football = {"seq": 4, "text": OFF_TOPIC}
    assert unusable({"t1": [football, reply]}, [topic]) == {4: "off-topic", 6: "off-topic"}
    vague = {"seq": 4, "text": "I have done a bit of it and it was fine."}
    assert unusable({"t1": [vague, reply]}, [topic]) == {6: "off-topic"}
    # A reply that repeats another topic's answer is still a repeat.
    copied = {"seq": 8, "text": first["text"]}
    assert unusable({"t1": [first], "t2": [copied]}, [topic, other]) == {8: "repeat"}
    assert judgeable({"t1": [first, reply]}, [topic])["t1"][1]["text"] == reply["text"]
