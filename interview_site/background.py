"""Work a real-time server does after a step has committed, off the step's path.

A conductor step must hand the candidate the interviewer's first words as soon as its transaction
commits. Two things used to ride on that path: queueing the answer's assessment (a broker publish)
and the accounting row of every model call (an INSERT through the one shared sync thread). Both
now go to one daemon thread per process, which runs them in arrival order and writes model-call
rows in batches (one INSERT for many calls).

Off by default: everywhere but the ASGI server (Celery workers, management commands, tests) a
submitted job runs at once in the caller's thread, exactly as before. `start()` (asgi.py) turns
it on. At a normal exit (Daphne stops on SIGINT/SIGTERM) whatever is queued runs before the
process ends; a `kill -9` loses at most the last `LINGER_S` of accounting rows and assessment
requests (the report judges the whole transcript itself; these are live notes).
"""

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections

log = logging.getLogger(__name__)

LINGER_S = 0.1  # after the first job arrives, wait this long so one batch carries many rows
MAX_BATCH = 500
MAX_QUEUED = 50_000  # minutes of work at full load: past it (the broker or database is down), jobs are dropped, loudly
_STOP = object()


class Background:
    def __init__(self) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.enabled = False
        self.done = 0  # jobs run (for tests and the health of the thread)
        self.dropped = 0  # jobs refused because the queue was full

    def start(self) -> None:
        """Run submitted jobs in this process's background thread from now on (idempotent)."""
        with self._lock:
            if self.enabled:
                return
            self.enabled = True
            self._thread = threading.Thread(target=self._run, name="background-after-commit", daemon=True)
            self._thread.start()
            atexit.register(self.stop)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Run what is queued, then stop the thread (at exit; tests). Jobs submitted later run inline."""
        with self._lock:
            thread, self._thread, self.enabled = self._thread, None, False
        if thread is None:
            return
        self._queue.put(_STOP)
        thread.join(timeout_s)
        if thread.is_alive():
            log.error("background jobs did not finish within %.0f s at exit", timeout_s)

    def submit(self, job: Callable[[Any], None], arg: Any, *, batch: bool = False) -> None:
        """Run `job(arg)` after this; with batch=True, `job` takes a list and gets every `arg`
        submitted for it in one batch (in order)."""
        if not self.enabled:
            _run_one(job, [arg] if batch else arg)
            self.done += 1
            return
        if self._queue.qsize() >= MAX_QUEUED:
            self.dropped += 1
            if self.dropped % 1000 == 1:
                log.error("background queue full (%d jobs): %d dropped so far", MAX_QUEUED, self.dropped)
            return
        self._queue.put((job, arg, batch))

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            time.sleep(LINGER_S)
            items, stopping = [first], False
            while len(items) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stopping = True
                    break
                items.append(item)
            close_old_connections()
            try:
                self._run_batch(items)
            finally:
                close_old_connections()
            if stopping:
                self._drain_rest()
                return

    def _drain_rest(self) -> None:
        items = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                items.append(item)
        if items:
            self._run_batch(items)

    def _run_batch(self, items: list[tuple]) -> None:
        batched: dict[Callable, list] = {}
        for job, arg, batch in items:
            if batch:
                batched.setdefault(job, []).append(arg)
            else:
                _run_one(job, arg)
        for job, args in batched.items():
            _run_one(job, args)
        self.done += len(items)


def _run_one(job: Callable[[Any], None], arg: Any) -> None:
    try:
        job(arg)
    except Exception:  # a failed job is logged; it never stops the ones after it
        log.exception("background job %s failed", getattr(job, "__qualname__", job))


background = Background()
