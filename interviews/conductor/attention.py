"""Is the candidate still with us? Silence earns a gentle nudge; a candidate gone for long ends it.

`active()` marks the candidate saying something (a message, a partial, code); `seen()` marks any
sign of life (a socket's hello or ping); `spoke()` marks the interviewer finishing a turn, from
which a silence is counted. The watch calls `on_nudge` once per silence when a nudge is allowed,
and `on_abandon` when nothing at all was heard for `abandon_after_s`.
"""

from collections.abc import Awaitable, Callable

from .clock import Clock

_MAX_SLEEP_S = 30.0
_MIN_SLEEP_S = 0.5


class Attention:
    def __init__(self, clock: Clock, *, nudge_after_s: float, abandon_after_s: float, since: float):
        self._clock = clock
        self.nudge_after_s, self.abandon_after_s = nudge_after_s, abandon_after_s
        self.last_activity = self.last_seen = self.quiet_since = since
        self._nudged_for = -1.0

    def active(self) -> None:
        now = self._clock.time()
        self.last_activity = self.last_seen = self.quiet_since = now

    def seen(self) -> None:
        self.last_seen = max(self.last_seen, self._clock.time())

    def spoke(self) -> None:
        self.quiet_since = max(self.quiet_since, self._clock.time())

    async def watch(
        self, *, may_nudge: Callable[[], bool], on_nudge: Callable[[], None], on_abandon: Callable[[], Awaitable[None]]
    ) -> None:
        while True:
            now = self._clock.time()
            if now - self.last_seen >= self.abandon_after_s:
                await on_abandon()
                return
            nudge_at = self.quiet_since + self.nudge_after_s
            if now >= nudge_at and self._nudged_for != self.quiet_since:
                self._nudged_for = self.quiet_since  # one look per silence: nudge now, or not this time
                if may_nudge():
                    on_nudge()
            pending = [self.last_seen + self.abandon_after_s]
            if self._nudged_for != self.quiet_since:
                pending.append(nudge_at)
            wait = min(pending) - now
            await self._clock.sleep(min(_MAX_SLEEP_S, max(_MIN_SLEEP_S, wait)))
