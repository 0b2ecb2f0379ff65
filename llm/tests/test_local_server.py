"""The local Anthropic server (llm.testing.fake_anthropic): its cache rule, and the real gateway,
provider and SDK talking to it over TCP exactly as they would to api.anthropic.com."""

import json
import time

import pytest

from llm import gateway
from llm.prompts import Prompt
from llm.providers.anthropic import build_messages
from llm.testing.fake_anthropic import FakeAnthropic, sample_json
from llm.testing.prompt_cache import CacheControlError, PromptCache, prompt_blocks

from .conftest import CandidateFacts, calls

PRICES = {"claude-sonnet-5-5": {"input": 2.0, "output": 10.0, "cache_write": 2.5, "cache_read": 0.2}}
LONG = "You are a careful technical interviewer. " * 120  # 4920 characters: 1230 tokens


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def body(system: str, messages: list, *, cache_system: bool = True, model: str = "claude-sonnet-5-5") -> dict:
    block = {"type": "text", "text": system}
    if cache_system:
        block["cache_control"] = {"type": "ephemeral"}
    return {"model": model, "max_tokens": 100, "system": [block], "messages": messages}


def usage(cache: PromptCache, request: dict) -> tuple[int, int, int]:
    found = cache.account(request["model"], prompt_blocks(request))
    return found.input_tokens, found.cache_creation_input_tokens, found.cache_read_input_tokens


# --- The cache rule ------------------------------------------------------------------------------


def test_a_marked_prefix_is_written_once_then_read_and_usage_adds_up():
    cache = PromptCache()
    first = body(LONG, [{"role": "user", "content": "a" * 400}])
    second = body(LONG, [{"role": "user", "content": "b" * 800}])

    assert usage(cache, first) == (100, 1230, 0)
    assert usage(cache, second) == (200, 0, 1230)
    assert usage(cache, body(LONG, [{"role": "user", "content": "b" * 800}], model="claude-opus-5")) == (200, 1230, 0)


def test_below_the_minimum_nothing_is_cached_and_haiku_needs_more():
    cache = PromptCache()
    short = body("x" * 4000, [{"role": "user", "content": "hi"}])  # 1000 tokens: under Sonnet's 1024
    assert usage(cache, short) == (1001, 0, 0)
    assert usage(cache, short) == (1001, 0, 0)
    haiku = body(LONG, [{"role": "user", "content": "hi"}], model="claude-haiku-5-5")  # 1230 < 2048
    assert usage(cache, haiku) == (1231, 0, 0)
    assert usage(PromptCache(min_tokens=100), short) == (1, 1000, 0)


def test_a_growing_conversation_reads_the_last_breakpoint_and_writes_only_what_is_new():
    cache, history = PromptCache(), []
    found = []
    for turn in range(3):
        request = body(LONG, build_messages(history, "now", cache=True))
        found.append(usage(cache, request))
        history += [("assistant", "r" * 400), ("user", f"{turn}" * 400)]

    opening = 7  # "(The conversation begins.)"
    assert found == [(1, 1230, 0), (1, opening + 200, 1230), (1, 200, 1230 + opening + 200)]


def test_lookback_reaches_twenty_blocks_before_a_breakpoint():
    cache = PromptCache()
    usage(cache, body(LONG, [{"role": "user", "content": "hi"}]))  # writes the system prefix

    def marked_after(count: int) -> dict:
        blocks = [{"type": "text", "text": f"m{count}.{i}"} for i in range(count)]
        blocks[-1]["cache_control"] = {"type": "ephemeral"}
        return body(LONG, [{"role": "user", "content": blocks}], cache_system=False)

    assert usage(cache, marked_after(20))[2] == 1230  # the system's boundary is 20 blocks back
    assert usage(cache, marked_after(21))[2] == 0  # 21 blocks back: out of reach


def test_entries_expire_after_five_minutes_unless_read_and_one_hour_lasts_longer():
    clock = Clock()
    cache = PromptCache(clock=clock)
    request = body(LONG, [{"role": "user", "content": "hi"}])
    usage(cache, request)
    clock.now += 299
    assert usage(cache, request)[2] == 1230  # read: its five minutes start again
    clock.now += 299
    assert usage(cache, request)[2] == 1230
    clock.now += 301
    assert usage(cache, request)[1:] == (1230, 0)

    hour = body(LONG + "!", [{"role": "user", "content": "hi"}])
    hour["system"][0]["cache_control"]["ttl"] = "1h"
    usage(cache, hour)
    clock.now += 3000
    assert usage(cache, hour)[2] == 1231


def test_more_than_four_breakpoints_is_refused():
    marked = [{"type": "text", "text": f"b{i}", "cache_control": {"type": "ephemeral"}} for i in range(4)]
    with pytest.raises(CacheControlError, match="maximum of 4"):
        prompt_blocks(body(LONG, [{"role": "user", "content": marked}]))


def test_sample_json_satisfies_the_sdk_transformed_schema():
    import anthropic

    from analysis.reporting.schema import ReportOutput

    instance = sample_json(anthropic.transform_schema(ReportOutput))
    report = ReportOutput.model_validate(instance)
    assert report.competencies[0].score == 1 and report.confidence == 1 and report.code is not None
    assert CandidateFacts.model_validate(sample_json(anthropic.transform_schema(CandidateFacts))).years == 1


# --- The provider's messages -----------------------------------------------------------------------


def test_history_becomes_alternating_messages_with_one_breakpoint_on_its_last_block():
    history = [("assistant", "Hello, I am an AI."), ("user", "<data>a1</data>"), ("user", "<data>a2</data>")]

    messages = build_messages(history, "Your notes", cache=True)

    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[0]["content"][0]["text"] == "(The conversation begins.)"
    last = messages[-1]["content"]
    assert [b["text"] for b in last] == ["<data>a1</data>", "<data>a2</data>", "Your notes"]
    marked = [b for m in messages for b in m["content"] if "cache_control" in b]
    assert marked == [last[1]]
    assert "cache_control" not in json.dumps(build_messages(history, "Your notes", cache=False))
    assert build_messages([], "Only this", cache=True) == [{"role": "user", "content": "Only this"}]


# --- The real gateway over TCP ---------------------------------------------------------------------


@pytest.fixture
def local_server(settings):
    settings.LLM_MAIN = "anthropic:claude-sonnet-5-5"
    settings.LLM_MINI = "anthropic:claude-sonnet-5-5"
    settings.ANTHROPIC_API_KEY = "any-value"
    settings.LLM_PRICES = PRICES
    with FakeAnthropic() as server:
        settings.ANTHROPIC_BASE_URL = server.base_url
        yield server


@pytest.fixture
def chat_prompt(prompt_dir) -> Prompt:
    (prompt_dir / "test_chat.v1.txt").write_text(
        f"[system]\n{LONG}\n[user]\nNotes: {{{{ notes }}}}{{% if transcript %}}\n{{{{ transcript }}}}{{% endif %}}\n"
    )
    return Prompt("test_chat", 1, template_dir=prompt_dir, history="conversation", history_replaces=("transcript",))


async def say(prompt: Prompt, context: dict) -> str:
    return "".join([piece async for piece in gateway.stream(prompt, context)])


@pytest.mark.django_db(transaction=True)
async def test_a_conversation_through_the_gateway_is_cached_turn_after_turn(local_server, chat_prompt):
    conversation: list[tuple[str, str]] = []
    for turn in range(4):
        context = {"notes": f"turn {turn}", "transcript": "should not be sent", "conversation": list(conversation)}
        reply = await say(chat_prompt, context)
        conversation += [("assistant", reply), ("user", f"<data>answer {turn} " + "w" * 600 + "</data>")]

    sent = local_server.requests
    assert sent[0]["system"][0]["cache_control"] == {"type": "ephemeral"} and len(sent[0]["messages"]) == 1
    assert all("should not be sent" not in json.dumps(b["messages"]) for b in sent[1:])
    records = await calls()
    assert [c.cache_read_tokens > 0 for c in records] == [False, True, True, True]
    assert records[0].cache_write_tokens == 1230 + 0 and records[1].cache_read_tokens == 1230
    assert records[3].cache_read_tokens > records[2].cache_read_tokens > records[1].cache_read_tokens
    assert all(c.outcome == "ok" and c.cost_usd > 0 for c in records)
    assert records[3].input_tokens < 20  # only the newest notes are paid in full


@pytest.mark.django_db(transaction=True)
async def test_with_caching_off_nothing_is_marked_or_cached(local_server, chat_prompt, settings):
    settings.LLM_PROMPT_CACHING = False
    for _ in range(2):
        await say(chat_prompt, {"notes": "same", "conversation": [("assistant", "Hi"), ("user", "<data>x</data>")]})

    assert "cache_control" not in json.dumps(local_server.requests)
    assert [(c.cache_write_tokens, c.cache_read_tokens) for c in await calls()] == [(0, 0), (0, 0)]


@pytest.mark.django_db(transaction=True)
async def test_structured_output_and_one_repair_over_http(local_server, facts_prompt):
    answers = iter(['{"name": "Ada", "years": -1, "skills": []}', None])
    local_server.responder = lambda request: next(answers)

    facts = await gateway.structured(facts_prompt, {"resume": "<data>...</data>"})

    assert isinstance(facts, CandidateFacts) and facts.years == 1  # the schema-built answer, after a repair
    first, repair = local_server.requests
    assert first["output_config"]["format"]["type"] == "json_schema"
    assert repair["messages"][-1]["role"] == "user" and "not a valid JSON" in repair["messages"][-1]["content"]
    [call] = await calls()
    assert call.outcome == "ok" and call.output_tokens > 0


@pytest.mark.django_db(transaction=True)
async def test_stopping_early_closes_the_stream_at_once(local_server, turn_prompt):
    local_server.tokens_per_s = 20  # the whole reply would take about a second and a half
    started = time.perf_counter()
    pieces = gateway.stream(turn_prompt, {"topic": "queues"})

    assert await anext(pieces)
    await pieces.aclose()

    assert time.perf_counter() - started < 0.5
    [call] = await calls()
    assert call.outcome == "cancelled"


def test_errors_have_the_api_shape_and_count_tokens_answers():
    import httpx2

    with FakeAnthropic() as server:
        headers = {"x-api-key": "k"}
        prefill = {"model": "claude-sonnet-5-5", "max_tokens": 5, "messages": [{"role": "assistant", "content": "I"}]}
        refused = httpx2.post(f"{server.base_url}/v1/messages", json=prefill, headers=headers)
        counted = httpx2.post(
            f"{server.base_url}/v1/messages/count_tokens",
            json={"model": "claude-sonnet-5-5", "messages": [{"role": "user", "content": "x" * 40}]},
            headers=headers,
        )
        anonymous = httpx2.post(f"{server.base_url}/v1/messages", json=prefill)

    assert refused.status_code == 400 and refused.json()["error"]["type"] == "invalid_request_error"
    assert counted.json() == {"input_tokens": 10}
    assert anonymous.status_code == 401
