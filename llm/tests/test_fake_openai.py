"""The local OpenAI-compatible server (llm.testing.fake_openai): its API shape, its caching rule, and the
real gateway, provider and `openai` SDK talking to it over TCP exactly as they would to a vLLM or Ollama."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx2
import pytest

from llm import gateway
from llm.prompts import Prompt
from llm.providers import openai_compat
from llm.testing.fake_anthropic import REPLIES
from llm.testing.fake_openai import FakeOpenAI, PrefixCache, prompt_text, schema_in_messages

from .conftest import CandidateFacts, calls

LONG = "You are a careful technical interviewer. " * 120  # 4920 characters: 1230 tokens
ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def chat(content: str, **fields) -> dict:
    return {"model": "llama-3.3-70b", "messages": [{"role": "user", "content": content}], **fields}


# --- The API shape, over plain HTTP ----------------------------------------------------------------


@pytest.fixture
def plain():
    with FakeOpenAI() as server:
        yield server


def post(server: FakeOpenAI | SimpleNamespace, body: dict, **headers) -> httpx2.Response:
    headers = {"authorization": "Bearer any", **headers}
    return httpx2.post(f"{server.base_url}/chat/completions", json=body, headers=headers)


def sse_data(response: httpx2.Response) -> list:
    lines = [line.removeprefix("data: ") for line in response.text.split("\n\n") if line.startswith("data: ")]
    return [line if line == "[DONE]" else json.loads(line) for line in lines]


def test_a_stream_has_the_chunk_shape_with_usage_last_and_done(plain):
    response = post(plain, chat("Tell me about queues.", stream=True, stream_options={"include_usage": True}))

    assert response.headers["content-type"] == "text/event-stream"
    *chunks, done = sse_data(response)
    assert done == "[DONE]"
    assert all(c["object"] == "chat.completion.chunk" and c["model"] == "llama-3.3-70b" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text in REPLIES
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"] == plain.usages[-1]
    assert all(c["usage"] is None for c in chunks[:-1])  # "usage": null on every other chunk, as the API does
    assert plain.usages[-1]["completion_tokens"] == -(-len(text) // 4)


def test_without_include_usage_no_chunk_carries_usage(plain):
    *chunks, _ = sse_data(post(plain, chat("Hi", stream=True)))

    assert all(c["choices"] and "usage" not in c for c in chunks)


def test_a_non_streamed_answer_is_one_chat_completion(plain):
    body = post(plain, chat("Hi")).json()

    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    assert body["choices"][0]["message"]["role"] == "assistant" and body["choices"][0]["finish_reason"] == "stop"
    assert body["choices"][0]["message"]["content"] in REPLIES
    assert body["usage"]["total_tokens"] == body["usage"]["prompt_tokens"] + body["usage"]["completion_tokens"]


def test_same_request_same_answer_and_a_responder_decides_when_it_wants(plain):
    first, again = (post(plain, chat("Hi")).json()["choices"][0]["message"]["content"] for _ in range(2))
    assert first == again
    plain.responder = lambda body: {"verdict": "ok"} if "verdict" in body["messages"][-1]["content"] else None

    assert post(plain, chat("Your verdict, as JSON")).json()["choices"][0]["message"]["content"] == '{"verdict": "ok"}'
    assert post(plain, chat("Hi")).json()["choices"][0]["message"]["content"] == first


def test_json_schema_answers_an_instance_of_the_schema(plain):
    schema = CandidateFacts.model_json_schema()
    format_ = {"type": "json_schema", "json_schema": {"name": "CandidateFacts", "schema": schema, "strict": False}}

    content = post(plain, chat("Extract", response_format=format_)).json()["choices"][0]["message"]["content"]

    assert CandidateFacts.model_validate_json(content).years == 1


def test_json_mode_needs_the_word_json_and_reads_the_schema_from_the_system_message(plain):
    refused = post(plain, chat("Extract", response_format={"type": "json_object"}))
    schema = json.dumps(CandidateFacts.model_json_schema())
    system = {"role": "system", "content": f"Answer in JSON matching this JSON schema:\n{schema}"}
    body = chat("Extract", response_format={"type": "json_object"})
    body["messages"].insert(0, system)
    bare = {**body, "messages": [{"role": "user", "content": "Any JSON object."}]}

    assert refused.status_code == 400 and "'json'" in refused.json()["error"]["message"]
    content = post(plain, body).json()["choices"][0]["message"]["content"]
    assert CandidateFacts.model_validate_json(content).name == "name from the local test model"
    assert post(plain, bare).json()["choices"][0]["message"]["content"] == "{}"
    assert schema_in_messages(bare) is None


def test_the_switches_refuse_json_schema_and_stream_options_like_smaller_servers():
    format_ = {"type": "json_schema", "json_schema": {"name": "X", "schema": {"type": "object"}}}
    with FakeOpenAI(reject_json_schema=True, reject_stream_options=True) as server:
        no_schema = post(server, chat("Hi", response_format=format_))
        no_options = post(server, chat("Hi", stream=True, stream_options={"include_usage": True}))
        plain_stream = post(server, chat("Hi", stream=True))

    assert no_schema.status_code == 400 and "json_schema" in no_schema.json()["error"]["message"]
    assert no_options.status_code == 400 and "stream_options" in no_options.json()["error"]["message"]
    assert plain_stream.status_code == 200 and sse_data(plain_stream)[-1] == "[DONE]"
    assert len(server.requests) == 3  # refused requests are kept too


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"messages": [{"role": "user", "content": "x"}]}, 400, "model"),
        (chat("x") | {"messages": []}, 400, "messages"),
        (chat("x") | {"messages": [{"role": "narrator", "content": "x"}]}, 400, "role"),
        (chat("x", stream_options={"include_usage": True}), 400, "only allowed when 'stream' is enabled"),
        (chat("x", response_format={"type": "yaml"}), 400, "Supported values"),
        (chat("x", response_format={"type": "json_schema", "json_schema": {}}), 400, "name and a schema"),
    ],
)
def test_invalid_requests_get_the_api_error_shape(plain, body, status, words):
    response = post(plain, body)

    assert response.status_code == status
    error = response.json()["error"]
    assert words in error["message"] and error["type"] == "invalid_request_error" and "param" in error


def test_keys_paths_and_the_model_list():
    with FakeOpenAI(api_key="sk-local") as server:
        anonymous = httpx2.post(f"{server.base_url}/chat/completions", json=chat("x"))
        wrong = post(server, chat("x"), authorization="Bearer sk-other")
        right = post(server, chat("x"), authorization="Bearer sk-local")
        key = {"authorization": "Bearer sk-local"}
        unknown = httpx2.post(f"{server.base_url}/completions", json=chat("x"), headers=key)
        models = httpx2.get(f"{server.base_url}/models", headers=key)

    assert anonymous.status_code == 401 and wrong.json()["error"]["code"] == "invalid_api_key"
    assert right.status_code == 200 and unknown.status_code == 404
    assert models.json() == {"object": "list", "data": [
        {"id": "llama-3.3-70b", "object": "model", "created": 1767225600, "owned_by": "local"}]}


# --- The caching rule ------------------------------------------------------------------------------


def test_prompts_from_1024_tokens_are_cached_and_read_in_steps_of_128():
    cache = PrefixCache()
    short = "s" * 4000  # 1000 tokens
    assert [cache.account("m", short) for _ in range(2)] == [0, 0]  # under the minimum: never cached

    long = LONG + "first question"  # 1234 tokens
    assert cache.account("m", long) == 0
    assert cache.account("m", long) == 1152  # 1024 + 128: the longest whole step of the prefix seen
    assert cache.account("m", LONG + "a different question, " * 20) == 1152  # the shared prefix is 1230 tokens
    assert cache.account("other-model", long) == 0


def test_cache_entries_live_five_minutes_from_their_last_use():
    clock = Clock()
    cache = PrefixCache(clock=clock)
    cache.account("m", LONG)
    clock.now += 299
    assert cache.account("m", LONG) == 1152
    clock.now += 299
    assert cache.account("m", LONG) == 1152  # the read refreshed it
    clock.now += 301
    assert cache.account("m", LONG) == 0


def test_the_prompt_text_puts_the_schema_first_then_the_messages_in_order():
    body = chat("Q", response_format={"type": "json_schema", "json_schema": {"name": "X", "schema": {}}})
    body["messages"].insert(0, {"role": "system", "content": [{"type": "text", "text": "Sys"}]})

    text = prompt_text(body)

    assert text.index('"name": "X"') < text.index("<|system|>Sys") < text.index("<|user|>Q")


# --- The real gateway, provider and SDK over TCP ---------------------------------------------------


@pytest.fixture
def local_server(settings, monkeypatch):
    """LLM_MAIN / LLM_MINI on an OpenAI-compatible server at OPENAI_BASE_URL, with no key, as for Ollama."""
    monkeypatch.setattr(openai_compat, "_no_json_schema", set())
    monkeypatch.setattr(openai_compat, "_no_stream_options", set())
    settings.LLM_MAIN = settings.LLM_MINI = "openai:llama-3.3-70b"
    settings.OPENAI_API_KEY = ""
    settings.LLM_PRICES = {"llama-3.3-70b": {"input": 0.6, "output": 0.8, "cache_write": 0.6, "cache_read": 0.3}}
    with FakeOpenAI() as server:
        settings.OPENAI_BASE_URL = server.base_url
        yield server


@pytest.fixture
def chat_prompt(prompt_dir) -> Prompt:
    (prompt_dir / "test_chat.v1.txt").write_text(f"[system]\n{LONG}\n[user]\nNotes: {{{{ notes }}}}\n")
    return Prompt("test_chat", 1, template_dir=prompt_dir, history="conversation")


async def say(prompt: Prompt, context: dict) -> str:
    return "".join([piece async for piece in gateway.stream(prompt, context)])


@pytest.mark.django_db(transaction=True)
async def test_a_streamed_turn_through_the_gateway_is_recorded(local_server, turn_prompt):
    reply = await say(turn_prompt, {"topic": "queues"})

    assert reply in REPLIES
    [sent] = local_server.requests
    assert sent["model"] == "llama-3.3-70b" and sent["stream"] is True
    assert sent["stream_options"] == {"include_usage": True} and sent["max_tokens"] == 300
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    [call] = await calls()
    usage = local_server.usages[0]
    assert (call.provider, call.model, call.prompt_name, call.outcome) == ("openai", "llama-3.3-70b", "test_turn", "ok")
    assert (call.input_tokens, call.output_tokens) == (usage["prompt_tokens"], usage["completion_tokens"])
    assert call.ttft_ms is not None and call.cost_usd > 0


@pytest.mark.django_db(transaction=True)
async def test_a_growing_conversation_reads_its_prefix_from_the_servers_cache(local_server, chat_prompt):
    conversation: list[tuple[str, str]] = []
    for turn in range(4):
        reply = await say(chat_prompt, {"notes": f"turn {turn}", "conversation": list(conversation)})
        conversation += [("assistant", reply), ("user", f"<data>answer {turn} " + "w" * 600 + "</data>")]

    records = await calls()
    assert [c.cache_read_tokens for c in records][:2] == [0, 1152]
    assert records[3].cache_read_tokens > records[2].cache_read_tokens > records[1].cache_read_tokens
    for record, usage in zip(records, local_server.usages, strict=True):
        # prompt_tokens includes the cached part; the record keeps them apart, each at its own price
        assert record.input_tokens + record.cache_read_tokens == usage["prompt_tokens"]
    # From the third turn on, most of the prompt is read from the cache: only the newest turns and
    # what lies past the last whole 128-token step are paid in full.
    assert all(c.cache_read_tokens >= 0.7 * (c.input_tokens + c.cache_read_tokens) for c in records[2:])


@pytest.mark.django_db(transaction=True)
async def test_structured_output_over_http_uses_json_schema(local_server, facts_prompt):
    facts = await gateway.structured(facts_prompt, {"resume": "<data>Ada</data>"})

    assert isinstance(facts, CandidateFacts) and facts.years == 1
    [sent] = local_server.requests
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "CandidateFacts"


@pytest.mark.django_db(transaction=True)
async def test_a_server_without_json_schema_gets_json_mode_with_the_schema_in_the_prompt(local_server, facts_prompt):
    local_server.reject_json_schema = True

    first = await gateway.structured(facts_prompt, {"resume": "<data>Ada</data>"})
    second = await gateway.structured(facts_prompt, {"resume": "<data>Ada</data>"})

    assert first == second and isinstance(first, CandidateFacts)
    kinds = [body["response_format"]["type"] for body in local_server.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]  # refused once, then learnt
    assert '"skills"' in local_server.requests[1]["messages"][0]["content"]
    assert [c.outcome for c in await calls()] == ["ok", "ok"]


@pytest.mark.django_db(transaction=True)
async def test_an_invalid_answer_gets_one_repair_over_http(local_server, facts_prompt):
    answers = iter(['{"name": "Ada", "years": -1, "skills": []}', None])
    local_server.responder = lambda body: next(answers)

    facts = await gateway.structured(facts_prompt, {"resume": "<data>Ada</data>"})

    assert facts.years == 1
    first, repair = local_server.requests
    assert [m["role"] for m in repair["messages"]] == ["system", "user", "assistant", "user"]
    assert "not a valid JSON" in repair["messages"][-1]["content"]
    [call] = await calls()
    assert call.outcome == "ok"
    assert call.output_tokens == sum(u["completion_tokens"] for u in local_server.usages)


@pytest.mark.django_db(transaction=True)
async def test_a_server_without_stream_options_is_asked_again_without(local_server, turn_prompt):
    local_server.reject_stream_options = True

    assert await say(turn_prompt, {"topic": "queues"}) in REPLIES

    refused, accepted = local_server.requests
    assert "stream_options" in refused and "stream_options" not in accepted
    [call] = await calls()
    assert call.outcome == "ok" and call.output_tokens > 0  # estimated from the pieces: no usage came


@pytest.mark.django_db(transaction=True)
async def test_stopping_early_closes_the_stream_at_once(local_server, turn_prompt):
    local_server.tokens_per_s = 20  # the whole reply would take more than a second
    started = time.perf_counter()
    pieces = gateway.stream(turn_prompt, {"topic": "queues"})

    assert await anext(pieces)
    await pieces.aclose()

    assert time.perf_counter() - started < 0.5
    [call] = await calls()
    assert call.outcome == "cancelled"


def test_it_runs_as_a_process_of_its_own():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "llm.testing.fake_openai", "--port", str(port), "--reject-json-schema"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout.readline().strip() == f"fake OpenAI Chat Completions API on http://127.0.0.1:{port}/v1"
        server = SimpleNamespace(base_url=f"http://127.0.0.1:{port}/v1")
        answer = post(server, chat("Hi")).json()["choices"][0]["message"]["content"]
        refused = post(server, chat("Hi", response_format={
            "type": "json_schema", "json_schema": {"name": "X", "schema": {"type": "object"}}}))
    finally:
        process.terminate()
        process.wait(timeout=5)
        process.stdout.close()

    assert answer in REPLIES and refused.status_code == 400

