"""The code that runs in a parser child: apply hard limits, then parse one file.

Two ways in, same limits:
- `serve(conn, fmt, path, limits)`: a child forked from the warm fork server (runner.py), whose
  parsers are already imported; the answer goes back through `conn`.
- `python -m documents.parsing.child FORMAT PATH LIMITS_JSON`: a fresh interpreter (the fallback
  when no fork server can run); the answer is printed on stdout.

Limits are applied before any parsing starts, so a decompression bomb or a pathological PDF
exhausts this process, not the Celery worker. The answer is one JSON string:
`{"ok": true, "result": {...}}` or `{"ok": false, "code": ..., "message": ...}`.
"""

import json
import logging
import os
import resource
import sys
from typing import Any


def _limit(memory_mb: int, cpu_s: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # Soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _parse(fmt: str, path: str, max_pages: int) -> dict:
    if fmt == "pdf":
        from .pdf import parse_pdf

        return parse_pdf(path, max_pages=max_pages).to_dict()
    if fmt == "docx":
        from .docx import parse_docx

        return parse_docx(path).to_dict()
    from .text import parse_text

    with open(path, "rb") as handle:
        return parse_text(handle.read(), markdown=fmt == "md").to_dict()


def answer_for(fmt: str, path: str, limits: dict[str, Any]) -> str:
    """Limit this process, parse, and return the answer as JSON (never raises for a bad file)."""
    _limit(int(limits["memory_mb"]), int(limits["cpu_s"]))
    from ..errors import DocumentError

    try:
        answer = {"ok": True, "result": _parse(fmt, path, int(limits["max_pages"]))}
    except DocumentError as exc:
        answer = {"ok": False, "code": exc.code, "message": exc.message}
    except MemoryError:
        answer = {"ok": False, "code": "parse_memory_exceeded", "message": ""}
    except RecursionError:
        answer = {"ok": False, "code": "malformed_file", "message": "The file is nested too deeply to read."}
    return json.dumps(answer)


def serve(conn: Any, fmt: str, path: str, limits: dict[str, Any]) -> None:
    """Entry point of a child forked from the warm server."""
    os.setsid()  # its own session: a signal to the worker's group does not reach it, nor back
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # pdfminer's warnings about damaged files are not the worker's log
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        reply = answer_for(fmt, path, limits)
    except MemoryError:  # the limit was hit before the parser even started
        reply = '{"ok": false, "code": "parse_memory_exceeded", "message": ""}'
    conn.send_bytes(reply.encode("utf-8"))
    conn.close()


def main(argv: list[str]) -> int:
    fmt, path, limits = argv[0], argv[1], json.loads(argv[2])
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    sys.stdout.write(answer_for(fmt, path, limits))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
