"""The candidate's interim transcript (`candidate.partial`): when it settles, it becomes the answer.

Each partial replaces the last. Once one has stood unchanged for `preempt_s` the conductor may start
preparing its reply (a guess it can throw away); once it has stood for `end_of_turn_s` with no
`candidate.message`, it is the candidate's answer.
"""

import asyncio
from collections.abc import Callable

from . import conduct
from .clock import Clock


class Partials:
    def __init__(
        self,
        *,
        clock: Clock,
        end_of_turn_s: float,
        preempt_s: float,
        on_stable: Callable[[str], None],
        on_final: Callable[[str], None],
    ):
        self._clock, self._eot_s, self._preempt_s = clock, end_of_turn_s, min(preempt_s, end_of_turn_s)
        self._on_stable, self._on_final = on_stable, on_final
        self.text = ""
        self._timer: asyncio.Task | None = None

    def update(self, text: str) -> None:
        if conduct.normalise(text) == conduct.normalise(self.text):
            return  # the same words again (a re-sent frame): the clock keeps running
        self.clear()
        self.text = text
        # The deadlines count from now, not from when the timer task first runs.
        self._timer = asyncio.create_task(self._settle(text, self._clock.time()), name="partial-settle")

    def clear(self) -> None:
        if self._timer is not None and not self._timer.done() and self._timer is not asyncio.current_task():
            self._timer.cancel()
        self._timer, self.text = None, ""

    async def _settle(self, text: str, changed_at: float) -> None:
        await self._clock.sleep(changed_at + self._preempt_s - self._clock.time())
        self._on_stable(text)
        await self._clock.sleep(changed_at + self._eot_s - self._clock.time())
        self.clear()
        self._on_final(text)
