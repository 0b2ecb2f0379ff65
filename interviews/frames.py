"""Client-to-server frames of the candidate WebSocket (PROTOCOL.md): their schema, checked and cleaned.

Every frame is checked before anything acts on it; a bad one becomes a `FrameError` with a specific
code, answered by an `error` frame while the connection stays open.
"""

import json
import re

from llm.sanitize import strip_invisible

MAX_MESSAGE_CHARS = 10_000
MAX_CODE_CHARS = 50_000
MAX_CLIENT_ID_CHARS = 64
MAX_LANGUAGE_CHARS = 30
SIGNAL_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,39}$")

# Fields each client frame must carry, and their types (PROTOCOL.md, client to server).
REQUIRED: dict[str, dict[str, type]] = {
    "hello": {"last_seq": int},
    "start": {},
    "candidate.partial": {"text": str},
    "candidate.message": {"text": str, "client_id": str},
    "code.submit": {"language": str, "code": str, "client_id": str},
    "code.run": {"language": str, "code": str, "client_id": str},
    "signal": {"name": str},
    "end": {},
    "ping": {},
}
# Frames that act on the conversation, and signals, need the hello that starts (or resumes) it first.
NEEDS_HELLO = {"start", "candidate.partial", "candidate.message", "code.submit", "code.run", "end", "signal"}
# ... and, except for `start` itself and signals (the start page reports them too), an interview the
# candidate has started.
NEEDS_START = NEEDS_HELLO - {"start", "signal"}


class FrameError(Exception):
    """A bad frame: answered with an `error` frame; the connection stays open."""

    def __init__(self, code: str, message: str, **extra):
        super().__init__(message)
        self.code, self.message = code, message
        self.extra = extra  # more fields for the error frame, e.g. retry_after_s

    def frame(self) -> dict:
        return {"type": "error", "code": self.code, "message": self.message, **self.extra}


def parse_frame(raw: str) -> dict:
    """Decode and check one client frame; raise FrameError with a specific code if it is bad."""
    try:
        frame = json.loads(raw)
    except ValueError:
        raise FrameError("invalid_json", "A frame must be one JSON object.") from None
    if not isinstance(frame, dict):
        raise FrameError("invalid_frame", "A frame must be a JSON object with a type.")
    kind = frame.get("type")
    if not isinstance(kind, str) or not kind:
        raise FrameError("missing_field", "Every frame needs a string 'type'.")
    if kind not in REQUIRED:
        raise FrameError("unknown_type", f"Unknown frame type {kind[:40]!r}.")
    for name, expected in REQUIRED[kind].items():
        if name not in frame:
            raise FrameError("missing_field", f"A {kind} frame needs {name!r}.")
        value = frame[name]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise FrameError("invalid_field", f"{name!r} must be a {expected.__name__}.")
    return frame


def _client_id(frame: dict) -> str:
    client_id = frame["client_id"].strip()
    if not client_id or len(client_id) > MAX_CLIENT_ID_CHARS:
        raise FrameError("invalid_field", f"'client_id' must be 1 to {MAX_CLIENT_ID_CHARS} characters.")
    return client_id


def clean_answer(frame: dict) -> tuple[str, str]:
    """(text, client_id) of a candidate.message."""
    text = strip_invisible(frame["text"]).strip()
    if not text:
        raise FrameError("empty_message", "An answer needs some text.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise FrameError("message_too_long", f"An answer is at most {MAX_MESSAGE_CHARS} characters.")
    return text, _client_id(frame)


def clean_partial(frame: dict) -> str:
    """The text of a candidate.partial ("" when there is nothing in it yet)."""
    text = " ".join(strip_invisible(frame["text"]).split())
    if len(text) > MAX_MESSAGE_CHARS:
        raise FrameError("message_too_long", f"A partial is at most {MAX_MESSAGE_CHARS} characters.")
    return text


def clean_code(frame: dict) -> tuple[str, str, str]:
    """(language, code, client_id) of a code.submit or a code.run. Code keeps its whitespace; only invisible
    characters go."""
    code = strip_invisible(frame["code"])
    if not code.strip():
        raise FrameError("empty_code", "Submit some code.")
    if len(code) > MAX_CODE_CHARS:
        raise FrameError("code_too_long", f"Code is at most {MAX_CODE_CHARS} characters.")
    language = frame["language"].strip().lower()[:MAX_LANGUAGE_CHARS]
    return language, code, _client_id(frame)


def check_consent(frame: dict) -> None:
    """A `start` must carry `consent: true`: the candidate ticked the box on the start page."""
    if frame.get("consent") is not True:
        raise FrameError(
            "consent_required", "Starting needs the candidate's consent: send 'consent': true from the start page."
        )


def signal_detail(frame: dict) -> str:
    name = frame["name"]
    if not SIGNAL_NAME.match(name):
        raise FrameError("invalid_field", "'name' must be a short lowercase identifier like tab_hidden.")
    detail = frame.get("detail", "")
    if not isinstance(detail, str):
        detail = json.dumps(detail, ensure_ascii=False)
    return strip_invisible(detail)
