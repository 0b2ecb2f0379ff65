"""Fillers: one short interjection while the reply is late, about what the candidate just said.

The promise (PROTOCOL.md): within FILLER_AFTER_MS of an answer, either the reply's first delta or
one filler has been sent. The mini model is asked the moment the answer arrives; if it has not
answered by the deadline (less a margin for the trip to the page), the offline engine's filler is
used instead, which takes no time. The margin (150 ms) covers the trip to the page on a busy
server. A filler is never said twice in one interview.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from llm import gateway

from ..offline_interviewer import filler as local_filler
from ..prompts import FILLER, filler_context
from .clock import Clock

log = logging.getLogger(__name__)

MAX_CHARS, MAX_WORDS = 120, 16


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def clean(text: str) -> str:
    """A model's filler made safe to show, or "" when it is not a short plain interjection."""
    line = " ".join((text or "").split()).strip().strip("\"'“”")
    if not line or len(line) > MAX_CHARS or len(line.split()) > MAX_WORDS or "?" in line or "<" in line:
        return ""
    return line


class Fillers:
    def __init__(
        self,
        *,
        interview_id: int,
        clock: Clock,
        emit: Callable[[dict], Awaitable[None]],
        after_s: float,
        margin_s: float = 0.15,
        used: tuple[str, ...] = (),
    ):
        self.interview_id, self._clock, self._emit = interview_id, clock, emit
        self._fire_s = max(0.0, after_s - margin_s)
        self.used: list[str] = list(used)
        self.sent = 0
        self.local = 0  # fillers that came from the offline engine because the mini model was late
        self._watch: asyncio.Task | None = None

    def watch(self, answer: str, *, arrived_at: float, answered: Callable[[], bool]) -> None:
        """Guard one answer; a newer answer replaces the watch on the older one (one filler per answer)."""
        self.cancel()
        self._watch = asyncio.create_task(self._guard(answer, arrived_at, answered), name="filler-watch")

    def cancel(self) -> None:
        if self._watch is not None and not self._watch.done():
            self._watch.cancel()
        self._watch = None

    async def _guard(self, answer: str, arrived_at: float, answered: Callable[[], bool]) -> None:
        mini = asyncio.create_task(self._ask_mini(answer), name="filler-mini")
        try:
            await self._clock.sleep(arrived_at + self._fire_s - self._clock.time())
            if answered():
                return
            text = self._unused(mini.result() if mini.done() and not mini.cancelled() and not mini.exception() else "")
            if not text:
                self.local += 1
                text = local_filler(filler_context(answer=answer, used=self.used, key=str(len(self.used))))
            self.used.append(text)
            self.sent += 1
            await self._emit({"type": "interviewer.filler", "text": text})
        finally:
            if not mini.done():
                mini.cancel()  # closing its stream closes the mini model's call

    def _unused(self, text: str) -> str:
        text = clean(text)
        return text if text and _key(text) not in {_key(u) for u in self.used} else ""

    async def _ask_mini(self, answer: str) -> str:
        context = filler_context(answer=answer, used=self.used, key=str(len(self.used)))
        subject = gateway.Subject(interview_id=self.interview_id)
        pieces = []
        stream = gateway.stream(FILLER, context, role="mini", subject=subject)
        try:
            async for piece in stream:
                pieces.append(piece)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("mini model failed on a filler for interview %s", self.interview_id, exc_info=True)
        finally:
            await stream.aclose()
        return "".join(pieces)
