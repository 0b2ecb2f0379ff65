"""OpenAICompatModel through the gateway, on the real AsyncOpenAI client over recorded exchanges."""

import json

import pytest

from llm import gateway
from llm.providers.base import ProviderError

from .conftest import CandidateFacts, calls
from .recordings import OPENAI_STREAM, openai_chunks, sse_events

pytestmark = pytest.mark.django_db(transaction=True)

USAGE = {"prompt_tokens": 200, "completion_tokens": 30, "total_tokens": 230}
VALID_FACTS = '{"name": "Ada Lovelace", "years": 7, "skills": ["python"]}'


def bad_request(message: str) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}}


async def collect(prompt, context, **kwargs) -> list[str]:
    return [piece async for piece in gateway.stream(prompt, context, **kwargs)]


async def test_stream_yields_text_and_records_usage_with_cached_tokens(openai_server, turn_prompt):
    openai_server.stream(sse_events(OPENAI_STREAM))

    pieces = await collect(turn_prompt, {"topic": "caching"})

    assert pieces == ["Tell me", " about your", " last project."]
    [call] = await calls()
    assert (call.provider, call.model, call.outcome) == ("openai", "llama-3.3-70b", "ok")
    # prompt_tokens (1250) includes the cached 1024: stored apart, each at its own price
    assert (call.input_tokens, call.cache_read_tokens, call.output_tokens) == (226, 1024, 7)


async def test_request_goes_to_the_configured_server_with_system_and_user_messages(openai_server, turn_prompt):
    openai_server.stream(openai_chunks(["Hi"], usage=USAGE))

    await collect(turn_prompt, {"topic": "caching"})

    request = openai_server.requests[0]
    assert str(request.url) == "http://127.0.0.1:11434/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer not-needed"
    body = json.loads(request.content)
    assert body["messages"] == [
        {"role": "system", "content": "You are a careful technical interviewer. Ask one question at a time."},
        {"role": "user", "content": "Ask the candidate about caching."},
    ]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["max_tokens"] == 300


async def test_a_prompt_history_goes_as_chat_messages_before_the_user_text(openai_server, prompt_dir):
    from llm.prompts import Prompt

    chat = Prompt("test_turn", 1, template_dir=prompt_dir, history="history")
    openai_server.stream(openai_chunks(["Hi"], usage=USAGE))

    await collect(chat, {"topic": "queues", "history": [("assistant", "Hello."), ("user", "<data>Hi</data>")]})

    messages = json.loads(openai_server.requests[0].content)["messages"]
    assert [(m["role"], m["content"]) for m in messages[1:]] == [
        ("assistant", "Hello."), ("user", "<data>Hi</data>"), ("user", "Ask the candidate about queues.")
    ]


async def test_official_openai_gets_max_completion_tokens(openai_server, turn_prompt, settings):
    settings.OPENAI_BASE_URL = ""
    settings.OPENAI_API_KEY = "sk-test"
    openai_server.stream(openai_chunks(["Hi"], usage=USAGE))

    await collect(turn_prompt, {"topic": "x"})

    request = openai_server.requests[0]
    assert request.url.host == "api.openai.com"
    assert json.loads(request.content)["max_completion_tokens"] == 300


async def test_a_server_that_rejects_stream_options_is_asked_again_without(openai_server, turn_prompt):
    openai_server.error(400, bad_request("Unrecognized request argument supplied: stream_options"))
    openai_server.stream(openai_chunks(["Hel", "lo"]))  # and it reports no usage either

    assert await collect(turn_prompt, {"topic": "x"}) == ["Hel", "lo"]

    assert "stream_options" not in openai_server.json_body(1)
    [call] = await calls()
    assert call.output_tokens == 2  # estimated from the pieces when the server reports nothing


async def test_rate_limit_then_success_is_recorded_as_retried(openai_server, turn_prompt):
    openai_server.error(429, bad_request("Rate limit reached"), headers={"retry-after": "0.05"})
    openai_server.stream(openai_chunks(["Hello"], usage=USAGE))

    assert await collect(turn_prompt, {"topic": "x"}) == ["Hello"]

    [call] = await calls()
    assert call.outcome == "retried"


async def test_error_object_inside_a_200_stream_is_a_retryable_provider_error(openai_server, turn_prompt):
    error = {"error": {"message": "The server is overloaded", "type": "server_error", "code": "server_overloaded"}}
    openai_server.stream(openai_chunks(["x"])[:1] + [f"data: {json.dumps(error)}\n\n".encode()])

    with pytest.raises(ProviderError) as raised:
        await collect(turn_prompt, {"topic": "x"})

    assert raised.value.retryable
    assert len(openai_server.requests) == 1


async def test_closing_the_iterator_closes_the_upstream_stream(openai_server, turn_prompt):
    body = openai_server.stream(openai_chunks(["Tell me", " more"]), stall_after=2)
    pieces = gateway.stream(turn_prompt, {"topic": "x"})

    assert await anext(pieces) == "Tell me"
    await pieces.aclose()

    assert body.closed
    [call] = await calls()
    assert call.outcome == "cancelled"


async def test_structured_output_asks_for_the_json_schema(openai_server, facts_prompt):
    openai_server.stream(openai_chunks([VALID_FACTS[:20], VALID_FACTS[20:]], usage=USAGE))

    facts = await gateway.structured(facts_prompt, {"resume": "Ada"})

    assert facts == CandidateFacts(name="Ada Lovelace", years=7, skills=["python"])
    response_format = openai_server.json_body()["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "CandidateFacts"
    assert set(response_format["json_schema"]["schema"]["properties"]) == {"name", "years", "skills"}
    [call] = await calls()
    assert (call.outcome, call.input_tokens, call.output_tokens) == ("ok", 200, 30)


async def test_json_schema_rejected_falls_back_to_json_mode(openai_server, facts_prompt):
    openai_server.error(400, bad_request("response_format json_schema is not supported by this model"))
    openai_server.stream(openai_chunks([VALID_FACTS], usage=USAGE))
    openai_server.stream(openai_chunks([VALID_FACTS], usage=USAGE))

    facts = await gateway.structured(facts_prompt, {"resume": "Ada"})
    await gateway.structured(facts_prompt, {"resume": "Ada"})

    assert facts.name == "Ada Lovelace"
    json_mode = openai_server.json_body(1)
    assert json_mode["response_format"] == {"type": "json_object"}
    assert "JSON schema" in json_mode["messages"][0]["content"]
    assert '"years"' in json_mode["messages"][0]["content"]
    # learnt once: the next call goes straight to JSON mode
    assert len(openai_server.requests) == 3
    assert openai_server.json_body(2)["response_format"] == {"type": "json_object"}


async def test_malformed_json_gets_one_repair_with_the_validation_error(openai_server, facts_prompt):
    openai_server.stream(openai_chunks(['{"name": "Ada", "years": 7, "skills": ["py'], usage=USAGE))
    openai_server.stream(openai_chunks([VALID_FACTS], usage=USAGE))

    facts = await gateway.structured(facts_prompt, {"resume": "Ada"})

    assert facts.skills == ["python"]
    repair = openai_server.json_body(1)
    assert [m["role"] for m in repair["messages"]] == ["system", "user", "assistant", "user"]
    assert repair["messages"][2]["content"] == '{"name": "Ada", "years": 7, "skills": ["py'
    assert "Invalid JSON" in repair["messages"][3]["content"]
    assert repair["response_format"]["type"] == "json_schema"
    [call] = await calls()
    assert call.outcome == "ok" and call.output_tokens == 60


async def test_json_wrapped_in_a_code_fence_is_accepted(openai_server, facts_prompt):
    openai_server.stream(openai_chunks([f"```json\n{VALID_FACTS}\n```"], usage=USAGE))

    facts = await gateway.structured(facts_prompt, {"resume": "Ada"})

    assert facts.years == 7
    assert len(openai_server.requests) == 1


async def test_invalid_after_repair_is_a_provider_error(openai_server, facts_prompt):
    openai_server.stream(openai_chunks(['{"name": "Ada"}']))
    openai_server.stream(openai_chunks(['{"name": "Ada"}']))

    with pytest.raises(ProviderError, match="after a repair"):
        await gateway.structured(facts_prompt, {"resume": "Ada"})

    [call] = await calls()
    assert call.outcome == "failed"
