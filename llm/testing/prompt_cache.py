"""The prompt-cache accounting of the Anthropic Messages API, modelled closely enough to measure cost.

The rule implemented (the API's documented behaviour, with tokens approximated):

1. Tokens: every content block counts ceil(characters / 4) tokens (a text block its text, any other
   block its JSON). A structured-output schema (`output_config.format`) counts too, ahead of the
   system prompt, as the API injects it there.
2. Order: the prompt is the sequence output format, system blocks, then each message's content
   blocks. A prefix ends at a block boundary; its identity is the model plus the exact blocks up to
   there (role and content; `cache_control` itself is not content).
3. Breakpoints: blocks carrying `cache_control`, at most 4 (more is a 400 error, as in the API).
4. Read: the longest prefix that is in the cache and unexpired, looked up at each breakpoint and at
   the 20 block boundaries before it (the API's automatic look-back). Reading refreshes its TTL.
5. Write: each breakpoint past the prefix read whose prefix holds at least the model's minimum is
   stored. The minimum is 1024 tokens for Sonnet/Opus-class models and 2048 for Haiku-class ones
   (configurable: some current models publish 4096); a shorter breakpoint is ignored, no error.
6. Usage: `cache_read_input_tokens` is the prefix read; `cache_creation_input_tokens` runs from
   there to the furthest breakpoint written; `input_tokens` is the rest, so the three add up to
   the whole prompt.
7. Lifetime: 5 minutes, or 1 hour for `{"type": "ephemeral", "ttl": "1h"}`.
"""

import hashlib
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LOOKBACK_BLOCKS = 20
MAX_BREAKPOINTS = 4
TTL_S = {"5m": 300.0, "1h": 3600.0}


def count_tokens(text: str) -> int:
    """About four characters a token: close enough for cost, and the same on every run."""
    return math.ceil(len(text) / 4)


def min_cacheable_tokens(model: str) -> int:
    return 2048 if "haiku" in model else 1024


@dataclass(frozen=True)
class Block:
    identity: str  # canonical JSON of the role and the block without its cache_control
    tokens: int
    ttl: str | None  # "5m" or "1h" when the block is a breakpoint


class CacheControlError(ValueError):
    """The request breaks the API's cache_control rules (an HTTP 400)."""


def _block(role: str, content: Any) -> Block:
    if isinstance(content, str):
        content = {"type": "text", "text": content}
    control = content.get("cache_control") if isinstance(content, dict) else None
    body = {k: v for k, v in content.items() if k != "cache_control"} if isinstance(content, dict) else content
    text = body.get("text") if isinstance(body, dict) and body.get("type") == "text" else None
    counted = text if isinstance(text, str) else json.dumps(body, sort_keys=True)
    ttl = (control.get("ttl") or "5m") if isinstance(control, dict) else None
    if ttl is not None and ttl not in TTL_S:
        raise CacheControlError(f"cache_control.ttl must be one of {sorted(TTL_S)}")
    return Block(json.dumps([role, body], sort_keys=True), count_tokens(counted), ttl)


def prompt_blocks(body: dict) -> list[Block]:
    """The request as the API caches it: output format, system, then every message's blocks."""
    blocks = []
    output_format = (body.get("output_config") or {}).get("format")
    if output_format:
        blocks.append(_block("format", {"type": "format", "format": output_format}))
    system = body.get("system") or []
    for item in [system] if isinstance(system, str) else system:
        blocks.append(_block("system", item))
    for message in body.get("messages") or []:
        content = message.get("content")
        for item in [content] if isinstance(content, str) else content or []:
            blocks.append(_block(message.get("role", "user"), item))
    found = sum(block.ttl is not None for block in blocks)
    if found > MAX_BREAKPOINTS:
        raise CacheControlError(f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided. "
                                f"Found {found}.")
    return blocks


@dataclass(frozen=True)
class CacheUsage:
    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    ephemeral_5m_input_tokens: int = 0
    ephemeral_1h_input_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.cache_creation_input_tokens + self.cache_read_input_tokens


class PromptCache:
    """Prefixes written by earlier requests, with their expiry; safe to share between threads."""

    def __init__(self, *, min_tokens: int | None = None, clock: Callable[[], float] = time.monotonic):
        self._min_tokens = min_tokens
        self._clock = clock
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._expiry.clear()

    def account(self, model: str, blocks: list[Block]) -> CacheUsage:
        """Look the prompt up, write what its breakpoints ask for, and return its usage (module docstring)."""
        minimum = self._min_tokens if self._min_tokens is not None else min_cacheable_tokens(model)
        keys, cumulative, digest, total = [], [], hashlib.sha256(model.encode()), 0
        for block in blocks:
            digest.update(block.identity.encode())
            keys.append(digest.hexdigest())
            total += block.tokens
            cumulative.append(total)
        breakpoints = [i for i, block in enumerate(blocks) if block.ttl is not None]
        now = self._clock()
        with self._lock:
            read = -1
            for point in breakpoints:
                for i in range(point, max(-1, point - LOOKBACK_BLOCKS - 1), -1):
                    if i > read and self._expiry.get(keys[i], 0.0) > now:
                        read = i
                        break
            if read >= 0:
                self._expiry[keys[read]] = max(self._expiry[keys[read]], now + self._ttl_of(blocks, read))
            written, by_ttl = read, {"5m": 0, "1h": 0}
            for point in breakpoints:
                if point > read and cumulative[point] >= minimum:
                    self._expiry[keys[point]] = now + TTL_S[blocks[point].ttl or "5m"]
                    start = cumulative[written] if written >= 0 else 0
                    by_ttl[blocks[point].ttl or "5m"] += cumulative[point] - start
                    written = point
        read_tokens = cumulative[read] if read >= 0 else 0
        created = (cumulative[written] if written >= 0 else 0) - read_tokens
        return CacheUsage(
            input_tokens=total - read_tokens - created,
            cache_creation_input_tokens=created,
            cache_read_input_tokens=read_tokens,
            ephemeral_5m_input_tokens=by_ttl["5m"],
            ephemeral_1h_input_tokens=by_ttl["1h"],
        )

    @staticmethod
    def _ttl_of(blocks: list[Block], index: int) -> float:
        # An entry read at a boundary that is a breakpoint in this request takes that TTL; else 5 minutes.
        return TTL_S[blocks[index].ttl or "5m"]
