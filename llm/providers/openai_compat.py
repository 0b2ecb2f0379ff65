"""Any OpenAI-compatible chat completions server (OpenAI, Groq, Ollama, vLLM) through the official
`openai` SDK's async client, with the base URL from `OPENAI_BASE_URL`.

As for Anthropic, the SDK owns retries (`max_retries=2`: at most 3 attempts, before the HTTP 200
only) and errors inside a started stream are classified here. Servers differ in what they accept,
so two features degrade instead of failing: `stream_options.include_usage` is dropped when a
server rejects it, and structured output falls back from `json_schema` to JSON mode (with the
schema in the prompt) when a server answers 400 to it. Either way the answer is validated with
pydantic, and an invalid one gets one repair attempt that quotes the validation error.
"""

import json
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

import httpx2
import openai
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
http_client_factory = openai.DefaultAsyncHttpxClient
MAX_RETRIES = 2  # the SDK is the one retry owner: at most 3 attempts per logical call
_RETRYABLE_WORDS = ("overload", "server_error", "rate_limit", "timeout", "unavailable", "capacity")

_clients = ClientCache()
# What a (base URL, model) is known to reject, learnt from its 400s, so we ask only once per process.
_no_json_schema: set[tuple[str, str]] = set()
_no_stream_options: set[tuple[str, str]] = set()


def _base_url() -> str:
    return settings.OPENAI_BASE_URL or ""


def _client() -> openai.AsyncOpenAI:
    key = (settings.OPENAI_API_KEY, _base_url(), settings.LLM_TIMEOUT_S, http_client_factory)

    def build() -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            api_key=settings.OPENAI_API_KEY or "not-needed",  # Ollama and vLLM take any key
            base_url=_base_url() or None,
            timeout=settings.LLM_TIMEOUT_S,
            max_retries=MAX_RETRIES,
            http_client=http_client_factory(),
        )

    return _clients.get(key, build)


def provider_error(exc: BaseException) -> ProviderError:
    """Classify an SDK or transport failure; `retryable` means another model may well succeed."""
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, openai.APIStatusError):
        retryable = exc.status_code in (408, 409, 429) or exc.status_code >= 500
        return ProviderError(f"{type(exc).__name__} ({exc.status_code}): {exc.message}", retryable=retryable)
    if isinstance(exc, openai.APIConnectionError | httpx2.HTTPError):
        return ProviderError(f"{type(exc).__name__}: {exc}", retryable=True)
    if isinstance(exc, openai.APIError):
        # An error object inside a stream that began with HTTP 200: only its text says what it was.
        text = f"{exc.message} {exc.body}".lower()
        return ProviderError(f"in-stream error: {exc.message}", retryable=any(w in text for w in _RETRYABLE_WORDS))
    return ProviderError(f"{type(exc).__name__}: {exc}")


def _set_usage(usage: Usage, raw: Any) -> None:
    """Copy a server's usage report into `usage`, in place (the gateway holds that object)."""
    cached = getattr(getattr(raw, "prompt_tokens_details", None), "cached_tokens", None) or 0
    # prompt_tokens includes the cached part; Usage keeps them apart so each gets its own price.
    usage.input_tokens = max(0, (raw.prompt_tokens or 0) - cached)
    usage.output_tokens = raw.completion_tokens or 0
    usage.cache_read_tokens = cached


@dataclass
class _Reply:
    usage: Usage
    finish_reason: str | None = None
    refusal: str = ""
    saw_usage: bool = False


def _is_rejection(exc: Exception) -> bool:
    return isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError)


def _messages(request: ModelRequest) -> list[dict]:
    """System, the conversation so far (if the prompt has one), then the [user] text.

    Servers that cache prompt prefixes automatically (OpenAI, vLLM, Ollama) reuse the unchanged
    start of a conversation that only grows at its end.
    """
    system, history, user = request.prompt.render_messages(request.context)
    turns = [{"role": role, "content": text} for role, text in history]
    return [{"role": "system", "content": system}, *turns, {"role": "user", "content": user}]


class OpenAICompatModel:
    provider = "openai"

    def __init__(self, model_id: str):
        self.model = model_id

    @property
    def _server(self) -> tuple[str, str]:
        return (_base_url(), self.model)

    def _params(self, request: ModelRequest, messages: list[dict], max_tokens: int) -> dict[str, Any]:
        # OpenAI's own API has replaced max_tokens with max_completion_tokens (its reasoning
        # models reject the old name); other servers all know max_tokens.
        official = not _base_url() or "api.openai.com" in _base_url()
        params: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            ("max_completion_tokens" if official else "max_tokens"): max_tokens,
            "timeout": request_timeout(request, settings.LLM_TIMEOUT_S),
            **request.prompt.extra.get("openai", {}),
        }
        if self._server not in _no_stream_options:
            params["stream_options"] = {"include_usage": True}
        return params

    async def _open(self, request: ModelRequest, params: dict[str, Any]) -> openai.AsyncStream:
        completions = _client().chat.completions.with_raw_response
        try:
            raw = await completions.create(stream=True, **params)
        except Exception as exc:
            if not (_is_rejection(exc) and "stream_options" in params and "stream_options" in str(exc)):
                raise provider_error(exc) from exc
            _no_stream_options.add(self._server)
            params = {k: v for k, v in params.items() if k != "stream_options"}
            try:
                raw = await completions.create(stream=True, **params)
            except Exception as again:
                raise provider_error(again) from again
        request.retries = raw.retries_taken
        return raw.parse()  # the legacy raw response parses synchronously

    async def _run(self, request: ModelRequest, params: dict[str, Any], reply: _Reply) -> AsyncIterator[str]:
        """Yield the answer's text deltas; close the HTTP stream as soon as the caller stops."""
        chunks = await self._open(request, params)
        try:
            async for chunk in chunks:
                if chunk.usage is not None:
                    _set_usage(reply.usage, chunk.usage)
                    reply.saw_usage = True
                for choice in chunk.choices:
                    reply.finish_reason = choice.finish_reason or reply.finish_reason
                    reply.refusal += getattr(choice.delta, "refusal", None) or ""
                    if choice.delta.content:
                        if not reply.saw_usage:
                            reply.usage.output_tokens += 1  # estimate until the server reports usage
                        yield choice.delta.content
        except (openai.APIError, httpx2.HTTPError) as exc:
            raise provider_error(exc) from exc
        finally:
            await chunks.close()
        if reply.refusal or reply.finish_reason == "content_filter":
            raise ProviderError(f"{self.model} declined to answer: {reply.refusal or 'content_filter'}")

    async def stream(self, request: ModelRequest) -> AsyncIterator[str]:
        messages = _messages(request)
        reply = _Reply(usage=request.usage)
        async with aclosing(self._run(request, self._params(request, messages, request.max_tokens), reply)) as texts:
            async for text in texts:
                yield text

    async def _complete(self, request: ModelRequest, params: dict[str, Any]) -> tuple[str, _Reply]:
        reply = _Reply(usage=Usage())
        try:
            # Streamed even for one object: slow local servers keep bytes flowing this way.
            async with aclosing(self._run(request, params, reply)) as texts:
                parts = [text async for text in texts]
        finally:
            request.usage.add(reply.usage)
        return "".join(parts), reply

    async def _first_answer(
        self, request: ModelRequest, schema: type[BaseModel], messages: list[dict]
    ) -> tuple[str, _Reply, dict[str, Any]]:
        """Ask with `json_schema`; if the server refuses that (400), ask again in JSON mode."""
        params = self._params(request, messages, request.max_tokens)
        if self._server not in _no_json_schema:
            schema_format = {
                "type": "json_schema",
                # strict=False: pydantic schemas with defaults are not valid strict schemas, and
                # our own validation below is what guarantees the shape anyway.
                "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
            }
            params = {**params, "response_format": schema_format}
            try:
                text, reply = await self._complete(request, params)
                return text, reply, params
            except ProviderError as exc:
                if not _is_rejection(exc.__cause__):
                    raise
                log.info("%s rejected json_schema output (%s); using JSON mode", self.model, exc)
                if any(word in str(exc).lower() for word in ("response_format", "json_schema", "schema")):
                    _no_json_schema.add(self._server)  # remembered only when the server said why
        params = self._json_mode(params, schema, messages)
        text, reply = await self._complete(request, params)
        return text, reply, params

    @staticmethod
    def _json_mode(params: dict[str, Any], schema: type[BaseModel], messages: list[dict]) -> dict[str, Any]:
        # JSON mode constrains syntax only, so the shape goes into the instructions (which must
        # also mention JSON for OpenAI to accept the mode at all).
        system = {
            "role": "system",
            "content": f"{messages[0]['content']}\n\nAnswer with one JSON object only, matching this JSON schema:\n"
            + json.dumps(schema.model_json_schema()),
        }
        return {**params, "messages": [system, *messages[1:]], "response_format": {"type": "json_object"}}

    async def structured(self, request: ModelRequest, schema: type[BaseModel]) -> BaseModel:
        messages = _messages(request)
        text, reply, params = await self._first_answer(request, schema, messages)
        try:
            return validate_json(schema, text)
        except ValidationError as err:
            log.info("%s gave invalid %s output, asking once for a repair", self.model, schema.__name__)
            params = {
                **params,
                "messages": params["messages"]
                + [{"role": "assistant", "content": text}, {"role": "user", "content": repair_instruction(err)}],
            }
            if reply.finish_reason == "length":
                key = "max_completion_tokens" if "max_completion_tokens" in params else "max_tokens"
                params[key] *= 2
        text, _ = await self._complete(request, params)
        try:
            return validate_json(schema, text)
        except ValidationError as err:
            raise ProviderError(f"{self.model} gave invalid {schema.__name__} output after a repair: {err}") from err
