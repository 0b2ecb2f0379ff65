"""A local server that speaks the OpenAI Chat Completions API, for tests and benchmarks. Never a real model.

    with FakeOpenAI() as server:             # listens on 127.0.0.1, a free port, in a thread
        settings.OPENAI_BASE_URL = server.base_url   # ends in /v1, as the SDK and OPENAI_BASE_URL expect
        ...
        server.requests[-1]                  # the JSON bodies it was sent (refused ones too)
        server.usages[-1]                    # the usage it answered with

    python -m llm.testing.fake_openai --port 8766   # the same server as a process of its own

`POST /v1/chat/completions`, streamed (SSE `data:` lines of `chat.completion.chunk` objects: the
role, the content deltas, the finish reason, with `stream_options.include_usage` a last chunk with
no choices and the usage, then `data: [DONE]`) or not (one `chat.completion`); `GET /v1/models`.
Answers are deterministic: interviewer-like text picked from the request's content (the replies of
`fake_anthropic`), or for `response_format` a JSON object built from the `json_schema`'s schema, or
in JSON mode from a JSON schema found in a system message (where clients put it); a
`responder(body)` may supply either. Usage counts about four characters a token and reports the
automatic prefix caching of OpenAI-compatible servers in `prompt_tokens_details.cached_tokens`
(`PrefixCache` states the rule).

It refuses what the API refuses (no model or messages, an unknown role or response format, JSON
mode without the word "json" in the messages, `stream_options` without `stream`, a key other than
`api_key` when one is set), and two switches make it one of the servers that know less:
`reject_json_schema` answers 400 to a `json_schema` response format, as some vLLM and Ollama
builds and hosted models do, and `reject_stream_options` answers 400 to `stream_options`.
"""

import argparse
import hashlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .fake_anthropic import reply_text, sample_json
from .prompt_cache import count_tokens

Responder = Callable[[dict], "str | dict | None"]
_PIECE = re.compile(r"\s*\S+")
_ROLES = ("system", "developer", "user", "assistant", "tool")
_FORMATS = ("text", "json_object", "json_schema")
CREATED = 1767225600  # a fixed `created`, so answers are the same on every run


class OpenAIAPIError(Exception):
    def __init__(self, status: int, message: str, *, error_type: str = "invalid_request_error",
                 param: str | None = None, code: str | None = None):
        super().__init__(message)
        self.status, self.error_type, self.param, self.code = status, error_type, param, code

    def payload(self) -> dict:
        return {"error": {"message": str(self), "type": self.error_type, "param": self.param, "code": self.code}}


class PrefixCache:
    """The automatic prompt caching of OpenAI-compatible servers (OpenAI's documented rule, tokens approximated).

    A prompt of at least `min_tokens` (1024) is cached with no marker; a later prompt for the same
    model reads the longest prefix seen before, counted from 1024 tokens in steps of `step` (128);
    an entry lasts `ttl_s` (5 minutes) from its last use. Safe to share between threads.
    """

    def __init__(self, *, min_tokens: int = 1024, step: int = 128, ttl_s: float = 300.0,
                 clock: Callable[[], float] = time.monotonic):
        self.min_tokens, self.step, self.ttl_s, self._clock = min_tokens, step, ttl_s, clock
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def account(self, model: str, prompt: str) -> int:
        """The cached tokens of `prompt`; its prefixes are stored (or refreshed) for the next request."""
        digest, done, keys = hashlib.sha256(model.encode()), 0, []
        for length in range(self.min_tokens, count_tokens(prompt) + 1, self.step):
            digest.update(prompt[done * 4 : length * 4].encode())
            keys.append((length, digest.hexdigest()))
            done = length
        with self._lock:
            now = self._clock()
            cached = max((length for length, key in keys if self._expiry.get(key, 0.0) > now), default=0)
            for _, key in keys:
                self._expiry[key] = now + self.ttl_s
        return cached


def prompt_text(body: dict) -> str:
    """The prompt as the server tokenizes it: the structured-output schema, then each message in order."""
    parts = []
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        parts.append(json.dumps(response_format.get("json_schema"), sort_keys=True))
    for message in body.get("messages") or []:
        parts.append(f"<|{message.get('role')}|>{message_text(message)}")
    return "\n".join(parts)


def message_text(message: dict) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(part.get("text") or "" for part in content if isinstance(part, dict))
    return content or ""


def schema_in_messages(body: dict) -> dict | None:
    """A JSON schema a client wrote into a system message for JSON mode (the last one given)."""
    decoder = json.JSONDecoder()
    for message in reversed(body.get("messages") or []):
        if message.get("role") not in ("system", "developer"):
            continue
        text = message_text(message)
        for start in reversed([m.start() for m in re.finditer(r"\{", text)]):
            try:
                found, _ = decoder.raw_decode(text, start)
            except ValueError:
                continue
            if isinstance(found, dict) and ("properties" in found or "$defs" in found):
                return found
    return None


class FakeOpenAI:
    """The server; `start()` (or `with`) serves it from a thread. See the module docstring."""

    def __init__(
        self,
        *,
        responder: Responder | None = None,
        reject_json_schema: bool = False,
        reject_stream_options: bool = False,
        api_key: str | None = None,
        ttft_ms: float = 0.0,
        tokens_per_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        port: int = 0,
    ):
        self.cache = PrefixCache(clock=clock)
        self.responder = responder
        self.reject_json_schema, self.reject_stream_options = reject_json_schema, reject_stream_options
        self.api_key = api_key  # None: any key will do, as with Ollama and vLLM
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
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeOpenAI":
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- One request ---------------------------------------------------------------------------

    def answer(self, body: dict) -> tuple[dict, str, dict]:
        """Validate a chat completions request; return (completion head, answer text, usage)."""
        self.requests.append(body)
        self._validate(body)
        text = self._text(body)
        prompt_tokens = count_tokens(prompt_text(body))
        cached = self.cache.account(body["model"], prompt_text(body))
        completion_tokens = count_tokens(text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                          "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0},
        }
        self.usages.append(usage)
        head = {"id": f"chatcmpl-fake{next(self._ids):06d}", "created": CREATED, "model": body["model"],
                "system_fingerprint": "fp_fake"}
        return head, text, usage

    def _validate(self, body: dict) -> None:
        if not isinstance(body.get("model"), str) or not body["model"]:
            raise OpenAIAPIError(400, "you must provide a model parameter", param="model")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise OpenAIAPIError(400, "'messages' must be a non-empty array", param="messages")
        for i, message in enumerate(messages):
            if not isinstance(message, dict) or message.get("role") not in _ROLES:
                raise OpenAIAPIError(400, f"Invalid value for 'messages[{i}].role'", param=f"messages[{i}].role")
        if "stream_options" in body:
            if self.reject_stream_options:
                raise OpenAIAPIError(400, "Unrecognized request argument supplied: stream_options",
                                     param="stream_options")
            if not body.get("stream"):
                raise OpenAIAPIError(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                                     param="stream_options")
        self._validate_format(body.get("response_format"), messages)

    def _validate_format(self, response_format: Any, messages: list[dict]) -> None:
        if response_format is None:
            return
        kind = response_format.get("type") if isinstance(response_format, dict) else None
        if kind not in _FORMATS:
            raise OpenAIAPIError(400, f"Invalid value: {kind!r}. Supported values are: {', '.join(_FORMATS)}.",
                                 param="response_format.type")
        if kind == "json_schema":
            if self.reject_json_schema:
                raise OpenAIAPIError(400, "response_format of type 'json_schema' is not supported with this model",
                                     param="response_format")
            spec = response_format.get("json_schema") or {}
            if not spec.get("name") or not isinstance(spec.get("schema"), dict):
                raise OpenAIAPIError(400, "response_format.json_schema needs a name and a schema",
                                     param="response_format.json_schema")
        if kind == "json_object" and not any("json" in message_text(m).lower() for m in messages):
            raise OpenAIAPIError(400, "'messages' must contain the word 'json' in some form, to use "
                                 "'response_format' of type 'json_object'.", param="messages")

    def _text(self, body: dict) -> str:
        answer = self.responder(body) if self.responder else None
        response_format = body.get("response_format") or {}
        if answer is None and response_format.get("type") == "json_schema":
            answer = sample_json(response_format["json_schema"]["schema"])
        if answer is None and response_format.get("type") == "json_object":
            schema = schema_in_messages(body)
            answer = sample_json(schema) if schema else {}
        if answer is None:
            answer = reply_text(body)
        return answer if isinstance(answer, str) else json.dumps(answer)


def _message(head: dict, text: str, usage: dict) -> dict:
    choice = {"index": 0, "message": {"role": "assistant", "content": text, "refusal": None, "annotations": []},
              "logprobs": None, "finish_reason": "stop"}
    return {**head, "object": "chat.completion", "choices": [choice], "usage": usage, "service_tier": "default"}


def _data(payload: dict | str) -> bytes:
    return f"data: {payload if isinstance(payload, str) else json.dumps(payload)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
    disable_nagle_algorithm = True  # each SSE event leaves at once

    @property
    def app(self) -> FakeOpenAI:
        return self.server.app  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _path(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/")

    def _authorize(self) -> None:
        given = (self.headers.get("authorization") or "").removeprefix("Bearer ").strip()
        if not given:
            raise OpenAIAPIError(401, "You didn't provide an API key.")
        if self.app.api_key is not None and given != self.app.api_key:
            raise OpenAIAPIError(401, "Incorrect API key provided.", code="invalid_api_key")

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        try:
            self._authorize()
            if not self._path().endswith("/models"):
                raise OpenAIAPIError(404, f"Unknown request URL: GET {self.path}", code="unknown_url")
        except OpenAIAPIError as exc:
            return self._json(exc.status, exc.payload())
        models = dict.fromkeys(body.get("model") for body in self.app.requests if isinstance(body.get("model"), str))
        data = [{"id": model, "object": "model", "created": CREATED, "owned_by": "local"} for model in models]
        self._json(200, {"object": "list", "data": data})

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        try:
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
            except ValueError as exc:
                raise OpenAIAPIError(400, f"We could not parse the JSON body of your request: {exc}") from exc
            self._authorize()
            if not self._path().endswith("/chat/completions"):
                raise OpenAIAPIError(404, f"Unknown request URL: POST {self.path}", code="unknown_url")
            head, text, usage = self.app.answer(body)
        except OpenAIAPIError as exc:
            return self._json(exc.status, exc.payload())
        if body.get("stream"):
            self._stream(head, text, usage if (body.get("stream_options") or {}).get("include_usage") else None)
        else:
            self._json(200, _message(head, text, usage))

    def _json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("x-request-id", "req_fake")
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def _stream(self, head: dict, text: str, usage: dict | None) -> None:
        """The answer as chunks; with `usage`, each chunk says `"usage": null` and a last one carries it."""
        app, gap = self.app, 1 / self.app.tokens_per_s if self.app.tokens_per_s else 0.0
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("x-request-id", "req_fake")
        self.end_headers()

        def chunk(delta: dict | None, finish: str | None = None, chunk_usage: dict | None = None) -> bytes:
            choices = [] if delta is None else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
            payload = {**head, "object": "chat.completion.chunk", "choices": choices}
            return _data({**payload, "usage": chunk_usage} if usage is not None else payload)

        try:
            self._chunk(chunk({"role": "assistant", "content": "", "refusal": None}))
            if app.ttft_ms:
                time.sleep(app.ttft_ms / 1000)
            for i, piece in enumerate(_PIECE.findall(text) or [text]):
                if gap and i:
                    time.sleep(gap)
                self._chunk(chunk({"content": piece}))
            self._chunk(chunk({}, "stop"))
            if usage is not None:
                self._chunk(chunk(None, chunk_usage=usage))
            self._chunk(_data("[DONE]"))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading (a barge-in): nothing to finish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--api-key", default=None, help="require this key (default: any key will do)")
    parser.add_argument("--reject-json-schema", action="store_true")
    parser.add_argument("--reject-stream-options", action="store_true")
    parser.add_argument("--ttft-ms", type=float, default=0.0)
    parser.add_argument("--tokens-per-s", type=float, default=0.0)
    args = parser.parse_args()
    server = FakeOpenAI(port=args.port, api_key=args.api_key, reject_json_schema=args.reject_json_schema,
                        reject_stream_options=args.reject_stream_options, ttft_ms=args.ttft_ms,
                        tokens_per_s=args.tokens_per_s)
    print(f"fake OpenAI Chat Completions API on {server.base_url}", flush=True)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._server.server_close()


if __name__ == "__main__":
    main()
