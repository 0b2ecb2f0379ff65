"""Claude through the official `anthropic` SDK's async client.

One client per process and event loop (`ClientCache`); API key, base URL (`ANTHROPIC_BASE_URL`
may point at any server that speaks the Messages API) and timeout come from settings.

Retries have one owner, the SDK: `max_retries=2`, so at most 3 HTTP attempts per call, on 429,
5xx, overloaded and connection errors, honouring `retry-after`. They can only happen before the
HTTP 200, so never after a token was yielded. An error that arrives inside a stream that began
with HTTP 200 (an SSE `error` event, or a broken connection) is never retried by the SDK: it is
classified here into a `ProviderError` whose `retryable` tells the gateway a fallback may help.

Claude 5.x: no sampling parameters and no assistant prefill are sent; structured output is the
API's native JSON-schema output (`output_config.format`); thinking is on by default and counts
toward `max_tokens`, so content blocks are selected by type and thinking gets headroom.

Prompt caching (on unless `settings.LLM_PROMPT_CACHING` is False) uses two of the API's four
breakpoints: the system block, and the last message of a prompt's conversation history (see
`Prompt.history`). The conversation only grows at its end, so each turn reads everything up to the
previous turn's breakpoint from the cache and writes only the newest messages.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import aclosing
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import anthropic
import httpx2
from django.conf import settings
from pydantic import BaseModel, ValidationError

from .base import (
    ClientCache,
    ModelRequest,
    ProviderError,
    Usage,
    repair_instruction,
    request_timeout,
    validate_json,
)

log = logging.getLogger(__name__)

# Tests replace this to put an `httpx2.MockTransport` under the real SDK client.
http_client_factory = anthropic.DefaultAsyncHttpxClient
MAX_RETRIES = 2  # the SDK is the one retry owner: at most 3 attempts per logical call
MAX_RETRY_AFTER_S = 30.0  # a longer server-requested wait fails fast so a fallback can answer
THINKING_HEADROOM_TOKENS = 2048  # Claude 5.x thinks by default and thinking counts toward max_tokens
_RETRYABLE_TYPES = {"overloaded_error", "api_error", "rate_limit_error", "timeout_error"}

_clients = ClientCache()
_current: ContextVar[ModelRequest | None] = ContextVar("llm_anthropic_request", default=None)


def _retry_after_s(headers: httpx2.Headers) -> float | None:
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return float(headers[name]) * scale
        except (KeyError, ValueError):
            continue
    return None


async def _attempt_middleware(api_request: anthropic.APIRequest, call_next: Any) -> Any:
    """Runs inside the SDK's retry loop, once per HTTP attempt (a documented SDK hook).

    It counts the retries of the call being made, and refuses to sleep through a `retry-after`
    longer than MAX_RETRY_AFTER_S: an interview cannot wait that long, a fallback can answer.
    """
    request = _current.get()
    if request is not None:
        request.retries = api_request.retries_taken
    response = await call_next(api_request)
    wait = _retry_after_s(response.http_response.headers)
    if response.status_code >= 400 and wait is not None and wait > MAX_RETRY_AFTER_S:
        await response.http_response.aclose()
        raise ProviderError(f"HTTP {response.status_code}, retry-after {wait:.0f}s is too long", retryable=True)
    return response


def _client() -> anthropic.AsyncAnthropic:
    key = (settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL, settings.LLM_TIMEOUT_S, http_client_factory)

    def build() -> anthropic.AsyncAnthropic:
        return anthropic.AsyncAnthropic(
            # Always explicit, so the SDK never goes looking for credential files or profiles;
            # a local server behind ANTHROPIC_BASE_URL usually wants no key at all.
            api_key=settings.ANTHROPIC_API_KEY or "not-needed",
            base_url=settings.ANTHROPIC_BASE_URL or None,
            timeout=settings.LLM_TIMEOUT_S,
            max_retries=MAX_RETRIES,
            http_client=http_client_factory(),
            middleware=[_attempt_middleware],
        )

    return _clients.get(key, build)


def provider_error(exc: BaseException) -> ProviderError:
    """Classify an SDK or transport failure; `retryable` means another model may well succeed."""
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, anthropic.APIStatusError):
        # After HTTP 200 the status says nothing; the SSE error's type does.
        retryable = exc.type in _RETRYABLE_TYPES or exc.status_code in (408, 409, 429) or exc.status_code >= 500
        detail = exc.api_message or str(exc)
        return ProviderError(f"{type(exc).__name__} ({exc.type or exc.status_code}): {detail}", retryable=retryable)
    if isinstance(exc, anthropic.APIConnectionError | httpx2.HTTPError):
        return ProviderError(f"{type(exc).__name__}: {exc}", retryable=True)
    return ProviderError(f"{type(exc).__name__}: {exc}")


@dataclass
class _Reply:
    """What one streamed Messages call produced, besides its text deltas."""

    usage: Usage
    stop_reason: str | None = None


def _absorb(event: Any, reply: _Reply) -> str | None:
    """Update usage and stop reason from one stream event; return its answer text, if any.

    Only text deltas are answer text: thinking blocks come first on Claude 5.x and are skipped.
    """
    if event.type == "message_start":
        u = event.message.usage
        reply.usage.input_tokens = u.input_tokens or 0
        reply.usage.output_tokens = u.output_tokens or 0
        reply.usage.cache_write_tokens = u.cache_creation_input_tokens or 0
        reply.usage.cache_read_tokens = u.cache_read_input_tokens or 0
    elif event.type == "message_delta":
        # Counts on message_delta are cumulative; optional ones are absent when unchanged.
        u = event.usage
        reply.usage.output_tokens = u.output_tokens
        if u.input_tokens is not None:
            reply.usage.input_tokens = u.input_tokens
        if u.cache_creation_input_tokens is not None:
            reply.usage.cache_write_tokens = u.cache_creation_input_tokens
        if u.cache_read_input_tokens is not None:
            reply.usage.cache_read_tokens = u.cache_read_input_tokens
        reply.stop_reason = event.delta.stop_reason
    elif event.type == "content_block_delta" and event.delta.type == "text_delta":
        return event.delta.text
    return None


def caching_enabled() -> bool:
    return bool(getattr(settings, "LLM_PROMPT_CACHING", True))


def _block(text: str, cached: bool) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "text", "text": text}
    if cached:
        block["cache_control"] = {"type": "ephemeral"}
    return block


def build_messages(history: list[tuple[str, str]], user: str, *, cache: bool) -> list[dict]:
    """The Messages API `messages`: the conversation, then the [user] text, ending on a user turn.

    Each history entry stays a content block of its own (same-role neighbours share a message), so
    block boundaries, where the API looks for cached prefixes, fall between turns; the last history
    block carries the cache breakpoint. A conversation that opens with the assistant gets a short
    user turn first, as the API requires.
    """
    if not history:
        return [{"role": "user", "content": user}]
    if history[0][0] != "user":
        history = [("user", "(The conversation begins.)"), *history]
    messages: list[dict] = []
    last = len(history) - 1
    for i, (role, text) in enumerate([*history, ("user", user)]):
        block = _block(text, cache and i == last)
        if messages and messages[-1]["role"] == role:
            messages[-1]["content"].append(block)
        else:
            messages.append({"role": role, "content": [block]})
    return messages


class AnthropicModel:
    provider = "anthropic"

    def __init__(self, model_id: str):
        self.model = model_id

    def _params(self, request: ModelRequest, system: str, messages: list[dict], max_tokens: int) -> dict[str, Any]:
        headroom = THINKING_HEADROOM_TOKENS if self.model.startswith("claude-") else 0
        return {
            "model": self.model,
            "max_tokens": max_tokens + headroom,
            # The rendered [system] section is the stable prefix of every call for this prompt:
            # marking it lets later turns read it from the cache at a tenth of the input price.
            "system": [_block(system, caching_enabled())],
            "messages": messages,
            "timeout": request_timeout(request, settings.LLM_TIMEOUT_S),
            # Per-prompt provider options, e.g. {"output_config": {"effort": "low"}} for a fast turn.
            **request.prompt.extra.get("anthropic", {}),
        }

    async def _open(self, request: ModelRequest, params: dict[str, Any]) -> anthropic.AsyncStream:
        token = _current.set(request)
        try:
            return await _client().messages.create(stream=True, **params)
        except Exception as exc:
            raise provider_error(exc) from exc
        finally:
            _current.reset(token)

    async def _run(self, request: ModelRequest, params: dict[str, Any], reply: _Reply) -> AsyncIterator[str]:
        """Yield the answer's text deltas; close the HTTP stream as soon as the caller stops."""
        events = await self._open(request, params)
        try:
            async for event in events:
                text = _absorb(event, reply)
                if text:
                    yield text
        except (anthropic.APIError, httpx2.HTTPError) as exc:
            raise provider_error(exc) from exc
        finally:
            await events.close()
        if reply.stop_reason == "refusal":
            raise ProviderError(f"{self.model} declined to answer (stop_reason=refusal)")
        if reply.stop_reason == "max_tokens":
            log.warning("%s hit max_tokens for prompt %s", self.model, request.prompt.name)

    async def stream(self, request: ModelRequest) -> AsyncIterator[str]:
        system, history, user = request.prompt.render_messages(request.context)
        messages = build_messages(history, user, cache=caching_enabled())
        params = self._params(request, system, messages, request.max_tokens)
        reply = _Reply(usage=request.usage)
        # aclosing: when the caller stops, the inner generator (and its HTTP stream) closes now,
        # not whenever the garbage collector gets to it.
        async with aclosing(self._run(request, params, reply)) as texts:
            async for text in texts:
                yield text

    async def _complete(self, request: ModelRequest, params: dict[str, Any]) -> tuple[str, _Reply]:
        reply = _Reply(usage=Usage())
        try:
            # Streamed even though only the whole answer is wanted: a long report keeps bytes
            # flowing, where a silent non-streaming request would hit the read timeout.
            async with aclosing(self._run(request, params, reply)) as texts:
                parts = [text async for text in texts]
        finally:
            request.usage.add(reply.usage)
        return "".join(parts), reply

    async def structured(self, request: ModelRequest, schema: type[BaseModel]) -> BaseModel:
        system, history, user = request.prompt.render_messages(request.context)
        messages = build_messages(history, user, cache=caching_enabled())
        params = self._params(request, system, messages, request.max_tokens)
        extra_config = params.pop("output_config", {})
        # The SDK's transform keeps what the API's schema dialect supports and moves the other
        # constraints into descriptions; pydantic then enforces all of them below.
        params["output_config"] = {
            **extra_config,
            "format": {"type": "json_schema", "schema": anthropic.transform_schema(schema)},
        }
        text, reply = await self._complete(request, params)
        try:
            return validate_json(schema, text)
        except ValidationError as err:
            log.info("%s gave invalid %s output, asking once for a repair", self.model, schema.__name__)
            repair = [
                {"role": "assistant", "content": text or "(empty answer)"},
                {"role": "user", "content": repair_instruction(err)},
            ]
            params["messages"] = messages + repair  # ends on a user turn: Claude 5.x takes no prefill
            if reply.stop_reason == "max_tokens":
                params["max_tokens"] *= 2
        text, _ = await self._complete(request, params)
        try:
            return validate_json(schema, text)
        except ValidationError as err:
            raise ProviderError(f"{self.model} gave invalid {schema.__name__} output after a repair: {err}") from err
