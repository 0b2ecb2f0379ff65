"""The report page in headless Chromium (issue 12), against real Daphne + Celery on PostgreSQL and Redis,
with the model configured as `anthropic:claude-sonnet-5-5` and served by `llm.testing.fake_anthropic`
on localhost (the worker reaches it over TCP, as it would a real API).

Two ended interviews, whose reports the worker writes when the recruiter opens their pages:
- the model answers one report with prose twice (the answer, then its one repair): the page says the
  offline stand-in judged it instead and advises configuring a model for real assessments;
- the model scores the other's API answer 2 where the rule-based reading gives it far more: the page
  shows the disagreement, the engine, and the anchor beside every score (the plans were stored
  without anchors, so these are derived on read).
"""

import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from interviews.models import Interview, Turn
from interviews.tests.factories import make_interview
from llm.testing.fake_anthropic import FakeAnthropic
from organizations.models import Membership, default_organization_id

from . import live
from .conftest import Stack, require_real_services

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(300)]

SHOTS = Path("/tmp/i12-report-shots")
MODEL = "claude-sonnet-5-5"
TOPICS = [
    {"id": "t1", "name": "Booking API", "competency": "System design", "kind": "core", "minutes": 8,
     "why": "The role designs REST APIs.", "question": "How would you design a REST API for a booking system?",
     "strong_answer": ["Resources and HTTP verbs for rooms and reservations",
                       "Idempotency keys so client retries never double-book",
                       "Versioning so old clients keep working", "Pagination and rate limits on listings"]},
    {"id": "t2", "name": "Slow queries", "competency": "Data modelling", "kind": "core", "minutes": 8,
     "why": "The role owns PostgreSQL performance.",
     "question": "Tell me about a time you had to make a slow database query fast.",
     "strong_answer": ["Reads the EXPLAIN ANALYZE plan before changing anything",
                       "Adds or changes an index and measures the result"]},
    {"id": "t3", "name": "Disagreement", "competency": "Collaboration", "kind": "core", "minutes": 6,
     "why": "The role works across teams.", "question": "How do you handle a disagreement about a technical decision?",
     "strong_answer": ["Hears the other side's view first", "Decides on evidence such as a spike or data"]},
]
API_ANSWER = ("I designed the booking API at my last job: resources for rooms and reservations with the usual HTTP "
              "verbs, and every POST takes an idempotency key so client retries never double-book. We versioned it "
              "under /v1 so old mobile clients kept working, and listings have cursor pagination and rate limits of "
              "100 requests per minute; it served 300 requests per second.")
DB_ANSWER = ("A dashboard query took 12 seconds. I read the EXPLAIN ANALYZE plan, saw a sequential scan over 30 "
             "million rows, added a composite index on customer and date, and measured it again at 400 ms.")
TEAM_ANSWER = ("When a colleague wanted Kafka and I preferred plain queues, I asked for her reasons first, then we "
               "ran a two-day spike and decided on the numbers it gave us.")
WAREHOUSE = "warehouse"  # the fallback interview's answers say it; the fake model then answers with prose


def _report_request(body: dict) -> bool:
    schema = (body.get("output_config") or {}).get("format", {}).get("schema") or {}
    return "overall_score" in (schema.get("properties") or {})


def _model(body: dict):
    """Claude, as this test needs it: prose for the warehouse interview's report, a low API score otherwise."""
    if not _report_request(body):
        return None
    prompt = json.dumps(body["messages"])
    if WAREHOUSE in prompt:
        return "Sure! Here is the report: 10/10, hire them."
    blocks = re.findall(r'<data name=\\"turn (\d+) candidate topic=(t\d)\\">', prompt)
    seqs = {topic: int(seq) for seq, topic in blocks}
    quotes = {"t1": API_ANSWER, "t2": DB_ANSWER, "t3": TEAM_ANSWER}
    scores = {"t1": 2, "t2": 5, "t3": 4}
    competencies = [{"name": t["competency"], "score": scores[t["id"]],
                     "evidence": [{"seq": seqs[t["id"]], "quote": " ".join(quotes[t["id"]].split()[:8])}]}
                    for t in TOPICS]
    return {"overall_score": 3.7, "recommendation": "yes", "confidence": 0.8, "competencies": competencies,
            "strengths": [], "concerns": [], "integrity": [], "code": None, "summary": "Concrete answers."}


@pytest.fixture
def model_stack(transactional_db, tmp_path):
    """The fake Anthropic server (in this process), then Celery and Daphne configured to use it."""
    require_real_services()
    with FakeAnthropic(responder=_model) as fake:
        env = live.process_env(settings.DATABASES["default"], tmp_path / "media", LLM_MAIN=f"anthropic:{MODEL}",
                               ANTHROPIC_API_KEY="any-value", ANTHROPIC_BASE_URL=fake.base_url, LLM_FALLBACK="")
        port = live.free_port()
        with (
            live.running(live.worker_args(concurrency=1), env, tmp_path / "worker.log"),
            live.running(live.daphne_args(port), env, tmp_path / "web.log", port=port),
        ):
            yield Stack(base_url=f"http://127.0.0.1:{port}", port=port, logs=tmp_path), fake



def _ended_interview(answers: list[str]) -> Interview:
    interview, _ = make_interview(topics=TOPICS, status=Interview.Status.ENDED, end_reason="completed")
    seq = 0
    for topic, answer in zip(TOPICS, answers, strict=True):
        for role, kind, text in (("interviewer", "question", topic["question"]), ("candidate", "answer", answer)):
            seq += 1
            Turn.objects.create(interview=interview, seq=seq, role=role, kind=kind, text=text, topic_id=topic["id"],
                                status=Turn.Status.COMPLETE)
    return interview


def _report_page(page, base: str, interview_id: int) -> str:
    page.goto(f"{base}/interviews/{interview_id}/report/")
    page.get_by_text("advisory", exact=False).first.wait_for(timeout=120_000)  # the worker wrote it
    return page.inner_text("body")


@pytest.fixture
def ended_interviews(model_stack, settings) -> tuple[Interview, Interview]:
    # Made before Playwright starts: its sync API runs an event loop, where the ORM refuses to run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the server checks it
    user = get_user_model().objects.create_user("recruiter", password="browser-pass-123")
    Membership.objects.create(user=user, organization_id=default_organization_id(), role="recruiter")
    judged = _ended_interview([API_ANSWER, DB_ANSWER, TEAM_ANSWER])
    fell_back = _ended_interview([f"{API_ANSWER} It was for a {WAREHOUSE} booking desk.", DB_ANSWER, TEAM_ANSWER])
    return judged, fell_back


def test_the_report_page_shows_anchors_the_engine_and_a_disagreement(model_stack, ended_interviews, browser):
    stack, fake = model_stack
    judged, fell_back = ended_interviews

    page = browser.new_context().new_page()
    page.goto(stack.base_url + "/")
    page.fill("input[name=username]", "recruiter")
    page.fill("input[name=password]", "browser-pass-123")
    page.click("button[type=submit]")
    page.wait_for_url(stack.base_url + "/")
    SHOTS.mkdir(parents=True, exist_ok=True)

    text = _report_page(page, stack.base_url, judged.pk)
    page.screenshot(path=str(SHOTS / "report-disagreement.png"), full_page=True)
    assert f"Judged by: {MODEL}" in text and "configure a model" not in text
    notice = page.inner_text("#disagreements")
    assert "The model and the rule-based reading disagree" in notice and "System design: the model gave 2" in notice
    assert page.locator(".anchor").count() == len(TOPICS)  # the anchor beside every score
    assert "Level 1 anchor:" in text and "Level 5 anchor:" in text
    assert "Idempotency keys so client retries never double-book" in page.inner_html(".competency")  # its points

    text = _report_page(page, stack.base_url, fell_back.pk)
    page.screenshot(path=str(SHOTS / "report-offline-fallback.png"), full_page=True)
    engine = page.inner_text("#report-engine")
    assert "offline rule-based stand-in (fallback)" in engine and MODEL in engine
    assert "configure a model (LLM_MAIN) for real assessments" in engine
    assert page.locator("#disagreements").count() == 0 and "10/10" not in text
    assert page.locator(".anchor").count() >= 1
    reports = [b for b in fake.requests if _report_request(b)]
    assert len(reports) == 3  # one for the judged interview; the answer and its repair for the other
    assert html.unescape(page.inner_text("#confidence-note")).startswith("Judged from 3 substantive answers")
