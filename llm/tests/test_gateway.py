"""The gateway with the offline engine: determinism, timing, recording, deadlines and model specs."""

import asyncio
import time

import pytest

from llm import gateway
from llm.gateway import Subject, get_model, model_from_spec
from llm.prompts import Prompt
from llm.providers.anthropic import AnthropicModel
from llm.providers.base import ProviderError
from llm.providers.offline import OfflineModel
from llm.providers.openai_compat import OpenAICompatModel

from .conftest import CandidateFacts, calls

EXPECTED = "Tell me about caching in your last project, and what you would change."


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.LLM_MAIN = "offline"
    settings.LLM_MINI = "offline"


async def collect(prompt, context, **kwargs) -> list[str]:
    return [piece async for piece in gateway.stream(prompt, context, **kwargs)]


@pytest.mark.django_db(transaction=True)
async def test_offline_stream_is_deterministic_and_pieces_join_to_the_full_text(turn_prompt):
    first = await collect(turn_prompt, {"topic": "caching"})
    second = await collect(turn_prompt, {"topic": "caching"})

    assert first == second
    assert len(first) > 1 and "".join(first) == EXPECTED
    one, two = await calls()
    assert (one.provider, one.model, one.outcome) == ("offline", "offline", "ok")
    assert one.output_tokens == len(first) and one.input_tokens > 0
    assert (one.input_tokens, one.output_tokens) == (two.input_tokens, two.output_tokens)


@pytest.mark.django_db(transaction=True)
async def test_offline_ttft_ms_delays_the_first_token(turn_prompt, settings):
    settings.LLM_MAIN = "offline?ttft_ms=150&tokens_per_s=200"
    started = time.perf_counter()
    pieces = gateway.stream(turn_prompt, {"topic": "caching"}, subject=Subject(interview_id=None))

    await anext(pieces)
    first_token_s = time.perf_counter() - started
    rest = [piece async for piece in pieces]

    assert first_token_s >= 0.150
    assert time.perf_counter() - started >= 0.150 + len(rest) / 200
    [call] = await calls()
    assert call.model == "offline?ttft_ms=150&tokens_per_s=200"
    assert call.ttft_ms >= 150 and call.total_ms >= call.ttft_ms


@pytest.mark.django_db(transaction=True)
async def test_offline_structured_answer_is_validated_and_recorded(facts_prompt):
    facts = await gateway.structured(facts_prompt, {"resume": "...", "topic": "sql"})

    assert facts == CandidateFacts(name="Ada Lovelace", years=7, skills=["python", "sql"])
    [call] = await calls()
    assert (call.role, call.prompt_name, call.prompt_version, call.outcome) == ("mini", "test_facts", 2, "ok")
    assert call.output_tokens > 0


@pytest.mark.django_db(transaction=True)
def test_structured_sync_works_for_synchronous_callers(facts_prompt):
    facts = gateway.structured_sync(facts_prompt, {"resume": "...", "topic": "go"})

    assert facts.skills == ["python", "go"]


@pytest.mark.django_db(transaction=True)
async def test_a_missed_deadline_is_a_retryable_provider_error(turn_prompt, settings):
    settings.LLM_MAIN = "offline?ttft_ms=2000"

    with pytest.raises(ProviderError) as raised:
        await collect(turn_prompt, {"topic": "caching"}, deadline_s=0.05)

    assert raised.value.retryable
    [call] = await calls()
    assert call.outcome == "failed" and "first token" in call.error


@pytest.mark.django_db(transaction=True)
async def test_structured_falls_back_when_the_deadline_passes(facts_prompt, settings):
    settings.LLM_MINI = "offline?ttft_ms=2000"
    settings.LLM_FALLBACK = "offline"

    facts = await gateway.structured(facts_prompt, {"resume": "", "topic": "sql"}, deadline_s=0.05)

    assert facts.name == "Ada Lovelace"
    slow, fast = await calls()
    assert (slow.model, slow.outcome) == ("offline?ttft_ms=2000", "fell_back")
    assert (fast.model, fast.outcome) == ("offline", "ok")


@pytest.mark.django_db(transaction=True)
async def test_a_cancelled_structured_call_is_recorded_as_cancelled(facts_prompt, settings):
    settings.LLM_MINI = "offline?ttft_ms=2000"
    task = asyncio.create_task(gateway.structured(facts_prompt, {"resume": "", "topic": "sql"}))
    await asyncio.sleep(0.05)
    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task

    [call] = await calls()
    assert call.outcome == "cancelled"


@pytest.mark.django_db(transaction=True)
async def test_a_non_retryable_error_does_not_fall_back(prompt_dir, settings):
    settings.LLM_FALLBACK = "offline"
    no_answer = Prompt("test_turn", 1, template_dir=prompt_dir)  # no offline answer: a plain failure

    with pytest.raises(ProviderError, match="no offline answer"):
        await collect(no_answer, {"topic": "x"})

    [call] = await calls()
    assert call.outcome == "failed"


def test_model_from_spec_parses_every_form(settings):
    offline = model_from_spec(" offline?ttft_ms=1200&tokens_per_s=40 ")
    assert isinstance(offline, OfflineModel)
    assert (offline.ttft_ms, offline.tokens_per_s) == (1200, 40)
    assert isinstance(model_from_spec("offline"), OfflineModel)
    claude = model_from_spec("anthropic:claude-sonnet-5-5")
    assert isinstance(claude, AnthropicModel) and claude.model == "claude-sonnet-5-5"
    local = model_from_spec("openai:qwen2.5:7b")  # Ollama tags contain a colon too
    assert isinstance(local, OpenAICompatModel) and local.model == "qwen2.5:7b"


@pytest.mark.parametrize("spec", ["", "anthropic", "anthropic:", "claude-sonnet-5-5", "gemini:pro"])
def test_model_from_spec_rejects_malformed_specs(spec):
    with pytest.raises(ValueError, match="spec|provider"):
        model_from_spec(spec)


def test_get_model_reads_the_role_settings(settings):
    settings.LLM_MAIN = "anthropic:claude-sonnet-5-5"
    settings.LLM_MINI = "offline?ttft_ms=5"

    assert get_model("main").model == "claude-sonnet-5-5"
    assert get_model("mini").model == "offline?ttft_ms=5"
    with pytest.raises(KeyError):
        get_model("judge")
