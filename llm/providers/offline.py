"""The built-in deterministic engine: no network, same output every run.

`offline?ttft_ms=1200&tokens_per_s=40` models a real provider's timing: it waits 1200 ms before
the first token, then streams at 40 tokens per second. Each prompt supplies its own deterministic
answer (`Prompt.offline`), computed from the same context the real prompt is rendered from.
"""

import asyncio
import re
from collections.abc import AsyncIterator
from urllib.parse import parse_qs

from pydantic import BaseModel

from .base import ModelRequest, ProviderError, Usage

_PIECE = re.compile(r"\s*\S+")


def split_tokens(text: str) -> list[str]:
    """Word-sized pieces whose concatenation is exactly `text`."""
    pieces = _PIECE.findall(text)
    rest = text[sum(map(len, pieces)) :]
    return pieces + [rest] if rest else pieces


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4) if text else 0


class OfflineModel:
    provider = "offline"

    def __init__(self, params: str = ""):
        query = parse_qs(params)
        self.ttft_ms = float(query.get("ttft_ms", ["0"])[0])
        self.tokens_per_s = float(query.get("tokens_per_s", ["0"])[0])
        self.model = "offline" + (f"?{params}" if params else "")

    def _answer(self, request: ModelRequest):
        if request.prompt.offline is None:
            raise ProviderError(f"prompt {request.prompt.name} has no offline answer")
        return request.prompt.offline(request.context)

    async def stream(self, request: ModelRequest) -> AsyncIterator[str]:
        text = str(self._answer(request))
        request.usage = Usage(input_tokens=_estimate_tokens(repr(request.context)), output_tokens=0)
        if self.ttft_ms:
            await asyncio.sleep(self.ttft_ms / 1000)
        gap = 1 / self.tokens_per_s if self.tokens_per_s else 0
        for i, piece in enumerate(split_tokens(text)):
            if i and gap:
                await asyncio.sleep(gap)
            request.usage.output_tokens += 1
            yield piece

    async def structured(self, request: ModelRequest, schema: type[BaseModel]) -> BaseModel:
        if self.ttft_ms:
            await asyncio.sleep(self.ttft_ms / 1000)
        answer = self._answer(request)
        result = answer if isinstance(answer, schema) else schema.model_validate(answer)
        request.usage = Usage(
            input_tokens=_estimate_tokens(repr(request.context)),
            output_tokens=_estimate_tokens(result.model_dump_json()),
        )
        return result
