"""A local server that speaks the Anthropic Messages API, for tests and benchmarks. Never a real model.

    with FakeAnthropic() as server:          # listens on 127.0.0.1, a free port, in a thread
        settings.ANTHROPIC_BASE_URL = server.base_url
        ...
        server.requests[-1]                  # the JSON bodies it was sent
        server.usages[-1]                    # the usage it answered with

    python -m llm.testing.fake_anthropic --port 8765   # the same server as a process of its own

`POST /v1/messages`, streamed (SSE: `message_start`, `content_block_*`, `ping`, `message_delta`,
`message_stop`) or not, and `POST /v1/messages/count_tokens`. Usage is computed as the API does,
including prompt caching from a prefix cache the server keeps (`llm.testing.prompt_cache` states
the rule). Answers are deterministic: text picked from the request's content, or, for structured
output (`output_config.format`), a JSON object built from the schema; a `responder(body)` may
supply either. It refuses what Claude 5.x refuses: sampling parameters, an assistant prefill,
empty text blocks, more than four cache breakpoints.
"""

import argparse
import itertools
import json
import re
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .prompt_cache import CacheControlError, CacheUsage, PromptCache, count_tokens, prompt_blocks

Responder = Callable[[dict], "str | dict | None"]
_PIECE = re.compile(r"\s*\S+")
_CONSTRAINT = re.compile(r"(minimum|maximum|minLength|maxLength|minItems|maxItems): (-?\d+(?:\.\d+)?)")
_SAMPLING = ("temperature", "top_p", "top_k")
REPLIES = (
    "Thank you for walking me through that. Could you pick one concrete example from your own work and tell me "
    "what you did yourself, step by step, and how it turned out?",
    "That is helpful, thanks. What was the hardest trade-off you faced there, which options did you weigh, "
    "and what made you decide the way you did?",
    "I see, thank you. Which part of that did you personally own, and what would you do differently if you "
    "started the same piece of work again today?",
    "Thanks for explaining. How did you know the approach was working: what did you measure, and what did "
    "the numbers tell you?",
)


class AnthropicAPIError(Exception):
    def __init__(self, status: int, error_type: str, message: str):
        super().__init__(message)
        self.status, self.error_type = status, error_type


def reply_text(body: dict) -> str:
    """A short interviewer-like reply, picked by the request's content: same request, same words
    (cache_control markers aside, so a run with caching off hears the same conversation)."""
    seed = zlib.crc32(json.dumps(_unmarked(body.get("messages")), sort_keys=True).encode())
    return REPLIES[seed % len(REPLIES)]


def _unmarked(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unmarked(v) for k, v in value.items() if k != "cache_control"}
    return [_unmarked(v) for v in value] if isinstance(value, list) else value


def sample_json(schema: dict, defs: dict | None = None, name: str = "value") -> Any:
    """A deterministic instance of a JSON schema (the API's dialect: `$defs`/`$ref`, `anyOf`, and the
    numeric and length limits the SDK moves into descriptions, e.g. "{minimum: 1, maximum: 5}")."""
    defs = schema.get("$defs", defs or {})
    if "$ref" in schema:
        return sample_json(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, name)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"] or schema["anyOf"]
        return sample_json(options[0], defs, name)
    if "enum" in schema or "const" in schema:
        return schema["enum"][0] if "enum" in schema else schema["const"]
    kind = schema.get("type", "object")
    kind = next((t for t in kind if t != "null"), "null") if isinstance(kind, list) else kind
    limits = {key: float(value) for key, value in _CONSTRAINT.findall(str(schema.get("description", "")))}
    limits.update({k: float(schema[k]) for k in ("minimum", "maximum", "minLength", "maxLength") if k in schema})
    if kind == "object":
        return {key: sample_json(sub, defs, key) for key, sub in (schema.get("properties") or {}).items()}
    if kind == "array":
        count = int(min(max(1, limits.get("minItems", 1)), limits.get("maxItems", 1)))
        return [sample_json(schema.get("items") or {}, defs, name) for _ in range(count)]
    if kind in ("integer", "number"):
        value = max(limits.get("minimum", 1), min(1, limits.get("maximum", 1)))
        return int(value) if kind == "integer" else float(value)
    if kind == "string":
        text = f"{name} from the local test model"
        text = text.ljust(int(limits.get("minLength", 0)), ".")
        return text[: int(limits["maxLength"])] if "maxLength" in limits else text
    return False if kind == "boolean" else None


class FakeAnthropic:
    """The server; `start()` (or `with`) serves it from a thread. See the module docstring."""

    def __init__(
        self,
        *,
        min_cache_tokens: int | None = None,
        responder: Responder | None = None,
        thinking: str | None = None,
        ttft_ms: float = 0.0,
        tokens_per_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        port: int = 0,
    ):
        self.cache = PromptCache(min_tokens=min_cache_tokens, clock=clock)
        self.responder = responder
        self.thinking = thinking  # a thinking block streamed before the answer, as Claude 5.x does
        self.ttft_ms, self.tokens_per_s = ttft_ms, tokens_per_s
        self.requests: list[dict] = []
        self.usages: list[dict] = []
        self._ids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self._server.app = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeAnthropic":
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeAnthropic":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- One request ---------------------------------------------------------------------------

    def answer(self, body: dict) -> tuple[dict, str, CacheUsage]:
        """Validate a Messages request; return (message without content, answer text, usage)."""
        _validate(body)
        self.requests.append(body)
        try:
            usage = self.cache.account(body["model"], prompt_blocks(body))
        except CacheControlError as exc:
            raise AnthropicAPIError(400, "invalid_request_error", str(exc)) from exc
        self.usages.append(asdict(usage))
        text = self._text(body)
        message = {
            "id": f"msg_fake{next(self._ids):06d}",
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "stop_reason": None,
            "stop_sequence": None,
        }
        return message, text, usage

    def _text(self, body: dict) -> str:
        answer = self.responder(body) if self.responder else None
        output_format = (body.get("output_config") or {}).get("format")
        if answer is None and output_format:
            answer = sample_json(output_format.get("schema") or {})
        if answer is None:
            answer = reply_text(body)
        return answer if isinstance(answer, str) else json.dumps(answer)


def _validate(body: dict) -> None:
    def bad(message: str) -> AnthropicAPIError:
        return AnthropicAPIError(400, "invalid_request_error", message)

    if not isinstance(body.get("model"), str) or not isinstance(body.get("max_tokens"), int):
        raise bad("model and max_tokens are required")
    messages = body.get("messages")
    if not messages:
        raise bad("messages: at least one message is required")
    if "-5-" in body["model"] and (used := [p for p in _SAMPLING if p in body]):
        raise bad(f"{used[0]}: sampling parameters are not supported by {body['model']}")
    if messages[-1].get("role") != "user":
        raise bad("This model does not support assistant message prefill. "
                  "The conversation must end with a user message.")
    for message in messages:
        content = message.get("content")
        blocks = [content] if isinstance(content, str) else content or []
        texts = [b if isinstance(b, str) else b.get("text") for b in blocks if isinstance(b, str) or _is_text(b)]
        if not blocks or any(not (t or "").strip() for t in texts):
            raise bad("messages: text content blocks must be non-empty")


def _is_text(block: Any) -> bool:
    return isinstance(block, dict) and block.get("type") == "text"


def _usage_fields(usage: CacheUsage, output_tokens: int) -> dict:
    return {
        "input_tokens": usage.input_tokens,
        "cache_creation_input_tokens": usage.cache_creation_input_tokens,
        "cache_read_input_tokens": usage.cache_read_input_tokens,
        "cache_creation": {
            "ephemeral_5m_input_tokens": usage.ephemeral_5m_input_tokens,
            "ephemeral_1h_input_tokens": usage.ephemeral_1h_input_tokens,
        },
        "output_tokens": output_tokens,
        "service_tier": "standard",
    }


def _sse(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
    disable_nagle_algorithm = True  # each SSE event leaves at once

    @property
    def app(self) -> FakeAnthropic:
        return self.server.app  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
            if not (self.headers.get("x-api-key") or self.headers.get("authorization")):
                raise AnthropicAPIError(401, "authentication_error", "x-api-key header is required")
            path = self.path.split("?", 1)[0].rstrip("/")
            if path.endswith("/v1/messages/count_tokens"):
                _validate({**body, "max_tokens": 1})
                tokens = sum(block.tokens for block in prompt_blocks(body))
                return self._json(200, {"input_tokens": tokens})
            if not path.endswith("/v1/messages"):
                raise AnthropicAPIError(404, "not_found_error", f"Not found: {self.path}")
            message, text, usage = self.app.answer(body)
        except (AnthropicAPIError, CacheControlError, ValueError) as exc:
            if not isinstance(exc, AnthropicAPIError):
                exc = AnthropicAPIError(400, "invalid_request_error", str(exc))
            return self._json(exc.status, {"type": "error", "error": {"type": exc.error_type, "message": str(exc)}})
        if body.get("stream"):
            self._stream(message, text, usage)
        else:
            content, output = [{"type": "text", "text": text}], count_tokens(text)
            self._json(200, {**message, "content": content, "stop_reason": "end_turn",
                             "usage": _usage_fields(usage, output)})

    def _json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", "req_fake")
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def _stream(self, message: dict, text: str, usage: CacheUsage) -> None:
        app = self.app
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("request-id", "req_fake")
        self.end_headers()
        try:
            self._chunk(_sse("message_start", {"type": "message_start", "message": {
                **message, "content": [], "usage": _usage_fields(usage, 1)}}))
            if app.ttft_ms:
                time.sleep(app.ttft_ms / 1000)
            index, output = 0, count_tokens(text)
            if app.thinking:
                output += count_tokens(app.thinking)
                self._block(0, {"type": "thinking", "thinking": "", "signature": ""},
                            [{"type": "thinking_delta", "thinking": app.thinking},
                             {"type": "signature_delta", "signature": "EqQBCkYIBxgCKkCz"}])
                index = 1
            pieces = _PIECE.findall(text) or [text]
            self._block(index, {"type": "text", "text": ""}, [{"type": "text_delta", "text": p} for p in pieces])
            final = {k: v for k, v in _usage_fields(usage, output).items() if k != "service_tier"}
            delta = {"stop_reason": "end_turn", "stop_sequence": None}
            self._chunk(_sse("message_delta", {"type": "message_delta", "delta": delta, "usage": final}))
            self._chunk(_sse("message_stop", {"type": "message_stop"}))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading (a barge-in): nothing to finish

    def _block(self, index: int, start: dict, deltas: list[dict]) -> None:
        gap = 1 / self.app.tokens_per_s if self.app.tokens_per_s else 0.0
        opening = {"type": "content_block_start", "index": index, "content_block": start}
        self._chunk(_sse("content_block_start", opening))
        if index == 0:
            self._chunk(_sse("ping", {"type": "ping"}))
        for i, delta in enumerate(deltas):
            if gap and i:
                time.sleep(gap)
            self._chunk(_sse("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}))
        self._chunk(_sse("content_block_stop", {"type": "content_block_stop", "index": index}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--min-cache-tokens", type=int, default=None)
    parser.add_argument("--ttft-ms", type=float, default=0.0)
    parser.add_argument("--tokens-per-s", type=float, default=0.0)
    args = parser.parse_args()
    server = FakeAnthropic(port=args.port, min_cache_tokens=args.min_cache_tokens, ttft_ms=args.ttft_ms,
                           tokens_per_s=args.tokens_per_s)
    print(f"fake Anthropic Messages API on {server.base_url}", flush=True)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._server.server_close()


if __name__ == "__main__":
    main()
