"""Time and output, as the conductor sees them: small interfaces a test can drive by hand."""

import asyncio
import heapq
import itertools
import time
from typing import Any, Protocol


class Emitter(Protocol):
    """Where the conductor's frames go (the consumer side fans them out to every socket)."""

    async def send(self, frame: dict[str, Any]) -> None: ...


class Clock(Protocol):
    """Wall time in epoch seconds (it is compared with Interview.started_at) and a way to wait."""

    def time(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def time(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that moves only when told to (`advance`), for tests and benchmarks."""

    def __init__(self, start: float | None = None):
        self._now = time.time() if start is None else start
        self._sleepers: list[tuple[float, int, asyncio.Future]] = []
        self._ids = itertools.count()

    def time(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        waker = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._ids), waker))
        await waker

    async def advance(self, seconds: float) -> None:
        """Move time forward and let every sleeper that is now due run."""
        self._now += seconds
        while self._sleepers and self._sleepers[0][0] <= self._now:
            _, _, waker = heapq.heappop(self._sleepers)
            if not waker.done():
                waker.set_result(None)
        for _ in range(5):  # a few loop turns so woken tasks reach their next await
            await asyncio.sleep(0)
