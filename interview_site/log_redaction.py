"""A logging filter that keeps credentials and personal data out of every log line.

Candidate links carry their invite token in the path (`/i/<token>/`) or the query (`?token=`), API
calls carry `Authorization: Token <key>`, and candidates are known by their email. Django logs the
path of a failing request ("Internal Server Error: /i/<token>/") and an exception's message often
quotes its arguments, so the filter rewrites the finished message, the formatted traceback and the
stack of every record that reaches the configured handlers, before any of them writes it.
"""

import logging
import re

REDACTED = "[redacted]"

_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    # A candidate link's token: /i/<token>/ (ours are 43 URL-safe characters; shorter ones too).
    (re.compile(r"(/i/)[A-Za-z0-9_-]{8,}"), rf"\1{REDACTED}"),
    # A secret in a query string or a form body: ?token=..., &key=..., password=...
    (re.compile(r"(?i)\b((?:invite_)?token|key|api_key|access_token|password|secret|signature)=[^&\s'\"#;,)>]+"),
     rf"\1={REDACTED}"),
    # An Authorization header's value: "Token <key>", "Bearer <key>".
    (re.compile(r"\b(Token|Bearer)\s+[A-Za-z0-9._~+/=-]{16,}"), rf"\1 {REDACTED}"),
    # An email address.
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), "[email]"),
)
_formatter = logging.Formatter()


def redact(text: str) -> str:
    """The text with invite tokens, API keys, secrets in query strings and email addresses replaced."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites a record in place (so every handler after it sees the redacted text); never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call (wrong arguments): keep its parts readable, but redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = _formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
