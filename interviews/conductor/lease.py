"""One conductor per interview across processes: a lease with an owner and an expiry.

The process that holds an interview's lease conducts it and renews the lease while it runs; a
process that dies stops renewing, the lease expires, and the next socket to reach another process
takes over and resumes from the database. Two backends, chosen by configuration:

- Redis (`REDIS_URL` set): `SET key owner NX PX ttl`; renew and release compare the owner first
  (a small Lua script), so a process never extends or drops a lease it lost.
- The database (the default, SQLite included): one `ConductorLease` row per interview, taken or
  renewed by a conditional UPDATE (owner is me, or the lease expired), created when missing.

Lease time is wall time on purpose (the conductor's clock may be a test's manual one).
"""

import asyncio
import logging
import os
import socket
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from interview_site.db import db_call

log = logging.getLogger(__name__)

# This process, as a lease owner: host, pid and a random part (a pid can be reused after a crash).
OWNER = f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
_KEY = "interviewer:conductor-lease:{}"
_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
# Many renewals in one call (KEYS: the leases; ARGV: owner, ttl ms, owner, ttl ms, ...): 1 renewed, 0 not ours.
_RENEW_MANY = """
local renewed = {}
for i, key in ipairs(KEYS) do
  if redis.call('get', key) == ARGV[2 * i - 1] then
    renewed[i] = redis.call('pexpire', key, ARGV[2 * i])
  else
    renewed[i] = 0
  end
end
return renewed
"""
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


def lease_seconds() -> float:
    return float(getattr(settings, "CONDUCTOR_LEASE_S", 6))


def _backend() -> str:
    chosen = getattr(settings, "CONDUCTOR_LEASE_BACKEND", "auto")
    if chosen == "auto":
        return "redis" if getattr(settings, "REDIS_URL", "") else "db"
    return chosen


# --- The database backend -----------------------------------------------------------------------


def _db_take(interview_id: int, owner: str, ttl_s: float, *, only_renew: bool = False) -> bool:
    from ..models import ConductorLease

    now = timezone.now()
    until = now + timedelta(seconds=ttl_s)
    leases = ConductorLease.objects.filter(interview_id=interview_id)
    takeable = Q(owner=owner) if only_renew else Q(owner=owner) | Q(expires_at__lt=now)
    if leases.filter(takeable).update(owner=owner, expires_at=until):
        return True
    if only_renew:
        return False
    try:
        with transaction.atomic():
            ConductorLease.objects.create(interview_id=interview_id, owner=owner, expires_at=until)
        return True
    except IntegrityError:
        return False  # someone else holds it (or took it between our update and insert)


def _db_release(interview_id: int, owner: str) -> None:
    from ..models import ConductorLease

    ConductorLease.objects.filter(interview_id=interview_id, owner=owner).delete()


def _db_holder(interview_id: int) -> str | None:
    from ..models import ConductorLease

    lease = ConductorLease.objects.filter(interview_id=interview_id, expires_at__gte=timezone.now()).first()
    return lease.owner if lease else None


# Like every other database call of the conductors (interview_site/db.py). This backend serves SQLite
# setups, which have one writer anyway; deployments with many interviews use Redis.
_db_take_async = db_call(_db_take)
_db_release_async = db_call(_db_release)


# --- The Redis backend ------------------------------------------------------------------------------

_clients: dict[asyncio.AbstractEventLoop, object] = {}


def _redis():
    """One asyncio Redis client per event loop (a client's connections belong to the loop that made them)."""
    import redis.asyncio as aioredis

    loop = asyncio.get_running_loop()
    for old in [old for old in _clients if old.is_closed()]:
        del _clients[old]
    if loop not in _clients:
        # A blocking pool: hundreds of renewals at once wait for a connection instead of failing.
        pool = aioredis.BlockingConnectionPool.from_url(
            settings.REDIS_URL, max_connections=20, timeout=2, socket_timeout=2, socket_connect_timeout=2
        )
        _clients[loop] = aioredis.Redis(connection_pool=pool)
    return _clients[loop]


async def _redis_take(interview_id: int, owner: str, ttl_s: float, *, only_renew: bool = False) -> bool:
    client, key, ttl_ms = _redis(), _KEY.format(interview_id), int(ttl_s * 1000)
    if only_renew:
        return await _renewals(asyncio.get_running_loop()).renew(key, owner, ttl_ms)
    if await client.eval(_RENEW, 1, key, owner, ttl_ms):
        return True
    return bool(await client.set(key, owner, nx=True, px=ttl_ms))


class _Renewals:
    """The renewals asked for in one loop iteration go to Redis as one script call: a process with
    hundreds of interviews makes one round trip per renewal tick instead of one per lease (the
    leases renew on a shared tick, see `Lease.keep`)."""

    def __init__(self):
        self._batch: list[tuple[str, str, int, asyncio.Future]] = []

    def renew(self, key: str, owner: str, ttl_ms: int) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        if not self._batch:
            loop.call_soon(self._flush)
        future = loop.create_future()
        self._batch.append((key, owner, ttl_ms, future))
        return future

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        asyncio.ensure_future(self._send(batch))

    @staticmethod
    async def _send(batch: list) -> None:
        try:
            argv = [value for _, owner, ttl_ms, _ in batch for value in (owner, ttl_ms)]
            renewed = await _redis().eval(_RENEW_MANY, len(batch), *(key for key, *_ in batch), *argv)
        except BaseException as error:  # every waiting renewal hears it (CancelledError included)
            for *_, future in batch:
                if not future.done():
                    future.set_exception(error if isinstance(error, Exception) else ConnectionError(str(error)))
            if not isinstance(error, Exception):
                raise
            return
        for (*_, future), taken in zip(batch, renewed, strict=True):
            if not future.done():
                future.set_result(bool(taken))


_renewers: dict[asyncio.AbstractEventLoop, _Renewals] = {}


def _renewals(loop: asyncio.AbstractEventLoop) -> _Renewals:
    for old in [old for old in _renewers if old.is_closed()]:
        del _renewers[old]
    if loop not in _renewers:
        _renewers[loop] = _Renewals()
    return _renewers[loop]


# --- The lease a conductor holds --------------------------------------------------------------------


class Lease:
    """This process's claim on one interview. `valid()` is a local check (no I/O): the conductor stops
    writing once the lease may have expired, even before a failed renewal tells it so."""

    def __init__(self, interview_id: int, *, owner: str = OWNER, ttl_s: float | None = None):
        self.interview_id, self.owner = interview_id, owner
        self.ttl_s = ttl_s if ttl_s is not None else lease_seconds()
        self._valid_until = 0.0
        self._backend = _backend()

    async def _take(self, *, only_renew: bool) -> bool | None:
        """True: ours until now + ttl; False: someone else's; None: the store did not answer."""
        asked_at = time.monotonic()
        try:
            if self._backend == "redis":
                taken = await _redis_take(self.interview_id, self.owner, self.ttl_s, only_renew=only_renew)
            else:
                taken = await _db_take_async(self.interview_id, self.owner, self.ttl_s, only_renew=only_renew)
        except Exception as error:
            log.warning("lease of interview %s: no answer from the store (%s)", self.interview_id, error)
            return None  # what we knew still holds until it runs out
        # Counted from when we asked, not when the answer came: the store may have expired it sooner.
        self._valid_until = asked_at + self.ttl_s * 0.9 if taken else 0.0
        return taken

    async def acquire(self) -> bool:
        return bool(await self._take(only_renew=False))

    async def renew(self) -> bool:
        """False once the lease is someone else's, or once it ran out while the store did not answer."""
        taken = await self._take(only_renew=True)
        return taken if taken is not None else self.valid()

    def valid(self) -> bool:
        return time.monotonic() < self._valid_until

    async def release(self) -> None:
        self._valid_until = 0.0
        try:
            if self._backend == "redis":
                await _redis().eval(_RELEASE, 1, _KEY.format(self.interview_id), self.owner)
            else:
                await _db_release_async(self.interview_id, self.owner)
        except Exception:
            log.exception("lease of interview %s: could not release (it will expire)", self.interview_id)

    async def keep(self, on_lost) -> None:
        """Renew every third of the lease time until cancelled; call `on_lost()` once if a renewal fails."""
        period = self.ttl_s / 3
        while True:
            if self._backend == "redis":
                # On a tick shared by every lease of this process (same ttl), so their renewals go
                # to Redis together; between half a period and one and a half after the last one.
                delay = period - time.monotonic() % period
                await asyncio.sleep(delay if delay >= period / 2 else delay + period)
            else:
                await asyncio.sleep(period)
            if not await self.renew():
                log.warning("lost the lease of interview %s", self.interview_id)
                await on_lost()
                return


def holder_sync(interview_id: int) -> str | None:
    """Who conducts the interview now (None: nobody), for synchronous callers such as the sweep task."""
    if _backend() == "redis":
        import redis

        with redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2) as client:
            value = client.get(_KEY.format(interview_id))
        return value.decode() if value else None
    return _db_holder(interview_id)
