"""Parse one file in a throw-away process: `python -m documents.parsing.child FORMAT PATH LIMITS_JSON`.

Limits are applied before any parser is imported, so a decompression bomb or a pathological PDF
exhausts this process, not the Celery worker. Prints one JSON object on stdout:
`{"ok": true, "result": {...}}` or `{"ok": false, "code": ..., "message": ...}`.
"""

import json
import resource
import sys


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


def main(argv: list[str]) -> int:
    fmt, path, limits = argv[0], argv[1], json.loads(argv[2])
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
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
