"""Logs and stored error texts carry codes and ids, never a candidate's words.

A pydantic error repeats the input it rejected (`input_value='Jane Doe, 10 Main St…'`), a model's
refusal can quote the prompt, a parser's error can quote the document. `safe_error(exc)` keeps what
an operator needs (the exception class, pydantic's error types and field locations, an HTTP status,
an OS error number) and drops the rest. `install()` applies it to every log record of the process:
exceptions passed as arguments are replaced by their safe form and tracebacks keep their frames
(file, line, function) but not the exceptions' messages.
"""

import logging
import traceback

# Exceptions whose message is about infrastructure, never about content: kept (cut to 200 characters).
_INFRA = (ConnectionError, TimeoutError, OSError)
_INFRA_NAMES = {
    "OperationalError", "InterfaceError", "ConnectTimeout", "ReadTimeout", "ConnectError", "APIConnectionError",
    "APITimeoutError", "RateLimitError", "InternalServerError", "ServiceUnavailableError", "ImproperlyConfigured",
    "RedisError", "ConnectionError", "TimeoutError", "CancelledError", "SoftTimeLimitExceeded", "TimeLimitExceeded",
    "LeaseLost", "SeqTaken", "AppendOnlyError", "HistoryError",
}


def _pydantic_summary(exc) -> str | None:
    try:
        from pydantic import ValidationError
    except ImportError:  # pragma: no cover - pydantic is a dependency
        return None
    if not isinstance(exc, ValidationError):
        return None
    parts = [f"{'.'.join(str(p) for p in e.get('loc', ())) or '(root)'}: {e.get('type', '?')}" for e in exc.errors()]
    shown = "; ".join(parts[:10]) + (f"; … {len(parts) - 10} more" if len(parts) > 10 else "")
    return f"{exc.error_count()} validation error(s) for {exc.title}: {shown}"


def safe_error(exc: BaseException) -> str:
    """`Class: detail` with no text that came from a document, a transcript or a model's answer."""
    name = type(exc).__name__
    summary = _pydantic_summary(exc)
    if summary is not None:
        return f"{name}: {summary}"
    if name == "ProviderError":
        # Our own words come first ("no answer within 60s", "APIStatusError (overloaded_error)", "… gave invalid
        # ReportOutput output after a repair"); what follows the first ": " came from outside: dropped.
        head = str(exc).split(": ", 1)[0][:200]
        cause = exc.__cause__
        detail = f" (from {safe_error(cause)})" if cause is not None and _pydantic_summary(cause) else ""
        return f"{name}: {head}{detail}" if head else name
    status = getattr(exc, "status_code", None) or getattr(exc, "status", None)
    if isinstance(status, int):
        return f"{name}: status {status}"
    if isinstance(exc, _INFRA) or name in _INFRA_NAMES:
        return f"{name}: {str(exc)[:200]}" if str(exc) else name
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code.isidentifier():
        return f"{name}: code {code}"
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        return f"{name} (from {safe_error(cause)})"
    return name


def safe_traceback(exc: BaseException) -> str:
    """The stack of `exc` and its causes with each exception's safe form instead of its message."""
    chain, seen, current = [], set(), exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    lines = []
    for i, item in enumerate(reversed(chain)):
        if i:
            lines.append("\nThe above exception led to the following one:\n\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(item.__traceback__))
        lines.append(safe_error(item) + "\n")
    return "".join(lines).rstrip("\n")


class _SafeArgs:
    def __init__(self, exc: BaseException):
        self.text = safe_error(exc)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def _redact(record: logging.LogRecord) -> logging.LogRecord:
    args = record.args
    if isinstance(args, tuple) and any(isinstance(a, BaseException) for a in args):
        record.args = tuple(_SafeArgs(a) if isinstance(a, BaseException) else a for a in args)
    elif isinstance(args, dict) and any(isinstance(a, BaseException) for a in args.values()):
        record.args = {k: _SafeArgs(v) if isinstance(v, BaseException) else v for k, v in args.items()}
    if isinstance(args, dict) and isinstance(args.get("exc"), str) and record.exc_info and record.exc_info[1]:
        # Celery's "Task x[id] raised unexpected: %(exc)s" passes the exception's repr as a string.
        record.args = {**args, "exc": safe_error(record.exc_info[1])}
    if isinstance(record.msg, BaseException):
        record.msg = safe_error(record.msg)
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        # Formatters print exc_text when it is set: the frames stay, the messages go.
        record.exc_text = safe_traceback(record.exc_info[1])
    return record


_installed = False


def install() -> None:
    """Redact every log record created in this process from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        return _redact(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    _installed = True
