"""AnthropicModel through the gateway, on the real AsyncAnthropic client over recorded exchanges."""

import asyncio
import time
from decimal import Decimal

import pytest

from llm import gateway
from llm.gateway import Subject
from llm.providers import anthropic as anthropic_provider
from llm.providers import base
from llm.providers.base import ProviderError

from .conftest import CandidateFacts, calls
from .recordings import ANTHROPIC_STREAM, anthropic_error_event, anthropic_events, sse_events

pytestmark = pytest.mark.django_db(transaction=True)

OVERLOADED = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
RATE_LIMITED = {"type": "error", "error": {"type": "rate_limit_error", "message": "Too many requests"}}
PRICES = {"claude-sonnet-5-5": {"input": 3.0, "output": 15.0, "cache_write": 3.75, "cache_read": 0.30}}
FACTS_JSON = ['{"name": "Ada Lovelace", ', '"years": 7, "skills": ', '["python", "sql"]}']


@pytest.fixture(autouse=True)
def _prices(settings):
    settings.LLM_PRICES = PRICES


async def collect(prompt, context, **kwargs) -> list[str]:
    return [piece async for piece in gateway.stream(prompt, context, **kwargs)]


async def test_stream_yields_text_deltas_and_records_usage_and_cost(anthropic_server, turn_prompt):
    anthropic_server.stream(sse_events(ANTHROPIC_STREAM))

    pieces = await collect(turn_prompt, {"topic": "caching"})

    assert pieces == ["Tell me", " about your", " last project."]
    [call] = await calls()
    assert (call.provider, call.model, call.role, call.outcome) == ("anthropic", "claude-sonnet-5-5", "main", "ok")
    assert (call.prompt_name, call.prompt_version) == ("test_turn", 1)
    assert (call.input_tokens, call.output_tokens) == (42, 9)
    assert (call.cache_read_tokens, call.cache_write_tokens) == (1830, 0)
    assert call.ttft_ms is not None and call.total_ms >= call.ttft_ms
    # 42 * 3.0 + 9 * 15.0 + 1830 * 0.30 per million tokens
    assert call.cost_usd == Decimal("0.000810")


async def test_request_caches_the_system_prompt_and_sends_no_sampling_parameters(anthropic_server, turn_prompt):
    anthropic_server.stream(anthropic_events(["Hi"]))

    await collect(turn_prompt, {"topic": "caching"})

    body = anthropic_server.json_body()
    assert body["system"] == [
        {
            "type": "text",
            "text": "You are a careful technical interviewer. Ask one question at a time.",
            "cache_control": {"type": "ephemeral"},
        }
    ]
    assert body["messages"] == [{"role": "user", "content": "Ask the candidate about caching."}]
    assert body["model"] == "claude-sonnet-5-5" and body["stream"] is True
    assert body["max_tokens"] == 300 + anthropic_provider.THINKING_HEADROOM_TOKENS
    assert not {"temperature", "top_p", "top_k", "tool_choice"} & body.keys()
    assert anthropic_server.requests[0].headers["authorization"] == "Bearer sk-ant-test"


async def test_cache_write_then_cache_read_are_recorded(anthropic_server, turn_prompt):
    anthropic_server.stream(anthropic_events(["One"], usage={"cache_creation_input_tokens": 1500}))
    anthropic_server.stream(anthropic_events(["Two"], usage={"cache_read_input_tokens": 1500}))

    await collect(turn_prompt, {"topic": "a"})
    await collect(turn_prompt, {"topic": "b"})

    first, second = await calls()
    assert (first.cache_write_tokens, first.cache_read_tokens) == (1500, 0)
    assert (second.cache_write_tokens, second.cache_read_tokens) == (0, 1500)
    assert second.cost_usd < first.cost_usd


async def test_thinking_blocks_are_not_streamed_as_answer_text(anthropic_server, turn_prompt):
    anthropic_server.stream(anthropic_events(["Why did you", " pick Redis?"], thinking="The candidate mentioned..."))

    assert await collect(turn_prompt, {"topic": "caching"}) == ["Why did you", " pick Redis?"]


async def test_base_url_from_settings_and_no_key_for_a_local_server(anthropic_server, turn_prompt, settings):
    settings.ANTHROPIC_BASE_URL = "http://127.0.0.1:8089/anthropic"
    settings.ANTHROPIC_API_KEY = ""
    anthropic_server.stream(anthropic_events(["Hi"]))

    await collect(turn_prompt, {"topic": "x"})

    request = anthropic_server.requests[0]
    assert str(request.url) == "http://127.0.0.1:8089/anthropic/v1/messages"
    assert request.headers["authorization"] == "Bearer not-needed"


async def test_rate_limit_with_retry_after_then_success_is_recorded_as_retried(anthropic_server, turn_prompt):
    anthropic_server.error(429, RATE_LIMITED, headers={"retry-after": "0.2"})
    anthropic_server.stream(anthropic_events(["Hello"]))

    started = time.perf_counter()
    pieces = await collect(turn_prompt, {"topic": "x"})

    assert pieces == ["Hello"]
    assert time.perf_counter() - started >= 0.2  # the server's retry-after was honoured
    assert len(anthropic_server.requests) == 2
    [call] = await calls()
    assert call.outcome == "retried"


async def test_overloaded_retries_at_most_three_attempts_then_fails(anthropic_server, turn_prompt):
    for _ in range(3):
        anthropic_server.error(529, OVERLOADED, headers={"retry-after-ms": "1"})

    with pytest.raises(ProviderError) as raised:
        await collect(turn_prompt, {"topic": "x"})

    assert raised.value.retryable
    assert len(anthropic_server.requests) == 3
    [call] = await calls()
    assert call.outcome == "failed" and "overloaded" in call.error


async def test_overloaded_falls_back_to_the_next_model(anthropic_server, turn_prompt, settings):
    settings.LLM_FALLBACK = "offline"
    for _ in range(3):
        anthropic_server.error(529, OVERLOADED, headers={"retry-after-ms": "1"})

    text = "".join(await collect(turn_prompt, {"topic": "queues"}))

    assert text == "Tell me about queues in your last project, and what you would change."
    anthropic_call, offline_call = await calls()
    assert (anthropic_call.provider, anthropic_call.outcome) == ("anthropic", "fell_back")
    assert (offline_call.provider, offline_call.outcome) == ("offline", "ok")


async def test_overloaded_error_inside_a_200_stream_is_classified_and_not_retried(anthropic_server, turn_prompt):
    anthropic_server.stream(anthropic_events(["unused"])[:1] + [anthropic_error_event("overloaded_error")])

    with pytest.raises(ProviderError) as raised:
        await collect(turn_prompt, {"topic": "x"})

    assert raised.value.retryable and "overloaded_error" in str(raised.value)
    assert len(anthropic_server.requests) == 1


async def test_transport_error_mid_stream_is_not_retried_and_is_recorded(anthropic_server, turn_prompt, settings):
    settings.LLM_FALLBACK = "offline"  # too late for a fallback: a token was already sent
    events = anthropic_events(["Tell me", " more"])
    anthropic_server.stream(events, fail_after=4)  # after the first text delta
    received = []

    with pytest.raises(ProviderError):
        async for piece in gateway.stream(turn_prompt, {"topic": "x"}):
            received.append(piece)

    assert received == ["Tell me"]
    assert len(anthropic_server.requests) == 1
    [call] = await calls()
    assert call.outcome == "failed" and "ReadError" in call.error and call.ttft_ms is not None


async def test_closing_the_iterator_after_the_first_delta_closes_the_upstream_stream(anthropic_server, turn_prompt):
    body = anthropic_server.stream(anthropic_events(["Tell me", " more"]), stall_after=4)
    pieces = gateway.stream(turn_prompt, {"topic": "x"}, subject=Subject(interview_id=None))

    assert await anext(pieces) == "Tell me"
    await pieces.aclose()

    assert body.closed
    [call] = await calls()
    assert call.outcome == "cancelled"


async def test_cancelling_the_consuming_task_closes_the_upstream_stream(anthropic_server, turn_prompt):
    body = anthropic_server.stream(anthropic_events(["Tell me", " more"]), stall_after=4)
    first = asyncio.Event()

    async def consume():
        async for _ in gateway.stream(turn_prompt, {"topic": "x"}):
            first.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert body.closed
    [call] = await calls()
    assert call.outcome == "cancelled"


async def test_structured_output_uses_the_native_json_schema_format(anthropic_server, facts_prompt):
    anthropic_server.stream(
        anthropic_events(FACTS_JSON, model="claude-haiku-5-5", thinking="Reading the resume.", output_tokens=40)
    )

    facts = await gateway.structured(facts_prompt, {"resume": "Ada, 7 years of Python"})

    assert facts == CandidateFacts(name="Ada Lovelace", years=7, skills=["python", "sql"])
    body = anthropic_server.json_body()
    assert body["model"] == "claude-haiku-5-5"
    output_format = body["output_config"]["format"]
    assert output_format["type"] == "json_schema"
    assert set(output_format["schema"]["properties"]) == {"name", "years", "skills"}
    assert not {"tools", "tool_choice", "temperature"} & body.keys()
    [call] = await calls()
    assert (call.role, call.outcome, call.output_tokens) == ("mini", "ok", 40)


async def test_invalid_structured_output_gets_one_repair_attempt(anthropic_server, facts_prompt):
    anthropic_server.stream(anthropic_events(['{"name": "Ada", "years": -3, "skills": []}'], output_tokens=20))
    anthropic_server.stream(anthropic_events(['{"name": "Ada", "years": 3, "skills": []}'], output_tokens=20))

    facts = await gateway.structured(facts_prompt, {"resume": "Ada"})

    assert facts.years == 3
    repair = anthropic_server.json_body(1)["messages"]
    assert [m["role"] for m in repair] == ["user", "assistant", "user"]  # ends on a user turn: no prefill
    assert "greater than or equal to 0" in repair[-1]["content"]
    [call] = await calls()
    assert call.outcome == "ok" and call.output_tokens == 40  # both attempts are paid for


async def test_structured_output_still_invalid_after_repair_fails(anthropic_server, facts_prompt):
    anthropic_server.stream(anthropic_events(["not json"]))
    anthropic_server.stream(anthropic_events(["still not json"]))

    with pytest.raises(ProviderError, match="after a repair"):
        await gateway.structured(facts_prompt, {"resume": "Ada"})

    [call] = await calls()
    assert call.outcome == "failed"


async def test_refusal_stop_reason_is_a_provider_error(anthropic_server, facts_prompt):
    anthropic_server.stream(anthropic_events([], stop_reason="refusal"))

    with pytest.raises(ProviderError, match="refusal"):
        await gateway.structured(facts_prompt, {"resume": "Ada"})

    assert len(anthropic_server.requests) == 1


async def test_a_retry_after_too_long_to_wait_fails_fast(anthropic_server, turn_prompt):
    anthropic_server.error(429, RATE_LIMITED, headers={"retry-after": "3600"})

    started = time.perf_counter()
    with pytest.raises(ProviderError) as raised:
        await collect(turn_prompt, {"topic": "x"})

    assert raised.value.retryable and time.perf_counter() - started < 2
    assert len(anthropic_server.requests) == 1


async def test_deadline_before_the_first_token_falls_back(anthropic_server, turn_prompt, settings):
    settings.LLM_FALLBACK = "offline"
    body = anthropic_server.stream(anthropic_events(["late"]), stall_after=1)

    text = "".join(await collect(turn_prompt, {"topic": "x"}, deadline_s=0.2))

    assert text.startswith("Tell me about x")
    assert body.closed
    first, second = await calls()
    assert (first.outcome, second.outcome) == ("fell_back", "ok")
    assert "first token" in first.error


async def test_one_client_per_event_loop(anthropic_server):
    async def client_pair():
        return anthropic_provider._client(), anthropic_provider._client()

    first, again = await client_pair()
    other_loop = await asyncio.to_thread(asyncio.run, client_pair())

    assert first is again
    assert other_loop[0] is other_loop[1] and other_loop[0] is not first


def test_synchronous_callers_do_not_pile_up_clients(anthropic_server, facts_prompt):
    for _ in range(3):
        anthropic_server.stream(anthropic_events(['{"name": "Ada", "years": 1, "skills": []}']))
        assert gateway.structured_sync(facts_prompt, {"resume": "Ada"}).years == 1

    # each call ran on its own short-lived loop; only the latest one's client can still be cached
    assert len(anthropic_provider._clients._by_loop) <= 1


async def test_a_forked_child_does_not_reuse_its_parents_client(anthropic_server, monkeypatch):
    parent = anthropic_provider._client()
    monkeypatch.setattr(base.os, "getpid", lambda: -1)  # as seen from a forked child

    assert anthropic_provider._client() is not parent
