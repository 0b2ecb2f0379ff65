"""Database calls from async code (the conductor, the candidate's socket), in one place.

`db_call` wraps a synchronous function for async callers the way Channels' `database_sync_to_async`
does (stale connections closed around each call), with two differences that matter under load:

- On a server database the call runs in a small pool of its own (`DB_THREADS`, 2 by default), so
  many interviews' calls overlap (Channels' one shared thread queued them in bursts: seconds, at a
  hundred interviews), but not too many: under the GIL every busy thread takes turns with the event
  loop, which must stay free to send words; a step's write waits instead, behind the model's first
  token. (With six threads, p99 at 200 interviews was ~2x worse; see bench/ws_load.py.) SQLite,
  which has one writer, keeps the one shared thread.
- Django's health check (CONN_HEALTH_CHECKS: a SELECT 1 before the first query of every call) is
  skipped for a connection this thread used within the last second, as poolers do (pgbouncer's
  server_check_delay). A connection that errored or outlived CONN_MAX_AGE is still closed first.
"""

import functools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connection

RECENT_S = 1.0
_used = threading.local()
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=settings.DB_THREADS, thread_name_prefix="db")
        return _pool


def db_call(func):
    """Decorate a synchronous function that uses the database: the result is awaitable."""

    def run(*args, **kwargs):
        close_old_connections()
        if connection.connection is not None and time.monotonic() - getattr(_used, "at", -RECENT_S) < RECENT_S:
            connection.health_check_done = True
        try:
            return func(*args, **kwargs)
        finally:
            _used.at = time.monotonic()
            close_old_connections()

    run = functools.update_wrapper(run, func)
    shared = sync_to_async(run, thread_sensitive=True)
    pooled = sync_to_async(run, thread_sensitive=False, executor=_executor())

    async def call(*args, **kwargs):
        return await (shared if connection.vendor == "sqlite" else pooled)(*args, **kwargs)

    return functools.update_wrapper(call, func)
