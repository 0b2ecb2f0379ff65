"""Abuse limits of the candidate's WebSocket that hold across reconnects (README, "Security model").

Per interview: candidate messages per minute, candidate turns in all, integrity signals in all (and
each one's size); per client address: WebSocket connections per minute. The counters live in Redis
when REDIS_URL is set, so every web process and every reconnect sees the same count; without Redis
there is one web process (the in-memory channel layer spans no more) and they live in its memory.
The totals are set again from the database on every `hello`, so they never drift from what is stored.

Each check raises `FrameError` with a specific code (`rate_limited`, `turn_limit_reached`,
`signal_too_large`, `signal_limit_reached`), answered with an `error` frame; nothing stored is touched.
"""

import functools
import logging
import time

from django.conf import settings

from interview_site.db import db_call

from .frames import FrameError

log = logging.getLogger(__name__)

WINDOW_S = 60
TOTAL_TTL_S = 24 * 3600  # a total outlives any interview; `hello` sets it again from the database
CLIENT_ID_TTL_S = 3600


def _prefix() -> str:
    return getattr(settings, "INTERVIEW_LIMITS_PREFIX", "interviewer:limits")


def _backend() -> str:
    chosen = getattr(settings, "INTERVIEW_LIMITS_BACKEND", "auto")
    if chosen == "auto":
        return "redis" if getattr(settings, "REDIS_URL", "") else "memory"
    return chosen


class _Memory:
    """The counters in this process: {key: (value, expires_at)}."""

    def __init__(self) -> None:
        self.data: dict[str, tuple[int, float]] = {}

    def _get(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None or value[1] <= time.monotonic():
            self.data.pop(key, None)
            return None
        return value[0]

    async def incr(self, key: str, ttl_s: int, by: int = 1) -> int:
        current = self._get(key)
        expires = self.data[key][1] if current is not None else time.monotonic() + ttl_s
        self.data[key] = ((current or 0) + by, expires)
        return self.data[key][0]

    async def add(self, key: str, ttl_s: int) -> bool:
        if self._get(key) is not None:
            return False
        self.data[key] = (1, time.monotonic() + ttl_s)
        return True

    async def set(self, key: str, value: int, ttl_s: int) -> None:
        self.data[key] = (value, time.monotonic() + ttl_s)

    async def get(self, key: str) -> int | None:
        return self._get(key)

    async def delete(self, key: str) -> None:
        self.data.pop(key, None)

    def clear(self) -> None:
        self.data.clear()


class _Redis:
    """The same operations in Redis, shared by every process (the conductor lease's client)."""

    @staticmethod
    def _client():
        from .conductor.lease import _redis

        return _redis()

    async def incr(self, key: str, ttl_s: int, by: int = 1) -> int:
        async with self._client().pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=ttl_s, nx=True)  # the window starts with its first count
            pipe.incrby(key, by)
            _, value = await pipe.execute()
        return int(value)

    async def add(self, key: str, ttl_s: int) -> bool:
        return bool(await self._client().set(key, 1, ex=ttl_s, nx=True))

    async def set(self, key: str, value: int, ttl_s: int) -> None:
        await self._client().set(key, value, ex=ttl_s)

    async def get(self, key: str) -> int | None:
        value = await self._client().get(key)
        return None if value is None else int(value)

    async def delete(self, key: str) -> None:
        await self._client().delete(key)


memory = _Memory()
_redis_store = _Redis()


def _store():
    return _redis_store if _backend() == "redis" else memory


def _retry_after(now: float) -> int:
    return max(1, int(WINDOW_S - now % WINDOW_S))


def _window_key(kind: str, ident: str, now: float) -> str:
    return f"{_prefix()}:{kind}:{ident}:{int(now // WINDOW_S)}"


def _turns_key(interview_id: int) -> str:
    return f"{_prefix()}:turns:{interview_id}"


def _signals_key(interview_id: int) -> str:
    return f"{_prefix()}:signals:{interview_id}"


def _fail_open(allowed):
    """A check whose store (Redis) is unavailable for a moment lets the frame through, loudly: a candidate
    is not refused for our outage, and the frame-size and per-socket frame-rate limits still hold."""

    def wrap(check):
        @functools.wraps(check)
        async def guarded(*args, **kwargs):
            try:
                return await check(*args, **kwargs)
            except FrameError:
                raise
            except Exception:
                log.warning("limit %s not checked: its counters are unavailable", check.__name__, exc_info=True)
                return allowed

        return guarded

    return wrap


# --- The totals, from the database ------------------------------------------------------------------


@db_call
def _stored_counts(interview_id: int) -> tuple[int, int]:
    from .models import IntegritySignal, Turn

    turns = Turn.objects.filter(interview_id=interview_id, role=Turn.Role.CANDIDATE).count()
    return turns, IntegritySignal.objects.filter(interview_id=interview_id).count()


@_fail_open(None)
async def totals_reset(*, interview_id: int) -> None:
    """Set the interview's totals to what is stored (on every hello): counters that expired, or were
    lost with Redis, come back right."""
    turns, signals = await _stored_counts(interview_id)
    store = _store()
    await store.set(_turns_key(interview_id), turns, TOTAL_TTL_S)
    await store.set(_signals_key(interview_id), signals, TOTAL_TTL_S)


# --- The checks -------------------------------------------------------------------------------------


@_fail_open(None)
async def message_check(*, interview_id: int, client_id: str) -> None:
    """Count a candidate.message against the per-minute rate and the total of candidate turns, or raise
    FrameError. A client_id seen before (a resend after a reconnect) is not counted again."""
    store = _store()
    seen_key = f"{_prefix()}:client-id:{interview_id}:{client_id}"
    if not await store.add(seen_key, CLIENT_ID_TTL_S):
        return
    now = time.time()
    per_minute = settings.INTERVIEW_MESSAGES_PER_MINUTE
    if await store.incr(_window_key("messages", str(interview_id), now), WINDOW_S) > per_minute:
        await store.delete(seen_key)  # refused: the same answer sent again later counts then
        wait = _retry_after(now)
        raise FrameError(
            "rate_limited",
            f"You are sending answers faster than {per_minute} a minute. Your last answer was not sent: "
            f"wait {wait} s and send it again.",
            retry_after_s=wait,
            client_id=client_id,
        )
    maximum = settings.INTERVIEW_MAX_CANDIDATE_TURNS
    if await store.incr(_turns_key(interview_id), TOTAL_TTL_S) > maximum:
        await store.incr(_turns_key(interview_id), TOTAL_TTL_S, by=-1)
        await store.delete(seen_key)
        raise _turn_limit(maximum, client_id=client_id)


@_fail_open(None)
async def partial_check(*, interview_id: int) -> None:
    """A partial can become an answer: none once the interview holds its total of candidate turns."""
    maximum = settings.INTERVIEW_MAX_CANDIDATE_TURNS
    if (await _store().get(_turns_key(interview_id)) or 0) >= maximum:
        raise _turn_limit(maximum)


def _turn_limit(maximum: int, **extra) -> FrameError:
    return FrameError(
        "turn_limit_reached",
        f"This interview has reached its limit of {maximum} answers, so this one was not sent. "
        "Everything you said before is kept; please end the interview.",
        **extra,
    )


def signal_size_check(detail: str) -> None:
    maximum = settings.INTERVIEW_SIGNAL_MAX_CHARS
    if len(detail) > maximum:
        raise FrameError("signal_too_large", f"A signal's detail is at most {maximum} characters.")


@_fail_open(True)
async def signal_check(*, interview_id: int) -> bool:
    """Count a signal against the interview's total. True: store it; False: store instead the one note
    that the limit was reached (the first signal past it). Past that, FrameError."""
    maximum = settings.INTERVIEW_MAX_SIGNALS
    count = await _store().incr(_signals_key(interview_id), TOTAL_TTL_S)
    if count <= maximum:
        return True
    if count == maximum + 1:
        return False
    raise FrameError("signal_limit_reached", f"This interview has stored its limit of {maximum} signals.")


@_fail_open(None)
async def connect_check(*, client_address: str) -> None:
    """Count a WebSocket connection from this address against the per-minute limit, or raise FrameError."""
    now = time.time()
    per_minute = settings.WS_CONNECTS_PER_MINUTE_PER_IP
    if await _store().incr(_window_key("connects", client_address, now), WINDOW_S) > per_minute:
        wait = _retry_after(now)
        raise FrameError(
            "rate_limited",
            f"Too many connections from your network (more than {per_minute} a minute). "
            f"The page reconnects by itself in {wait} s; nothing you said is lost.",
            retry_after_s=wait,
        )


def _cooldown_key(interview_id: int) -> str:
    return f"{_prefix()}:frames-cooldown:{interview_id}"


@_fail_open(None)
async def frames_cooldown_start(*, interview_id: int, seconds: float) -> None:
    """A socket was closed for too many frames: the interview's next sockets wait out the window too
    (the frame rate is counted per socket, and a reconnect must not reset it)."""
    seconds = max(1, int(seconds))
    await _store().set(_cooldown_key(interview_id), seconds, seconds)


@_fail_open(None)
async def frames_cooldown_check(*, interview_id: int) -> None:
    seconds = await _store().get(_cooldown_key(interview_id))
    if seconds:
        raise FrameError(
            "rate_limited",
            "Too many messages in a short time; the page reconnects by itself in a few seconds. "
            "Nothing you said is lost.",
            retry_after_s=seconds,
        )
