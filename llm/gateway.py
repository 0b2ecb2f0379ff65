"""The one way the product talks to language models.

    async for piece in stream(INTERVIEWER_TURN, context, subject=Subject(interview_id=7)): ...
    report = await structured(REPORT, context, subject=Subject(interview_id=7))
    fields = structured_sync(RESUME_EXTRACTION, context, subject=Subject(document_id=3))  # Celery

Every call is recorded as a `ModelCall` (role, model, prompt and version, tokens, latency, cost,
outcome), whether it completes, fails or is cancelled by the caller (a barge-in).

`deadline_s` bounds the wait for the first token of `stream`, and the whole of `structured`.
`LLM_FALLBACK` (optional, comma-separated model specs, e.g. `offline`) names models to try, in
order, when a call fails with a retryable `ProviderError` before its first token; the failed
attempt is recorded with outcome `fell_back`, the next one with its own outcome.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.db import close_old_connections, connection
from pydantic import BaseModel

from interview_site.background import background
from interview_site.redaction import safe_error

from .prompts import Prompt
from .providers.base import ChatModel, ModelRequest, ProviderError
from .providers.offline import OfflineModel

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Subject:
    """What a call served, for accounting: an interview, a document, or neither."""

    interview_id: int | None = None
    document_id: int | None = None


def model_from_spec(spec: str) -> ChatModel:
    """`offline[?params]`, `anthropic:<model-id>` or `openai:<model-id>` (PROTOCOL.md)."""
    spec = spec.strip()
    if spec == "offline" or spec.startswith("offline?"):
        return OfflineModel(spec.partition("?")[2])
    provider, _, model_id = spec.partition(":")
    if not model_id:
        raise ValueError(f"model spec {spec!r} should look like provider:model-id or offline")
    if provider == "anthropic":
        from .providers.anthropic import AnthropicModel

        return AnthropicModel(model_id)
    if provider == "openai":
        from .providers.openai_compat import OpenAICompatModel

        return OpenAICompatModel(model_id)
    raise ValueError(f"unknown model provider {provider!r} in {spec!r}")


def get_model(role: str) -> ChatModel:
    """The model configured for a role (`main` or `mini`) by LLM_MAIN / LLM_MINI."""
    spec = {"main": settings.LLM_MAIN, "mini": settings.LLM_MINI}[role]
    return model_from_spec(spec)


def _models(role: str) -> Iterator[tuple[ChatModel, bool]]:
    """The role's model, then the fallbacks, each with whether another one follows it."""
    fallbacks = [s.strip() for s in (getattr(settings, "LLM_FALLBACK", "") or "").split(",") if s.strip()]
    yield get_model(role), bool(fallbacks)
    for i, spec in enumerate(fallbacks):
        yield model_from_spec(spec), i + 1 < len(fallbacks)


def _cost(model: str, request: ModelRequest) -> float:
    prices = settings.LLM_PRICES.get(model)
    if not prices:
        return 0.0
    u = request.usage
    return (
        u.input_tokens * prices["input"]
        + u.output_tokens * prices["output"]
        + u.cache_write_tokens * prices["cache_write"]
        + u.cache_read_tokens * prices["cache_read"]
    ) / 1_000_000


def _record_sync(**fields: Any) -> None:
    from .services import model_call_record

    try:
        model_call_record(**fields)
    except Exception:  # accounting must never break an interview
        log.exception("could not record a model call")
    finally:
        if not connection.in_atomic_block:
            # As Channels does around its database calls: a connection past CONN_MAX_AGE (or broken)
            # is closed, rather than left open in asgiref's shared thread for the life of the process.
            close_old_connections()


def _record_many(calls: list[dict[str, Any]]) -> None:
    from .services import model_calls_record

    model_calls_record(calls)


# In the caller's own thread when a synchronous caller (a Celery task, through structured_sync) awaits
# it, so the record shares its connection and transaction; in the ASGI server, records go through the
# background thread instead (see _Call.record).
_record = sync_to_async(_record_sync, thread_sensitive=True)


@dataclass
class _Call:
    """One attempt on one model, and what will be recorded about it."""

    role: str
    model: ChatModel
    request: ModelRequest
    subject: Subject | None
    started: float = field(default_factory=time.perf_counter)
    ttft: float | None = None
    outcome: str = "failed"
    error: str = ""

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def fail(self, exc: BaseException, outcome: str = "failed") -> None:
        self.outcome = outcome
        self.error = safe_error(exc)[:500]  # codes, never the prompt or answer it may quote

    async def record(self) -> None:
        subject, request = self.subject, self.request
        outcome = "retried" if self.outcome == "ok" and request.retries else self.outcome
        fields = dict(
            role=self.role,
            provider=self.model.provider,
            model=self.model.model,
            prompt_name=request.prompt.name,
            prompt_version=request.prompt.version,
            interview_id=subject.interview_id if subject else None,
            document_id=subject.document_id if subject else None,
            usage=request.usage,
            ttft_ms=self.ttft,
            total_ms=self.elapsed_ms(),
            cost_usd=_cost(self.model.model, request),
            outcome=outcome,
            error=self.error[:500],
        )
        if background.enabled:  # the ASGI server: batched in its background thread, off the turn's path
            background.submit(_record_many, fields, batch=True)
        else:
            await _record(**fields)


def _new_call(
    role: str,
    model: ChatModel,
    prompt: Prompt,
    context: dict[str, Any],
    subject: Subject | None,
    deadline_s: float | None,
) -> _Call:
    request = ModelRequest(prompt=prompt, context=context, max_tokens=prompt.max_tokens, deadline_s=deadline_s)
    return _Call(role=role, model=model, request=request, subject=subject)


@asynccontextmanager
async def _deadline(deadline_s: float | None, what: str):
    """Turn a missed deadline into a retryable ProviderError, so a fallback model can answer."""
    try:
        async with asyncio.timeout(deadline_s):
            yield
    except TimeoutError as exc:
        raise ProviderError(f"no {what} within {deadline_s}s", retryable=True) from exc


async def _first_piece(upstream: AsyncIterator[str], deadline_s: float | None) -> str | None:
    async with _deadline(deadline_s, "first token"):
        return await anext(upstream, None)


async def stream(
    prompt: Prompt,
    context: dict[str, Any],
    *,
    role: str | None = None,
    subject: Subject | None = None,
    deadline_s: float | None = None,
) -> AsyncIterator[str]:
    """Yield the model's text as it arrives. Closing the iterator early cancels the upstream call."""
    role = role or prompt.role
    for model, can_fall_back in _models(role):
        call = _new_call(role, model, prompt, context, subject, deadline_s)
        upstream = model.stream(call.request)
        try:
            piece = await _first_piece(upstream, deadline_s)
            call.ttft = call.elapsed_ms()
            while piece is not None:
                yield piece
                piece = await anext(upstream, None)
            call.outcome = "ok"
            return
        except ProviderError as exc:
            if not (exc.retryable and can_fall_back and call.ttft is None):
                call.fail(exc)
                raise
            call.fail(exc, "fell_back")
            log.warning("%s:%s failed before its first token, falling back: %s", model.provider, model.model, exc)
        except GeneratorExit:  # the caller closed the iterator: a barge-in
            call.outcome = "cancelled"
            raise
        except BaseException as exc:  # CancelledError included: recorded, then re-raised
            call.fail(exc, "cancelled" if isinstance(exc, asyncio.CancelledError) else "failed")
            raise
        finally:
            await upstream.aclose()  # closes the HTTP stream at once, not at garbage collection
            await call.record()


async def structured(
    prompt: Prompt,
    context: dict[str, Any],
    *,
    role: str | None = None,
    subject: Subject | None = None,
    deadline_s: float | None = None,
    schema: type[T] | None = None,
) -> T:
    """Return the model's answer as a validated instance of the prompt's schema."""
    role = role or prompt.role
    schema = schema or prompt.schema
    if schema is None:
        raise ValueError(f"prompt {prompt.name} has no schema")
    for model, can_fall_back in _models(role):
        call = _new_call(role, model, prompt, context, subject, deadline_s)
        try:
            async with _deadline(deadline_s, "answer"):
                result = await model.structured(call.request, schema)
        except ProviderError as exc:
            if not (exc.retryable and can_fall_back):
                call.fail(exc)
                raise
            call.fail(exc, "fell_back")
            log.warning("%s:%s failed, falling back: %s", model.provider, model.model, exc)
            continue
        except BaseException as exc:
            call.fail(exc, "cancelled" if isinstance(exc, asyncio.CancelledError) else "failed")
            raise
        else:
            call.outcome = "ok"
            call.ttft = call.elapsed_ms()  # for a whole answer, the first token is the answer
            return result  # type: ignore[return-value]
        finally:
            await call.record()
    raise AssertionError("unreachable: the last model either answers or raises")


def structured_sync(prompt: Prompt, context: dict[str, Any], **kwargs: Any) -> BaseModel:
    """`structured` for synchronous callers (Celery tasks, management commands)."""
    return async_to_sync(structured)(prompt, context, **kwargs)


__all__ = [
    "ProviderError", "Subject", "get_model", "model_from_spec", "run_tools", "run_tools_sync", "stream", "structured",
    "structured_sync",
]


# --- Function calling (see llm/tooling.py) ------------------------------------------------------


async def _tool_step(call: _Call, history: list[dict], tools: list, *, final: bool, may_fall_back: bool):
    from .tooling import tool_turn

    try:
        turn = await tool_turn(call.model, call.request, history, tools, final=final)
    except ProviderError as exc:
        if may_fall_back and exc.retryable:
            call.fail(exc, "fell_back")
            raise
        call.fail(exc)
        # Tools have run: another model would run them again, so this failure is final.
        raise ProviderError(str(exc), retryable=False) from exc
    except BaseException as exc:
        call.fail(exc, "cancelled" if isinstance(exc, asyncio.CancelledError) else "failed")
        raise
    else:
        call.outcome = "ok"
        call.ttft = call.elapsed_ms()
        return turn
    finally:
        await call.record()


async def _tool_loop(role: str, model: ChatModel, prompt: Prompt, context: dict[str, Any], tools: list,
                     subject: Subject | None, max_steps: int, can_fall_back: bool):
    from .tooling import ToolRun, ToolStep, run_tool

    by_name = {tool.name: tool for tool in tools}
    history: list[dict] = []
    steps: list[ToolStep] = []
    for step in range(max_steps + 1):
        call = _new_call(role, model, prompt, context, subject, None)
        turn = await _tool_step(call, history, tools, final=step == max_steps, may_fall_back=can_fall_back and not step)
        if not turn.calls:
            return ToolRun(turn.text.strip(), steps, model.provider, model.model)
        results = []
        for tool_call in turn.calls:
            text, error = await asyncio.to_thread(run_tool, by_name, tool_call)
            results.append((tool_call, text, error))
            steps.append(ToolStep(tool_call.name, tool_call.arguments, text, error))
        history += [{"role": "assistant", "turn": turn}, {"role": "tool", "results": results}]
    raise AssertionError("unreachable: the last step has tools disabled")


async def run_tools(
    prompt: Prompt,
    context: dict[str, Any],
    tools: list,
    *,
    role: str | None = None,
    subject: Subject | None = None,
    max_steps: int = 6,
    deadline_s: float | None = None,
):
    """Let the model call `tools` (llm.tooling.Tool) for up to `max_steps` rounds, then return its text.

    Returns a `ToolRun` (text, the steps taken, provider and model). Every model call of the loop is
    recorded. A fallback model (LLM_FALLBACK) is tried only when the loop's first call fails
    retryably, so no tool runs twice for one logical call. `deadline_s` bounds the whole loop.
    """
    role = role or prompt.role
    for model, can_fall_back in _models(role):
        try:
            async with asyncio.timeout(deadline_s):
                return await _tool_loop(role, model, prompt, context, tools, subject, max_steps, can_fall_back)
        except TimeoutError as exc:
            raise ProviderError(f"no answer within {deadline_s}s") from exc
        except ProviderError as exc:
            if not (exc.retryable and can_fall_back):
                raise
            log.warning("%s:%s failed with tools, falling back: %s", model.provider, model.model, exc)
    raise AssertionError("unreachable: the last model either answers or raises")


def run_tools_sync(prompt: Prompt, context: dict[str, Any], tools: list, **kwargs: Any):
    """`run_tools` for synchronous callers (Celery tasks)."""
    return async_to_sync(run_tools)(prompt, context, tools, **kwargs)
