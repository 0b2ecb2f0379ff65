"""What every provider implements: stream text, or return one structured object, and report usage."""

import asyncio
import os
import weakref
from collections.abc import AsyncIterator, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from ..prompts import Prompt

C = TypeVar("C")


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0

    def add(self, other: "Usage") -> None:
        """Fold in the usage of another HTTP call made for the same logical call (a repair)."""
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cache_write_tokens += other.cache_write_tokens
        self.cache_read_tokens += other.cache_read_tokens


@dataclass
class ModelRequest:
    prompt: Prompt
    context: dict[str, Any]
    max_tokens: int
    deadline_s: float | None = None
    usage: Usage = field(default_factory=Usage)  # filled in by the provider as the call goes
    retries: int = 0


class ProviderError(Exception):
    """A call that failed after the provider's own retries; `retryable` says whether a fallback may help."""

    def __init__(self, message: str, *, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


class ChatModel(Protocol):
    provider: str
    model: str

    def stream(self, request: ModelRequest) -> AsyncIterator[str]: ...

    async def structured(self, request: ModelRequest, schema: type[BaseModel]) -> BaseModel: ...


class ClientCache:
    """SDK clients reused per process and event loop.

    An async HTTP client's connection pool belongs to the loop that opened it, so a client is never
    shared across loops; a forked child (Celery prefork, Daphne workers) starts with an empty cache
    instead of inheriting its parent's sockets. Entries go away with their loop.
    """

    def __init__(self) -> None:
        self._pid = os.getpid()
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Hashable, Any]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, key: Hashable, build: Callable[[], C]) -> C:
        if os.getpid() != self._pid:
            self.clear()
        # `async_to_sync` (Celery tasks) runs each call on a fresh loop that is closed afterwards:
        # drop those clients rather than keep them, and their sockets, for the process lifetime.
        for loop in [loop for loop in self._by_loop if loop.is_closed()]:
            del self._by_loop[loop]
        clients = self._by_loop.setdefault(asyncio.get_running_loop(), {})
        if key not in clients:
            clients[key] = build()
        return clients[key]

    def clear(self) -> None:
        self._pid = os.getpid()
        self._by_loop = weakref.WeakKeyDictionary()


def request_timeout(request: ModelRequest, default_s: float) -> float:
    """The SDK's per-request timeout: the configured one, shortened to the caller's deadline."""
    if request.deadline_s is None:
        return default_s
    return max(0.1, min(default_s, request.deadline_s))


def repair_instruction(error: ValidationError | ValueError) -> str:
    """The follow-up message that asks a model to fix an answer that failed validation."""
    return (
        "Your previous answer was not a valid JSON object for the required schema. "
        f"Problems found:\n{str(error)[:2000]}\n"
        "Reply again with only the corrected JSON object, no other text."
    )


def validate_json(schema: type[BaseModel], text: str) -> BaseModel:
    """Parse a model's JSON answer, tolerating a Markdown code fence some servers wrap it in."""
    body = text.strip()
    if body.startswith("```"):
        body = body.split("\n", 1)[1] if "\n" in body else ""
        body = body.rsplit("```", 1)[0]
    return schema.model_validate_json(body)
