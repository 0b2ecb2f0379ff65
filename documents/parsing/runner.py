"""Run a parser in a child process with memory, CPU and wall-clock limits.

pdfminer inflates streams without a limit and python-docx parses with `huge_tree=True`, so the
parsers never run in the web or worker process itself. The child is a fresh interpreter
(`python -m documents.parsing.child`): it imports only the parser it needs, so a parse costs
about a tenth of a second of start-up, and anything it does wrong ends with the child.
"""

import json
import math
import signal
import subprocess
import sys
from pathlib import Path

from ..errors import DocumentError
from .result import ParseResult

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# How running out of address space shows when the child cannot even answer.
_MEMORY_SIGNS = (
    "MemoryError", "Cannot allocate memory", "std::bad_alloc", "out of memory", "failed to map segment",
)


def parse_in_child(path: str, fmt: str, *, timeout_s: float, memory_mb: int, max_pages: int) -> ParseResult:
    """Parse `path` as `fmt` (pdf, docx, txt, md) in a limited child process."""
    limits = {"memory_mb": memory_mb, "cpu_s": max(1, math.ceil(timeout_s)) + 1, "max_pages": max_pages}
    command = [sys.executable, "-E", "-s", "-m", "documents.parsing.child", fmt, str(path), json.dumps(limits)]
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        command, cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise DocumentError(
            "parse_timeout", f"Reading the file took longer than {timeout_s:g} s and was stopped."
        ) from None
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
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise DocumentError("parse_timeout", f"Reading the file used more than {timeout_s:g} s of CPU and was stopped.")
    stderr = err.decode("utf-8", "replace")
    if any(sign in stderr for sign in _MEMORY_SIGNS) or returncode == -signal.SIGSEGV:
        raise DocumentError("parse_memory_exceeded", _MESSAGES["parse_memory_exceeded"])
    raise DocumentError("malformed_file", "The file could not be read: the reader stopped unexpectedly.")


_MESSAGES = {
    "parse_memory_exceeded": "Reading the file needed more memory than allowed; it may be a decompression bomb.",
}
