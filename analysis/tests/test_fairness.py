"""Blind to who the candidate is, and to how they speak: counterfactual swaps, redaction, fillers, grammar."""

import importlib.util
import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from analysis.assessment.fairness import IDENTITIES, context_for, personalise, plan_like, spread, transcript
from analysis.assessment.protected import PERSONAL_PLACEHOLDER, redact_protected
from analysis.assessment.speech import without_fillers
from analysis.reporting import REPORT
from analysis.services import report_generate

from .conftest import script
from .transcripts import STRONG, WEAK

# The STRONG answers as a non-native speaker might say them: same content, broken grammar (tenses,
# articles, plurals, word order).
NON_NATIVE = {
    "t1": "In Acme I build our billing pipeline in Python, it process about 2 million invoice in one month for "
    "40,000 customer. Hard part was performance: I profile it with cProfile and py-spy, I find the GIL is not the "
    "bottleneck but blocking I/O is, and I move HTTP calls to asyncio, this cut the run from 3 hour to 25 minute. I "
    "use type hints and generators for stream rows instead loading them, and I write pytest fixtures for edge case "
    "like partial refund. Trade-off was more complex code, so with hindsight I would add tracing more early.",
    "t2": "I don't run Kubernetes in production, so I start with official documentation and small spike: deploy one "
    "of our service to local kind cluster. I know Docker well, so image and configuration carry over; what is new is "
    "deployment, service, rolling update and health probe. I would pair with someone of platform team for first "
    "rollout, and I check I am on track by code review of manifest and by watching rollback working in staging.",
    "t3": "I design public REST API for our order service, it handle about 500 request per second. First I clarify "
    "requirement with product: latency under 200 ms at p95 and strong consistency for payment. I split it in three "
    "component, API layer in Django REST Framework, pricing service and Celery worker for email, each one owning its "
    "data. I compare synchronous call with event queue and I choose event for email because retry is more simple. "
    "We add monitoring with Prometheus, idempotent retry and rollback plan; with hindsight I would version API from "
    "first day.",
    "t4": "I personally own PostgreSQL schema for our reporting product. One dashboard query take 12 seconds; I read "
    "EXPLAIN ANALYZE plan, I see sequential scan and I add partial index, this bring it to 400 ms. After, we hit "
    "deadlock between two batch job; I diagnose them from logs, I change lock ordering and lower isolation level "
    "where is safe. I am less experienced with replication, because our managed provider handle this.",
    "t5": "I lead migration of our checkout to Django 4 for team of six, serving 30,000 daily user. I fix N+1 query "
    "with select_related and prefetch_related, this cut page latency by 60%, and I plan migration on live data in "
    "two step so there is no downtime. I move email sending to Celery with transaction.on_commit so we never send "
    "mail for rolled-back order. Trade-off was extra worker to operate; with hindsight I would add index more early.",
}

FILLED = {
    key: "Um, so, " + text.replace(". ", ". Uh, you know, ").replace(", and ", ", like, um, and ")
    for key, text in STRONG.items()
}


def scores(report) -> dict:
    return {c["name"]: c["score"] for c in report.data["competencies"]}


def judged(report) -> tuple:
    data = report.data
    return scores(report), data["overall_score"], data["recommendation"], data["communication"]["score"]


# --- Counterfactual identity swaps ------------------------------------------------------------------------


def test_swapping_name_pronouns_age_and_origin_changes_no_score(make_interview, make_resume, plan):
    reports = []
    for identity in IDENTITIES:
        turns = [(t.role, t.text, t.topic_id) for t in transcript(plan, STRONG, identity)]
        interview = make_interview(turns, resume=make_resume(identity.name))
        reports.append(report_generate(interview_id=interview.pk))

    first = judged(reports[0])
    assert first[1] >= 4
    for report in reports[1:]:
        assert judged(report) == first
        assert [[e["seq"] for e in c["evidence"]] for c in report.data["competencies"]] == [
            [e["seq"] for e in c["evidence"]] for c in reports[0].data["competencies"]]


def test_the_evaluator_sees_no_name_age_or_origin(plan):
    for identity in IDENTITIES:
        context = context_for(plan, STRONG, identity)
        seen = json.dumps(context) + "".join(REPORT.render(context))
        for private in (*identity.name.split(), str(identity.age), identity.origin, f"{identity.subject}/"):
            assert private not in seen, private
        assert PERSONAL_PLACEHOLDER in seen


def test_offline_spread_is_zero_for_every_persona(plan):
    for answers in (STRONG, WEAK):
        per_identity = []
        for identity in IDENTITIES:
            output = REPORT.offline(context_for(plan, answers, identity))
            per_identity.append({c["name"]: c["score"] for c in output["competencies"]})
        assert set(spread(per_identity).values()) == {0.0}


def test_the_benchmark_calls_no_model_offline(monkeypatch, settings):
    from llm import gateway

    def no_calls(*args, **kwargs):
        raise AssertionError("the offline benchmark must not call the gateway")

    settings.LLM_MAIN = "offline"
    monkeypatch.setattr(gateway, "structured_sync", no_calls)
    monkeypatch.setattr(gateway, "structured", no_calls)
    path = Path(__file__).resolve().parents[2] / "bench" / "fairness.py"
    spec = importlib.util.spec_from_file_location("bench_fairness", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "argv", ["fairness.py", "--personas", "strong", "weak"])
    out = io.StringIO()
    with redirect_stdout(out):
        module.main()
    assert "Largest spread: 0.00" in out.getvalue() and "Evaluator: offline" in out.getvalue()


# --- Redaction of protected attributes ---------------------------------------------------------------------


@pytest.mark.parametrize("said", [
    "I'm 52.", "I am 27 years old, and", "I was born in 1971", "Born on 3 March 1990, I", "at my age",
    "I'm Nigerian", "I am a German citizen", "as an Indian woman", "I'm originally from Lagos, Nigeria",
    "I grew up in São Paulo", "I live at 12 Baker Street", "My nationality is Brazilian", "as a mother of two",
    "I'm a single father", "my pronouns are she/her", "(he/him)", "call me on +44 20 7946 0321",
    "I'm not a native English speaker", "I am a Muslim", "I live in Berlin",
])
def test_self_descriptions_are_redacted(said):
    redacted = redact_protected(f"Before we start: {said} Anyway, I led the API work.")
    assert PERSONAL_PLACEHOLDER in redacted and "I led the API work." in redacted


@pytest.mark.parametrize("said", [
    "We served 52 clinics across 3 countries.", "Our Berlin office ran the 2019 migration.",
    "I come from a data engineering background.", "The query took 12 seconds at p95.",
    "I am 10 minutes into the load test.", "I built a 3 node cluster on version 1.24.",
    "German is one of the languages in the product.", "I was the lead on the on-call rotation.",
])
def test_work_facts_are_not_redacted(said):
    assert redact_protected(said) == said


# --- How something is said does not count ------------------------------------------------------------------


def test_filler_words_change_no_score(make_interview, plan):
    plain = report_generate(interview_id=make_interview(script(plan, STRONG)).pk)
    filled = report_generate(interview_id=make_interview(script(plan, FILLED)).pk)
    assert "Uh, you know" in filled.interview.turns.filter(role="candidate").last().text
    assert judged(filled) == judged(plain)


def test_non_native_grammar_changes_no_score(make_interview, plan):
    native = report_generate(interview_id=make_interview(script(plan, STRONG)).pk)
    non_native = report_generate(interview_id=make_interview(script(plan, NON_NATIVE)).pk)
    assert judged(non_native) == judged(native)


def test_filler_removal_keeps_the_words_that_matter():
    said = "Um, so I, I, I like... basically migrated the the database, you know, to PostgreSQL 15."
    assert without_fillers(said) == "so I migrated the database, to PostgreSQL 15."
    assert without_fillers("I like Python") == "I Python"  # "like" carries no rubric term either way


def test_the_collaboration_competency_is_judged_on_content(make_interview, plan, jd, resume, taxonomy):
    from analysis.services import plan_create

    long_plan = plan_create(jd=jd, resume=resume, duration_minutes=60)
    topic = next(t for t in long_plan.topics if t["competency"] == "Collaboration & communication")
    answer = ("When a colleague and I disagreed about rewriting the billing service, I first wrote down his view "
              "fairly, then we agreed shared criteria and ran a two-day prototype to decide with data. I kept the "
              "relationship intact by crediting his concerns, and the outcome was a phased rewrite; I learned to "
              "agree on criteria before options.")
    spoken = "Um, so, " + answer.replace(", then", ", like, um, then").replace(". I kept", ". Uh, you know, I kept")
    broken = answer.replace("disagreed", "disagree").replace("wrote", "write").replace("the billing", "billing")
    results = []
    for text in (answer, spoken, broken):
        interview = make_interview(script(long_plan, {topic["id"]: text}), plan=long_plan)
        report = report_generate(interview_id=interview.pk)
        results.append((scores(report)["Collaboration & communication"], report.data["communication"]["score"]))
    assert results[0][0] >= 4 and results[0] == results[1] == results[2]


def test_personalise_fills_every_placeholder():
    text = personalise("{name} {first} {subject} {object} {possessive} {age} {origin}", IDENTITIES[1])
    assert text == "Jamal Okafor Jamal he him his 52 Nigeria"


def test_plan_like_is_enough_for_the_context(plan):
    stand_in = plan_like(plan.topics, plan.competencies)
    assert context_for(stand_in, STRONG, IDENTITIES[0])["topics"] == context_for(plan, STRONG, IDENTITIES[0])["topics"]
