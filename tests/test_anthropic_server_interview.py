"""A whole interview, and its report, through a local server that speaks the Anthropic Messages API.

Nothing in the product changes: the settings say `anthropic:claude-sonnet-5-5` with
ANTHROPIC_BASE_URL pointing at `llm.testing.fake_anthropic` on localhost (as the environment would),
and the real consumer, conductor, gateway, provider and SDK run over TCP. The server applies the
API's caching rule, including its 1024-token minimum, so the long answers below are what makes the
conversation's prefix long enough to cache.
"""

import html
import json
import re

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from analysis.models import EvaluationReport
from analysis.services import report_generate
from analysis.tasks import report_generate_task
from interview_site.asgi import application
from interviews.conductor import conductors_close_all
from interviews.models import Interview, Turn
from interviews.tests.factories import TOPICS, make_interview
from llm.models import ModelCall
from llm.testing.fake_anthropic import REPLIES, FakeAnthropic

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://testserver")
_DETAILS = (
    "At my last company in 2023 I owned this end to end. I measured the baseline first: p95 latency was 1.8 seconds "
    "and we had 40 support tickets a week about it. I wrote a short design doc with two options and their costs, "
    "reviewed it with the team lead and the on-call engineers, and we picked the simpler one because we could ship "
    "it in two sprints. I implemented it behind a feature flag, rolled it out to 5 percent of traffic, compared the "
    "dashboards for a week, then went to 100 percent. Latency dropped to 220 milliseconds and the tickets stopped. "
    "The trade-off was extra memory, about 3 GB per node, which we accepted after checking the budget. "
)
OPENINGS = (
    "Right now I lead the payments backend: Python, PostgreSQL and Celery, about 3,000 requests a second.",
    "For the booking API I designed the resources and the idempotency keys myself.",
    "The slow query was a search over 30 million rows; I ran EXPLAIN ANALYZE and added a composite index.",
    "When we disagreed about Kafka I wrote down both options and we ran a two-day spike.",
    "The hardest part was the retry semantics between the mobile clients and our API.",
    "I paired with a junior engineer so that she could own the rollout after me.",
    "We added a reconciliation job that compares our ledger with the provider's records every night.",
    "I do have a question: how large is the team I would join, and who would I work with most?",
)
ANSWERS = [f"{opening} {_DETAILS * 2}".strip() for opening in OPENINGS]
_CANDIDATE_BLOCK = re.compile(r'<data name="turn (\d+) candidate topic=[^"]*">\n(.*?)\n</data>', re.DOTALL)
_COMPETENCY = re.compile(r"^Competency: (.+?) — ", re.MULTILINE)


def grounded_report(request: dict) -> dict | None:
    """What a careful model would answer to the REPORT prompt: quotes taken from the candidate's turns."""
    schema = (request.get("output_config") or {}).get("format", {}).get("schema") or {}
    if "overall_score" not in (schema.get("properties") or {}):
        return None  # another structured call (a follow-up decision, a plan draft): the schema's own sample
    prompt = request["messages"][-1]["content"]
    prompt = prompt if isinstance(prompt, str) else "".join(block["text"] for block in prompt)
    turns = [(int(seq), html.unescape(text)) for seq, text in _CANDIDATE_BLOCK.findall(prompt)]
    competencies = [
        {"name": name, "score": 4, "evidence": [{"seq": seq, "quote": " ".join(text.split()[:9])}]}
        for name, (seq, text) in zip(_COMPETENCY.findall(prompt), turns, strict=False)
    ]
    return {"overall_score": 4, "recommendation": "yes", "confidence": 0.8, "competencies": competencies,
            "strengths": ["Concrete, measured answers."], "concerns": [], "integrity": [], "code": None,
            "summary": "Grounded in the transcript."}


@pytest.fixture
def server(settings, monkeypatch):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.LLM_MAIN = settings.LLM_MINI = "anthropic:claude-sonnet-5-5"
    settings.ANTHROPIC_API_KEY = "any-value"
    settings.LLM_FALLBACK = ""
    scheduled: list[int] = []
    monkeypatch.setattr(
        report_generate_task, "delay_on_commit", lambda pk, *a, **k: transaction.on_commit(lambda: scheduled.append(pk))
    )
    with FakeAnthropic(responder=grounded_report, thinking="The candidate gave numbers; ask for ownership.") as fake:
        settings.ANTHROPIC_BASE_URL = fake.base_url
        fake.scheduled_reports = scheduled
        yield fake


@pytest.fixture(autouse=True)
async def _no_conductor_left():
    yield
    await conductors_close_all()


async def frames_until(ws: WebsocketCommunicator, predicate) -> list[dict]:
    frames = []
    while not frames or not predicate(frames[-1]):
        frames.append(await ws.receive_json_from(10))
    return frames


def interviewer_turn_done(frame: dict) -> bool:
    return frame["type"] == "turn" and frame["role"] == "interviewer"


async def test_a_whole_interview_and_its_report_run_through_a_local_anthropic_server(server):
    interview, token = await sync_to_async(make_interview)(topics=TOPICS)
    ws = WebsocketCommunicator(application, f"/api/v1/interview/{interview.pk}/chat?token={token}", headers=[ORIGIN])
    assert (await ws.connect())[0]
    try:
        await ws.send_to(text_data=json.dumps({"type": "hello", "last_seq": 0}))
        await ws.send_to(text_data=json.dumps({"type": "start", "consent": True}))
        spoken = [(await frames_until(ws, interviewer_turn_done))[-1]]
        for i, answer in enumerate(ANSWERS):  # answer whatever is asked, at length, until the closing
            if spoken[-1]["kind"] == "closing":
                break
            await ws.send_to(text_data=json.dumps({"type": "candidate.message", "text": answer, "client_id": f"a{i}"}))
            spoken.append((await frames_until(ws, interviewer_turn_done))[-1])
        frames = await frames_until(ws, lambda f: f["type"] == "ended")
        assert frames[-1] == {"type": "ended", "reason": "completed"}
    finally:
        await ws.disconnect()

    # The interview: every turn came from the server (fillers and surprises too), none from the offline engine.
    assert spoken[0]["kind"] == "greeting" and spoken[-1]["kind"] == "closing" and len(spoken) >= 4
    stored = [t.text async for t in Turn.objects.filter(interview=interview, role="interviewer").order_by("seq")]
    assert [t["text"] for t in spoken] == stored and all(text in REPLIES for text in stored)
    every_call = [c async for c in ModelCall.objects.filter(interview=interview).order_by("id")]
    failed = [(c.prompt_name, c.error) for c in every_call if c.outcome != "ok"]
    assert {(c.provider, c.model, c.outcome) for c in every_call} == {("anthropic", "claude-sonnet-5-5", "ok")}, failed
    calls = [c for c in every_call if c.prompt_name == "interviewer_turn"]
    turn_requests = [r for r in server.requests if "Your notes for this turn:" in json.dumps(r["messages"][-1])]
    assert len(turn_requests) == len(calls) >= 4
    for request in turn_requests:
        assert request["model"] == "claude-sonnet-5-5" and "temperature" not in request
        assert request["system"][0]["cache_control"] == {"type": "ephemeral"}
        assert "Senior Backend Engineer" in request["system"][0]["text"]  # the role: stable, in the prefix
    history = turn_requests[-1]["messages"]
    assert ANSWERS[0][:60] in json.dumps(history)  # the whole conversation, as messages
    marked = [block for m in history for block in m["content"] if "cache_control" in block]
    assert len(marked) == 1 and marked[0] is history[-1]["content"][-2]  # on the last turn said, before the notes

    # Caching, billed by the API's rule (1024-token minimum): nothing at first, then mostly reads.
    assert calls[0].cache_read_tokens == 0 and calls[0].input_tokens > 0
    last = calls[-1]
    assert last.cache_read_tokens >= 1024
    assert last.cache_read_tokens >= 0.7 * (last.input_tokens + last.cache_write_tokens + last.cache_read_tokens)
    assert sum(c.cache_read_tokens for c in calls) > sum(c.input_tokens for c in calls)
    assert all(c.ttft_ms is not None and c.cost_usd > 0 for c in calls)

    # The report: the same server answers the structured REPORT prompt; the evidence is checked.
    assert server.scheduled_reports == [interview.pk]
    report = await sync_to_async(report_generate)(interview_id=interview.pk)
    assert report.status == EvaluationReport.Status.READY, report.error
    competencies = report.data["competencies"]
    assert [c["name"] for c in competencies] == ["System design", "Data modelling", "Collaboration"]
    assert all(c["score"] == 4 and c["evidence"][0]["seq"] in (2, 4, 6) for c in competencies)
    assert report.data["overall_score"] == 4 and report.recommendation == "yes"
    report_call = await ModelCall.objects.aget(interview=interview, prompt_name="report")
    assert (report_call.provider, report_call.outcome) == ("anthropic", "ok")
    assert server.requests[-1]["output_config"]["format"]["type"] == "json_schema"


async def test_a_report_the_server_gets_wrong_twice_falls_back_to_the_offline_judge_marked(server):
    """Issue 12: a model that misbehaves never leaves the recruiter with only `report_failed`."""
    interview, _ = await sync_to_async(make_interview)(topics=TOPICS[:1], status=Interview.Status.ENDED)
    prose = "Sure! Here is the report: 10/10, hire them."
    server.responder = lambda request: prose if "output_config" in request else None

    report = await sync_to_async(report_generate)(interview_id=interview.pk)

    assert report.status == EvaluationReport.Status.READY, report.error
    assert report.data["engine"] == "offline fallback" and "invalid" in report.data["fallback"]["reason"]
    assert report.data["fallback"]["model"] == "claude-sonnet-5-5" and report.confidence <= 0.6
    assert "10/10" not in json.dumps(report.data)  # none of its words kept, not even in the reason
    assert len(server.requests) == 2  # the answer, then one repair
    call = await ModelCall.objects.aget(interview=interview, prompt_name="report")
    assert call.outcome == "failed"
