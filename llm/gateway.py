"""The one way the product talks to language models.

    async for piece in stream(INTERVIEWER_TURN, context, subject=Subject(interview_id=7)): ...
    report = await structured(REPORT, context, subject=Subject(interview_id=7))
    fields = structured_sync(RESUME_EXTRACTION, context, subject=Subject(document_id=3))  # Celery

Every call is recorded as a `ModelCall` (role, model, prompt and version, tokens, latency, cost,
outcome), whether it completes, fails or is cancelled by the caller (a barge-in).
"""

import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, TypeVar

from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from pydantic import BaseModel

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


_record = sync_to_async(_record_sync, thread_sensitive=True)


def _fields(role, model: ChatModel, request: ModelRequest, subject, started, ttft, outcome, error="") -> dict:
    return {
        "role": role,
        "provider": model.provider,
        "model": model.model,
        "prompt_name": request.prompt.name,
        "prompt_version": request.prompt.version,
        "interview_id": subject.interview_id if subject else None,
        "document_id": subject.document_id if subject else None,
        "usage": request.usage,
        "ttft_ms": ttft,
        "total_ms": (time.perf_counter() - started) * 1000,
        "cost_usd": _cost(model.model, request),
        "outcome": outcome if not (outcome == "ok" and request.retries) else "retried",
        "error": error[:500],
    }


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
    model = get_model(role)
    request = ModelRequest(prompt=prompt, context=context, max_tokens=prompt.max_tokens, deadline_s=deadline_s)
    started, ttft, outcome, error = time.perf_counter(), None, "failed", ""
    upstream = model.stream(request)
    try:
        async for piece in upstream:
            if ttft is None:
                ttft = (time.perf_counter() - started) * 1000
            yield piece
        outcome = "ok"
    except GeneratorExit:
        outcome = "cancelled"
        raise
    except BaseException as exc:  # CancelledError included: a barge-in is recorded, then re-raised
        outcome = "cancelled" if exc.__class__.__name__ == "CancelledError" else "failed"
        error = f"{exc.__class__.__name__}: {exc}"
        raise
    finally:
        await upstream.aclose()
        await _record(**_fields(role, model, request, subject, started, ttft, outcome, error))


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
    model = get_model(role)
    request = ModelRequest(prompt=prompt, context=context, max_tokens=prompt.max_tokens, deadline_s=deadline_s)
    started = time.perf_counter()
    try:
        result = await model.structured(request, schema)
    except Exception as exc:
        await _record(**_fields(role, model, request, subject, started, None, "failed", f"{type(exc).__name__}: {exc}"))
        raise
    elapsed = (time.perf_counter() - started) * 1000
    await _record(**_fields(role, model, request, subject, started, elapsed, "ok"))
    return result  # type: ignore[return-value]


def structured_sync(prompt: Prompt, context: dict[str, Any], **kwargs: Any) -> BaseModel:
    """`structured` for synchronous callers (Celery tasks, management commands)."""
    return async_to_sync(structured)(prompt, context, **kwargs)


__all__ = ["ProviderError", "Subject", "get_model", "model_from_spec", "stream", "structured", "structured_sync"]
