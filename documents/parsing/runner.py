"""Run a parser in a child process with memory, CPU and wall-clock limits.

pdfminer inflates streams without a limit and python-docx parses with `huge_tree=True`, so the
parsers never run in the web or worker process itself. Each parse gets a new child:

- normally forked from a warm fork server (`multiprocessing` "forkserver", started once per
  worker process with the parsers preloaded), so a child costs a few milliseconds instead of
  an interpreter start-up and the imports (~100-170 ms);
- if no fork server can run, a fresh interpreter (`python -m documents.parsing.child`).

Either way the child sets its own rlimits (address space, CPU) before parsing, the parent kills
it at the wall-clock timeout, and nothing a child does survives it: the fork server only forks
and never parses, so a bomb that kills one child leaves the next document unaffected.
"""

import json
import logging
import math
import multiprocessing
import multiprocessing.process as mp_process
import os
import signal
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from .result import ParseResult

log = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PRELOAD = [
    "documents.parsing.child", "documents.parsing.pdf", "documents.parsing.docx", "documents.parsing.text",
    "docx",  # python-docx is imported lazily by the parser; preloaded, each child saves ~40 ms
]
# How running out of address space shows when the child cannot even answer.
_MEMORY_SIGNS = (
    "MemoryError", "Cannot allocate memory", "std::bad_alloc", "out of memory", "failed to map segment",
)
_MEMORY_SIGNALS = (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS)
_TIME_SIGNALS = (-signal.SIGXCPU, -signal.SIGKILL)
_MESSAGES = {
    "parse_memory_exceeded": "Reading the file needed more memory than allowed; it may be a decompression bomb.",
}

_pool_lock = threading.Lock()
_pool: Any = None  # the forkserver context, once started; False when it cannot be used here


def _limits(timeout_s: float, memory_mb: int, max_pages: int) -> dict[str, Any]:
    return {"memory_mb": memory_mb, "cpu_s": max(1, math.ceil(timeout_s)) + 1, "max_pages": max_pages}


def _timeout_error(timeout_s: float) -> DocumentError:
    return DocumentError("parse_timeout", f"Reading the file took longer than {timeout_s:g} s and was stopped.")


def warm_pool() -> Any:
    """The forkserver context with the parsers preloaded, started on first use; None if unavailable."""
    global _pool
    with _pool_lock:
        if _pool is None:
            try:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(PRELOAD)
                if str(PROJECT_ROOT) not in sys.path:
                    sys.path.insert(0, str(PROJECT_ROOT))
                _pool = context
            except (ValueError, OSError) as exc:  # no forkserver on this platform
                log.warning("no warm parser pool, parsing in fresh interpreters: %s", exc)
                _pool = False
        return _pool or None


def parse_in_child(path: str, fmt: str, *, timeout_s: float, memory_mb: int, max_pages: int) -> ParseResult:
    """Parse `path` as `fmt` (pdf, docx, txt, md) in a limited child process."""
    limits = _limits(timeout_s, memory_mb, max_pages)
    context = warm_pool()
    if context is not None:
        try:
            return _parse_forked(context, str(path), fmt, limits, timeout_s)
        except _PoolUnavailable as exc:
            log.warning("warm parser pool failed (%s); using a fresh interpreter", exc)
    return _parse_fresh(str(path), fmt, limits, timeout_s)


def _parse_forked(context: Any, path: str, fmt: str, limits: dict[str, Any], timeout_s: float) -> ParseResult:
    from . import child

    receiver, sender = context.Pipe(duplex=False)
    try:
        with _pool_lock, _startable():
            process = context.Process(target=child.serve, args=(sender, fmt, path, limits), daemon=True)
            process.start()
    except Exception as exc:  # the pool could not start a child: not the file's fault
        receiver.close()
        sender.close()
        raise _PoolUnavailable(str(exc)) from exc
    sender.close()
    try:
        if not receiver.poll(timeout_s):  # also True when the child died without answering
            raise _timeout_error(timeout_s)
        try:
            raw = receiver.recv_bytes()
        except EOFError:
            raw = b""
        process.join(timeout=5)
    finally:
        receiver.close()
        if process.exitcode is None:  # past its deadline, or answered and then hung
            process.kill()
            process.join()
    exitcode = process.exitcode
    process.close()
    return _answer(exitcode, raw, b"", timeout_s)


class _PlainMainProcess(mp_process.BaseProcess):
    """What multiprocessing's own main process looks like (its class is not importable): no daemon
    flag, a fresh standard authentication key."""

    def __init__(self) -> None:
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {"authkey": mp_process.AuthenticationString(os.urandom(32)), "semprefix": "/mp"}


class _PoolUnavailable(Exception):
    """The warm pool cannot start children in this process; parse in a fresh interpreter instead."""


@contextmanager
def _startable() -> Iterator[None]:
    """Let multiprocessing start a parser child from any worker process.

    - `__main__` (celery, manage.py, a bench script) is hidden: multiprocessing would otherwise re-run
      the main script in the fork server and in every child, for nothing.
    - The process that starts the child is presented as a plain main process. A Celery prefork worker
      is a daemonic billiard process, which multiprocessing refuses children to (they could be
      orphaned) and whose authentication key it cannot pickle. Parser children cannot be orphaned:
      each is killed at its deadline, and the fork server exits with the worker that started it.
    """
    real_main = sys.modules.get("__main__")
    real_process = mp_process._current_process
    sys.modules["__main__"] = types.ModuleType("__main__")
    mp_process._current_process = _PlainMainProcess()
    try:
        yield
    finally:
        mp_process._current_process = real_process
        if real_main is not None:
            sys.modules["__main__"] = real_main


def _parse_fresh(path: str, fmt: str, limits: dict[str, Any], timeout_s: float) -> ParseResult:
    command = [sys.executable, "-E", "-s", "-m", "documents.parsing.child", fmt, path, json.dumps(limits)]
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        command, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise _timeout_error(timeout_s) from None
    return _answer(process.returncode, out, err, timeout_s)


def _answer(returncode: int, out: bytes, err: bytes, timeout_s: float) -> ParseResult:
    try:
        answer = json.loads(out.decode("utf-8")) if out else None
    except ValueError:
        answer = None
    if isinstance(answer, dict) and answer.get("ok"):
        return ParseResult.from_dict(answer["result"])
    if isinstance(answer, dict):
        code = answer.get("code", "malformed_file")
        raise DocumentError(code, answer.get("message") or _MESSAGES.get(code, "The file cannot be read."))
    if returncode in _TIME_SIGNALS:
        raise DocumentError("parse_timeout", f"Reading the file used more than {timeout_s:g} s of CPU and was stopped.")
    stderr = err.decode("utf-8", "replace")
    if any(sign in stderr for sign in _MEMORY_SIGNS) or returncode in _MEMORY_SIGNALS:
        raise DocumentError("parse_memory_exceeded", _MESSAGES["parse_memory_exceeded"])
    raise DocumentError("malformed_file", "The file could not be read: the reader stopped unexpectedly.")
