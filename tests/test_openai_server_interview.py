"""A whole interview, and its report, through a local server that speaks the OpenAI Chat Completions API.

Nothing in the product changes: the settings say `openai:llama-3.3-70b` for both roles with
OPENAI_BASE_URL pointing at `llm.testing.fake_openai` on localhost and no key (as for Ollama or
vLLM), and the real consumer, conductor, gateway, provider and `openai` SDK run over TCP. The report
goes through the server's `json_schema` output, and through JSON mode when the server refuses that.
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
from llm.providers import openai_compat
from llm.testing.fake_anthropic import REPLIES
from llm.testing.fake_openai import FakeOpenAI

# The same long, concrete answers as the Anthropic run: long enough for the server's prefix cache.
from .test_anthropic_server_interview import ANSWERS, ORIGIN, frames_until, interviewer_turn_done

pytestmark = pytest.mark.django_db(transaction=True)
MODEL = "llama-3.3-70b"
COMPETENCIES = ["System design", "Data modelling", "Collaboration"]
_CANDIDATE_BLOCK = re.compile(r'<data name="turn (\d+) candidate topic=([^"]*)">\n(.*?)\n</data>', re.DOTALL)
_RUBRIC_LINE = re.compile(r"^(?:Competency: (.+?) — |  Topic (\S+) )", re.MULTILINE)


def grounded_report(request: dict) -> dict | None:
    """What a careful model would answer to the REPORT prompt: quotes taken from the candidate's turns.

    Asked for in either structured mode (`json_schema`, or `json_object` with the schema in the
    system message); any other request gets the server's own interviewer-like text.
    """
    if (request.get("response_format") or {}).get("type") not in ("json_schema", "json_object"):
        return None
    # Another structured call (a follow-up decision, a plan draft) gets the server's own schema sample.
    if "overall_score" not in json.dumps(request.get("response_format")) + json.dumps(request["messages"][0]):
        return None
    prompt = request["messages"][-1]["content"]
    topics: dict[str, list[str]] = {}  # competency -> its topic ids, in the rubric's order
    for competency, topic in _RUBRIC_LINE.findall(prompt):
        if competency:
            topics[competency] = []
        else:
            topics[list(topics)[-1]].append(topic)
    first_answer: dict[str, tuple[int, str]] = {}
    for seq, topic, text in _CANDIDATE_BLOCK.findall(prompt):
        first_answer.setdefault(topic, (int(seq), html.unescape(text)))
    competencies = [
        {"name": name, "score": 4, "evidence": [{"seq": seq, "quote": " ".join(text.split()[:9])}]}
        for name, ids in topics.items() if ids and ids[0] in first_answer for seq, text in [first_answer[ids[0]]]
    ]
    return {"overall_score": 4, "recommendation": "yes", "confidence": 0.8, "competencies": competencies,
            "strengths": ["Concrete, measured answers."], "concerns": [], "integrity": [], "code": None,
            "summary": "Grounded in the transcript."}


@pytest.fixture
def server(settings, monkeypatch):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.LLM_MAIN = settings.LLM_MINI = f"openai:{MODEL}"
    settings.OPENAI_API_KEY = ""  # a local server wants none; the SDK still sends a placeholder
    settings.LLM_FALLBACK = ""
    settings.LLM_PRICES = {MODEL: {"input": 0.59, "output": 0.79, "cache_write": 0.59, "cache_read": 0.30}}
    # What servers were found to refuse is remembered per process; each test starts knowing nothing.
    monkeypatch.setattr(openai_compat, "_no_json_schema", set())
    monkeypatch.setattr(openai_compat, "_no_stream_options", set())
    scheduled: list[int] = []
    monkeypatch.setattr(
        report_generate_task, "delay_on_commit", lambda pk, *a, **k: transaction.on_commit(lambda: scheduled.append(pk))
    )
    with FakeOpenAI(responder=grounded_report) as fake:
        settings.OPENAI_BASE_URL = fake.base_url
        fake.scheduled_reports = scheduled
        yield fake


@pytest.fixture(autouse=True)
async def _no_conductor_left():
    yield
    await conductors_close_all()


def ended_interview() -> Interview:
    """An ended interview on the three topics: greeting, each question answered, closing."""
    interview, _ = make_interview(topics=TOPICS, status=Interview.Status.ENDED)
    said = [("interviewer", "greeting", "Hello, I am an AI interviewer. Shall we begin?", ""),
            ("candidate", "answer", "Yes, I am ready.", "")]
    for topic, answer in zip(TOPICS, ANSWERS, strict=False):
        said += [("interviewer", "question", topic["question"], topic["id"]),
                 ("candidate", "answer", answer, topic["id"])]
    said.append(("interviewer", "closing", "Thank you, that is all from me.", ""))
    for seq, (role, kind, text, topic_id) in enumerate(said, start=1):
        Turn.objects.create(interview=interview, seq=seq, role=role, kind=kind, text=text, topic_id=topic_id)
    return interview


async def test_a_whole_interview_and_its_report_run_through_a_local_openai_compatible_server(server):
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
    assert {(c.provider, c.model, c.outcome) for c in every_call} == {("openai", MODEL, "ok")}
    calls = [c for c in every_call if c.prompt_name == "interviewer_turn"]
    turn_requests = [r for r in server.requests if "Your notes for this turn:" in json.dumps(r["messages"][-1])]
    assert len(turn_requests) == len(calls) >= 4
    for request in turn_requests:
        assert request["model"] == MODEL and request["stream"] is True
        assert request["stream_options"] == {"include_usage": True}
        system = request["messages"][0]
        assert system["role"] == "system" and "Senior Backend Engineer" in system["content"]  # the role, first
        assert "cache_control" not in json.dumps(request)  # Anthropic's markers never reach this API
    history = turn_requests[-1]["messages"]
    assert ANSWERS[0][:60] in json.dumps(history)  # the whole conversation, as chat messages
    assert {m["role"] for m in history[1:-1]} == {"user", "assistant"} and history[-1]["role"] == "user"

    # Usage as the server reported it, the cached prefix apart: nothing cached at first, then mostly reads.
    assert calls[0].cache_read_tokens == 0 and calls[0].input_tokens > 0
    last = calls[-1]
    assert last.cache_read_tokens >= 1024
    assert last.cache_read_tokens >= 0.7 * (last.input_tokens + last.cache_read_tokens)
    assert all(c.ttft_ms is not None and c.output_tokens > 0 and c.cost_usd > 0 for c in calls)

    # The report: the same server answers the structured REPORT prompt through `json_schema`.
    assert server.scheduled_reports == [interview.pk]
    report = await sync_to_async(report_generate)(interview_id=interview.pk)
    assert report.status == EvaluationReport.Status.READY, report.error
    competencies = report.data["competencies"]
    assert [c["name"] for c in competencies] == COMPETENCIES
    answers = {t.seq: t.text async for t in Turn.objects.filter(interview=interview, role="candidate")}
    assert all(c["score"] == 4 and c["evidence"][0]["quote"] in answers[c["evidence"][0]["seq"]] for c in competencies)
    assert report.data["overall_score"] == 4 and report.recommendation == "yes"
    report_call = await ModelCall.objects.aget(interview=interview, prompt_name="report")
    assert (report_call.provider, report_call.model, report_call.outcome) == ("openai", MODEL, "ok")
    sent = server.requests[-1]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "ReportOutput"


async def test_a_server_that_refuses_json_schema_still_gets_a_valid_report_through_json_mode(server):
    server.reject_json_schema = True
    interview = await sync_to_async(ended_interview)()

    report = await sync_to_async(report_generate)(interview_id=interview.pk)

    assert report.status == EvaluationReport.Status.READY, report.error
    competencies = report.data["competencies"]
    assert [c["name"] for c in competencies] == COMPETENCIES
    assert [c["evidence"][0]["seq"] for c in competencies] == [4, 6, 8]
    assert all(c["score"] == 4 for c in competencies) and report.recommendation == "yes"
    refused, json_mode = server.requests
    assert refused["response_format"]["type"] == "json_schema"
    assert json_mode["response_format"] == {"type": "json_object"}
    system = json_mode["messages"][0]["content"]
    assert "JSON schema" in system and '"competencies"' in system  # the shape, told in the instructions
    assert json_mode["messages"][1:] == refused["messages"][1:]  # the same transcript, nothing else changed
    call = await ModelCall.objects.aget(interview=interview, prompt_name="report")
    assert (call.provider, call.outcome) == ("openai", "ok")


async def test_in_json_mode_a_report_the_server_gets_wrong_twice_falls_back_to_the_offline_judge(server):
    server.reject_json_schema = True
    server.responder = lambda request: "Sure! Here is the report: 10/10, hire them." if "response_format" in request \
        else None
    interview = await sync_to_async(ended_interview)()

    report = await sync_to_async(report_generate)(interview_id=interview.pk)

    # Issue 12: a misbehaving model never leaves the recruiter with only `report_failed`.
    assert report.status == EvaluationReport.Status.READY, report.error
    assert report.data["engine"] == "offline fallback" and "invalid" in report.data["fallback"]["reason"]
    assert "10/10" not in json.dumps(report.data)  # none of its words kept, not even in the reason
    kinds = [request["response_format"]["type"] for request in server.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]  # refused, the answer, then one repair
    assert "not a valid JSON" in server.requests[-1]["messages"][-1]["content"]
    call = await ModelCall.objects.aget(interview=interview, prompt_name="report")
    assert call.outcome == "failed"
