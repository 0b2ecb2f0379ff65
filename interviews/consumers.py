"""The candidate's WebSocket, `/api/v1/interview/{id}/chat` (PROTOCOL.md): an adapter.

It authenticates the socket, checks each frame, hands the conversation to the interview's
conductor and forwards the conductor's frames (which reach it through the interview's group).

Nothing is lost or sent twice across a reconnect: the socket joins the group before it reads the
database on `hello`, replays the turns the client missed, re-sends the interviewer turn being
streamed from its start, and then drops live frames that the replay already covered.
"""

import json
import logging
import re
import time
from collections import deque
from urllib.parse import parse_qs

from channels.db import aclose_old_connections, database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from llm.sanitize import strip_invisible

from . import selectors, services
from .conductor import conductor_for, conductor_get
from .conductor.store import turn_frame
from .events import GroupEmitter, group_name, send_replaced
from .models import Interview

log = logging.getLogger(__name__)

CLOSE_NORMAL = 1000
CLOSE_BAD_TOKEN = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_REPLACED = 4409
CLOSE_ENDED = 4410
CLOSE_TOO_LARGE = 4413
CLOSE_TOO_MANY = 4429

MAX_MESSAGE_CHARS = 10_000
MAX_CLIENT_ID_CHARS = 64
RATE_WINDOW_S = 10.0
_SIGNAL_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,39}$")

# Fields each client frame must carry, and their types (PROTOCOL.md, client to server).
_REQUIRED: dict[str, dict[str, type]] = {
    "hello": {"last_seq": int},
    "candidate.partial": {"text": str},
    "candidate.message": {"text": str, "client_id": str},
    "code.submit": {"language": str, "code": str, "client_id": str},
    "signal": {"name": str},
    "end": {},
    "ping": {},
}
# Frames that act on the conversation need the hello that starts (or resumes) it first.
_NEEDS_HELLO = {"candidate.partial", "candidate.message", "code.submit", "end"}
_SEQ_FRAMES = {"turn", "interviewer.delta", "interviewer.cancelled"}


class FrameError(Exception):
    """A bad frame: answered with an `error` frame; the connection stays open."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


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
    if kind not in _REQUIRED:
        raise FrameError("unknown_type", f"Unknown frame type {kind[:40]!r}.")
    for name, expected in _REQUIRED[kind].items():
        if name not in frame:
            raise FrameError("missing_field", f"A {kind} frame needs {name!r}.")
        value = frame[name]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise FrameError("invalid_field", f"{name!r} must be a {expected.__name__}.")
    return frame


def _clean_answer(frame: dict) -> tuple[str, str]:
    text = strip_invisible(frame["text"]).strip()
    if not text:
        raise FrameError("empty_message", "An answer needs some text.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise FrameError("message_too_long", f"An answer is at most {MAX_MESSAGE_CHARS} characters.")
    client_id = frame["client_id"].strip()
    if not client_id or len(client_id) > MAX_CLIENT_ID_CHARS:
        raise FrameError("invalid_field", f"'client_id' must be 1 to {MAX_CLIENT_ID_CHARS} characters.")
    return text, client_id


class InterviewChatConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.interview_id = int(self.scope["url_route"]["kwargs"]["interview_id"])
        self.opened_at = time.time()
        self.joined = self.ready = self.closing = False
        self.frame_times: deque[float] = deque()
        self.replayed_upto = 0
        self.sent_upto: dict[int, int] = {}
        # Accept first: a close code (4401, 4404, 4410) reaches the client only on an open socket;
        # refusing the handshake would show it a bare HTTP 403.
        await self.accept()
        await aclose_old_connections()
        code = await self._authenticate()
        if code is not None:
            await self._close(code)
            return
        await self.channel_layer.group_add(group_name(self.interview_id), self.channel_name)
        self.joined = True
        await send_replaced(self.interview_id, self.channel_name, self.opened_at)

    async def disconnect(self, code: int) -> None:
        # The conductor carries on without sockets: a turn being generated is finished and stored.
        if self.joined:
            await self.channel_layer.group_discard(group_name(self.interview_id), self.channel_name)

    @database_sync_to_async
    def _authenticate(self) -> int | None:
        """None if this socket may open the interview, else the close code."""
        if not selectors.interview_exists(interview_id=self.interview_id):
            return CLOSE_NOT_FOUND
        token = (parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
        try:
            if token:
                interview = selectors.interview_get_for_candidate(token=token)
            else:
                interview = selectors.interview_get_for_candidate(token_hash_value=self._session_token_hash())
        except Interview.DoesNotExist:
            return CLOSE_BAD_TOKEN
        if interview.pk != self.interview_id:
            return CLOSE_BAD_TOKEN
        if interview.status == Interview.Status.ENDED:
            return CLOSE_ENDED
        return None

    def _session_token_hash(self) -> str | None:
        session = self.scope.get("session")
        opened = session.get(selectors.CANDIDATE_SESSION_KEY) if session is not None else None
        return opened.get(str(self.interview_id)) if isinstance(opened, dict) else None

    async def _close(self, code: int) -> None:
        self.closing = True
        await self.close(code)

    async def _send_frame(self, frame: dict) -> None:
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))

    # --- Client frames ---------------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        if self._frame_bytes(text_data, bytes_data) > settings.WS_MAX_FRAME_BYTES:
            await self._close(CLOSE_TOO_LARGE)
            return
        if self._too_many_frames():
            await self._close(CLOSE_TOO_MANY)
            return
        try:
            if text_data is None:
                raise FrameError("binary_not_supported", "Frames are JSON text.")
            frame = parse_frame(text_data)
            await self._dispatch(frame)
        except FrameError as error:
            await self._send_frame({"type": "error", "code": error.code, "message": error.message})

    @staticmethod
    def _frame_bytes(text_data: str | None, bytes_data: bytes | None) -> int:
        if text_data is None:
            return len(bytes_data or b"")
        # UTF-8 takes at most 4 bytes a character: short frames need no encoding to measure.
        if len(text_data) * 4 <= settings.WS_MAX_FRAME_BYTES:
            return len(text_data)
        return len(text_data.encode("utf-8"))

    def _too_many_frames(self) -> bool:
        now = time.monotonic()
        self.frame_times.append(now)
        while self.frame_times[0] <= now - RATE_WINDOW_S:
            self.frame_times.popleft()
        return len(self.frame_times) > settings.WS_MAX_FRAMES_PER_10S

    async def _dispatch(self, frame: dict) -> None:
        kind = frame["type"]
        if kind in _NEEDS_HELLO and not self.ready:
            raise FrameError("hello_required", "Send hello first.")
        if kind == "ping":
            await self._send_frame({"type": "pong"})
        elif kind == "hello":
            await self._on_hello(frame)
        elif kind == "candidate.message":
            await self._on_message(frame)
        elif kind == "signal":
            await self._on_signal(frame)
        elif kind == "end":
            conductor = await self._conductor()
            await conductor.end()
        elif kind == "code.submit":
            raise FrameError("no_coding_task", "There is no coding task in this interview yet.")
        # candidate.partial: accepted and not used yet (end-of-turn detection comes later).

    async def _conductor(self):
        """The interview's conductor in this process, resumed from the database if it is not running."""
        conductor = conductor_get(self.interview_id)
        if conductor is None:
            conductor = conductor_for(self.interview_id, emitter=GroupEmitter(self.interview_id))
            await aclose_old_connections()
            await conductor.hello()
        if conductor.done:
            raise FrameError("interview_ended", "This interview has ended.")
        return conductor

    async def _on_hello(self, frame: dict) -> None:
        last_seq = frame["last_seq"]
        if last_seq < 0:
            raise FrameError("invalid_field", "'last_seq' must be 0 or more.")
        await aclose_old_connections()
        conductor = conductor_for(self.interview_id, emitter=GroupEmitter(self.interview_id))
        await conductor.hello()  # starts the interview, or resumes it from the database
        interview, turns, server_last_seq = await self._catch_up(last_seq)
        running = not conductor.done
        time_left = conductor.time_left_s() if running else selectors.interview_time_left_s(interview=interview)
        await self._send_frame(
            {
                "type": "session",
                "interview_id": interview.pk,
                "status": interview.status,
                "phase": interview.phase,
                "time_left_s": time_left,
                "last_seq": server_last_seq,
            }
        )
        for turn in turns:
            await self._send_frame(turn_frame(turn))
        # Every visible turn up to the server's last seq is now with the client (it had those up to
        # last_seq, the replay sent the rest); a client claiming more than exists still gets new turns.
        self.replayed_upto, self.sent_upto, self.ready = server_last_seq, {}, True
        await self._resend_streaming(conductor)
        if interview.status == Interview.Status.ENDED:
            await self._send_frame({"type": "ended", "reason": interview.end_reason})
            await self._close(CLOSE_NORMAL)

    @database_sync_to_async
    def _catch_up(self, last_seq: int):
        interview = selectors.interview_get_authorised(interview_id=self.interview_id)
        turns = selectors.turns_after(interview_id=self.interview_id, last_seq=last_seq)
        return interview, turns, selectors.turn_last_seq(interview_id=self.interview_id)

    async def _resend_streaming(self, conductor) -> None:
        """An interviewer turn still being generated is re-sent from its start, as one delta."""
        live = conductor.streaming()
        if live is None or live[0] <= self.replayed_upto or not live[1]:
            return
        seq, text = live
        await self._send_frame({"type": "interviewer.delta", "seq": seq, "text": text, "offset": 0})
        self.sent_upto[seq] = len(text)

    async def _on_message(self, frame: dict) -> None:
        text, client_id = _clean_answer(frame)
        conductor = await self._conductor()
        if not await conductor.candidate_message(text, client_id):
            raise FrameError("interview_ended", "This interview has ended.")

    async def _on_signal(self, frame: dict) -> None:
        name = frame["name"]
        if not _SIGNAL_NAME.match(name):
            raise FrameError("invalid_field", "'name' must be a short lowercase identifier like tab_hidden.")
        detail = frame.get("detail", "")
        if not isinstance(detail, str):
            detail = json.dumps(detail, ensure_ascii=False)
        await aclose_old_connections()
        await database_sync_to_async(self._record_signal)(name, strip_invisible(detail))

    def _record_signal(self, name: str, detail: str) -> None:
        interview = selectors.interview_get_authorised(interview_id=self.interview_id)
        services.signal_record(interview=interview, name=name, detail=detail)

    # --- Channel-layer events (interviews/events.py) --------------------------------------------

    async def interview_frame(self, event: dict) -> None:
        if not self.ready or self.closing:
            return  # before hello, the replay covers everything this frame would say
        frame = self._unseen(event["frame"])
        if frame is None:
            return
        await self._send_frame(frame)
        if frame["type"] == "ended":
            await self._close(CLOSE_NORMAL)

    def _unseen(self, frame: dict) -> dict | None:
        """The part of a live frame this client has not seen yet (None if it has seen all of it)."""
        kind = frame.get("type")
        if kind in _SEQ_FRAMES and frame.get("seq", 0) <= self.replayed_upto:
            return None
        if kind != "interviewer.delta":
            return frame
        seq, offset, text = frame["seq"], frame.get("offset", 0), frame["text"]
        sent, end = self.sent_upto.get(seq, 0), offset + len(text)
        if end <= sent:
            return None
        self.sent_upto[seq] = end
        if offset < sent:
            return {**frame, "text": text[sent - offset :], "offset": sent}
        return frame

    async def interview_replaced(self, event: dict) -> None:
        if self.closing or event["channel_name"] == self.channel_name:
            return
        if (event["opened_at"], event["channel_name"]) > (self.opened_at, self.channel_name):
            await self._close(CLOSE_REPLACED)
