"""Recorded HTTP exchanges, served to the real SDK clients through `httpx2.MockTransport`.

The SSE bodies have the shape the real APIs send: Anthropic's named events (`message_start`,
`content_block_*`, `ping`, `message_delta` with cumulative usage, `message_stop`, or `error`),
and OpenAI's `data:` lines of `chat.completion.chunk` objects ending with `data: [DONE]`.
Each event travels as its own network chunk, so tests see tokens arrive one by one.
"""

import asyncio
import json
from collections import deque
from collections.abc import Callable
from pathlib import Path

import httpx2

EXCHANGES = Path(__file__).parent / "exchanges"
# Verbatim Anthropic stream: a short answer whose system prompt was read from the cache.
ANTHROPIC_STREAM = (EXCHANGES / "anthropic_messages_stream.sse").read_bytes()
# Verbatim OpenAI-compatible stream with `stream_options.include_usage`: the usage comes last,
# in a chunk with no choices.
OPENAI_STREAM = (EXCHANGES / "openai_chat_stream.sse").read_bytes()


def sse_events(body: bytes) -> list[bytes]:
    """Split an SSE body into its events, one network chunk each."""
    return [event + b"\n\n" for event in body.split(b"\n\n") if event.strip()]


def _event(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


def anthropic_events(
    pieces: list[str],
    *,
    model: str = "claude-sonnet-5-5",
    usage: dict | None = None,
    output_tokens: int = 12,
    stop_reason: str = "end_turn",
    thinking: str | None = None,
) -> list[bytes]:
    """A Messages stream answering with `pieces` (and, first, a thinking block if given)."""
    start_usage = {"input_tokens": 30, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
    start_usage.update(usage or {})
    message = {"id": "msg_01Test", "type": "message", "role": "assistant", "model": model, "content": []}
    message |= {"stop_reason": None, "stop_sequence": None, "usage": {**start_usage, "output_tokens": 1}}
    events = [_event("message_start", {"type": "message_start", "message": message})]
    index = 0
    if thinking is not None:
        block = {"type": "thinking", "thinking": "", "signature": ""}
        events += [
            _event("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
            _delta(0, {"type": "thinking_delta", "thinking": thinking}),
            _delta(0, {"type": "signature_delta", "signature": "EqQBCkYIBxgCKkCz"}),
            _event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ]
        index = 1
    text_block = {"type": "text", "text": ""}
    events.append(
        _event("content_block_start", {"type": "content_block_start", "index": index, "content_block": text_block})
    )
    events.append(_event("ping", {"type": "ping"}))
    events += [_delta(index, {"type": "text_delta", "text": piece}) for piece in pieces]
    events.append(_event("content_block_stop", {"type": "content_block_stop", "index": index}))
    delta = {"stop_reason": stop_reason, "stop_sequence": None}
    events.append(
        _event("message_delta", {"type": "message_delta", "delta": delta, "usage": {"output_tokens": output_tokens}})
    )
    events.append(_event("message_stop", {"type": "message_stop"}))
    return events


def _delta(index: int, delta: dict) -> bytes:
    return _event("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta})


def anthropic_error_event(error_type: str = "overloaded_error", message: str = "Overloaded") -> bytes:
    return _event("error", {"type": "error", "error": {"type": error_type, "message": message}})


def openai_chunks(
    pieces: list[str], *, usage: dict | None = None, finish_reason: str = "stop", model: str = "llama-3.3-70b"
) -> list[bytes]:
    """A chat completions stream answering with `pieces`; `usage=None` models a server without usage."""
    head = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1741570283, "model": model}

    def chunk(choices: list, chunk_usage: dict | None = None) -> bytes:
        return f"data: {json.dumps({**head, 'choices': choices, 'usage': chunk_usage})}\n\n".encode()

    def choice(delta: dict, finish: str | None = None) -> dict:
        return {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}

    chunks = [chunk([choice({"role": "assistant", "content": ""})])]
    chunks += [chunk([choice({"content": piece})]) for piece in pieces]
    chunks.append(chunk([choice({}, finish_reason)]))
    if usage is not None:
        chunks.append(chunk([], usage))
    return chunks + [b"data: [DONE]\n\n"]


class RecordedBody(httpx2.AsyncByteStream):
    """A response body sent chunk by chunk, that can break or stall part-way, and knows if it was closed."""

    def __init__(self, chunks: list[bytes], *, fail_after: int | None = None, stall_after: int | None = None):
        self.chunks = chunks
        self.fail_after = fail_after
        self.stall_after = stall_after
        self.sent = 0
        self.closed = False

    async def __aiter__(self):
        for i, chunk in enumerate(self.chunks):
            if i == self.fail_after:
                raise httpx2.ReadError("connection reset by peer")
            if i == self.stall_after:
                await asyncio.Event().wait()  # a server that stops sending; only closing ends it
            self.sent += 1
            yield chunk
            await asyncio.sleep(0)

    async def aclose(self) -> None:
        self.closed = True


class FakeServer:
    """Answers each request with the next queued response and keeps what it was sent."""

    def __init__(self) -> None:
        self.queue: deque[Callable[[httpx2.Request], httpx2.Response]] = deque()
        self.requests: list[httpx2.Request] = []
        self.bodies: list[RecordedBody] = []

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if not self.queue:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        return self.queue.popleft()(request)

    def transport(self) -> httpx2.MockTransport:
        return httpx2.MockTransport(self.handler)

    def stream(self, chunks: list[bytes], **body_options) -> RecordedBody:
        body = RecordedBody(chunks, **body_options)
        self.bodies.append(body)
        headers = {"content-type": "text/event-stream", "request-id": "req_test"}
        self.queue.append(lambda request: httpx2.Response(200, headers=headers, stream=body))
        return body

    def error(self, status: int, body: dict, headers: dict | None = None) -> None:
        self.queue.append(lambda request: httpx2.Response(status, headers=headers or {}, json=body))

    def json_body(self, index: int = -1) -> dict:
        return json.loads(self.requests[index].content)
