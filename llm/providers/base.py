"""What every provider implements: stream text, or return one structured object, and report usage."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel

from ..prompts import Prompt


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0


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
