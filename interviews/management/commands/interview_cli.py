"""Take an interview from the terminal: `manage.py interview_cli http://host:port/i/<token>/`.

Streams the interviewer's words as they arrive and reads the candidate's answers from stdin, one
line each (`/end` ends the interview). Running it is the candidate's consent: it sends the start
page's `start` with consent, which starts an interview not started yet. With answers piped on stdin
it runs unattended, which makes it a smoke test of a running server: it exits 0 once the server
says the interview ended.
"""

import asyncio
import json
import re
import sys
import threading
import uuid
from urllib.parse import quote, urlsplit
from urllib.request import urlopen

from django.core.management.base import BaseCommand, CommandError

from interviews import selectors
from interviews.models import Interview

_CANDIDATE_PATH = re.compile(r"^/i/(?P<token>[A-Za-z0-9_-]+)/?$")
_WS_PATH = re.compile(r"/api/v1/interview/(\d+)/chat")
CLOSE_REASONS = {
    4401: "the invite link is invalid or has expired, or there is no such interview",
    4409: "the interview was opened in another window",
    4410: "the interview has already ended",
    4413: "a message was too large",
    4429: "too many messages were sent too quickly",
}


def _interview_id_for(token: str, page_url: str) -> int:
    """The interview a token opens: from the database when it is this server's, else from the page."""
    try:
        return selectors.interview_get_for_candidate(token=token).pk
    except Interview.DoesNotExist:
        pass
    if not page_url.startswith(("http://", "https://")):
        raise CommandError("the candidate link must be an http(s) URL")
    with urlopen(page_url, timeout=10) as response:  # noqa: S310 (scheme checked above)
        match = _WS_PATH.search(response.read().decode("utf-8", "replace"))
    if match is None:
        raise CommandError("could not find the interview behind this link (is it valid and not expired?)")
    return int(match.group(1))


def resolve(url: str | None, ws: str | None) -> tuple[str, str]:
    """(WebSocket URL, Origin header) from a candidate link or an explicit --ws URL."""
    if ws:
        parts = urlsplit(ws)
        if parts.scheme not in ("ws", "wss"):
            raise CommandError("--ws must be a ws:// or wss:// URL")
        return ws, f"{'https' if parts.scheme == 'wss' else 'http'}://{parts.netloc}"
    if not url:
        raise CommandError("give the candidate link, or --ws")
    parts = urlsplit(url)
    match = _CANDIDATE_PATH.match(parts.path)
    if parts.scheme not in ("http", "https") or match is None:
        raise CommandError("the candidate link looks like http://host:port/i/<token>/")
    token = match.group("token")
    interview_id = _interview_id_for(token, url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    origin = f"{parts.scheme}://{parts.netloc}"
    return f"{scheme}://{parts.netloc}/api/v1/interview/{interview_id}/chat?token={quote(token)}", origin


def stdin_lines(loop: asyncio.AbstractEventLoop) -> asyncio.Queue:
    """Lines of stdin as they come (None at the end), read by a daemon thread that never blocks exit."""
    lines: asyncio.Queue = asyncio.Queue()

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, name="interview-cli-stdin", daemon=True).start()
    return lines


class Conversation:
    """The client side of one interview over any connection with `send(str)` and `recv() -> str`."""

    def __init__(self, conn, lines: asyncio.Queue, write, *, echo_answers: bool = False):
        self.conn, self.lines, self.write, self.echo = conn, lines, write, echo_answers
        self.streamed: set[int] = set()

    async def run(self) -> str:
        """Talk until the server says the interview ended; return the reason."""
        await self.conn.send(json.dumps({"type": "hello", "last_seq": 0}))
        # The start page's consent, given by running the command (its help says so); ignored once started.
        await self.conn.send(json.dumps({"type": "start", "consent": True}))
        receiving = asyncio.ensure_future(self.conn.recv())
        answering: asyncio.Future | None = None
        try:
            while True:
                waiting = {receiving} | ({answering} if answering else set())
                done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
                if answering in done:
                    sent = await self._answer(answering.result())
                    # An empty line is no answer: wait for the next one.
                    answering = None if sent else asyncio.ensure_future(self.lines.get())
                if receiving in done:
                    frame = json.loads(receiving.result())
                    if frame.get("type") == "ended":
                        self.write(f"\n[interview ended: {frame.get('reason')}]\n")
                        return str(frame.get("reason"))
                    if self._show(frame) and answering is None:
                        answering = asyncio.ensure_future(self.lines.get())
                    receiving = asyncio.ensure_future(self.conn.recv())
        finally:
            for pending in (receiving, answering):
                if pending is not None and not pending.done():
                    pending.cancel()

    def _show(self, frame: dict) -> bool:
        """Print a frame; True when it is the candidate's turn to answer."""
        kind = frame.get("type")
        if kind == "session":
            self.write(f"[interview #{frame['interview_id']}: {frame['status']}, {frame['time_left_s']} s left]\n")
        elif kind == "interviewer.delta":
            if frame["seq"] not in self.streamed:
                self.streamed.add(frame["seq"])
                self.write("\nInterviewer: ")
            self.write(frame["text"])
        elif kind == "turn":
            return self._show_turn(frame)
        elif kind == "error":
            self.write(f"\n[error {frame.get('code')}: {frame.get('message')}]\n")
        return False

    def _show_turn(self, frame: dict) -> bool:
        if frame["role"] == "candidate":
            if self.echo:
                self.write(f"\nYou: {frame['text']}\n")
            return False
        if frame["seq"] not in self.streamed:
            self.write(f"\nInterviewer: {frame['text']}")
        self.write("\n")
        return frame["kind"] != "closing"

    async def _answer(self, line: str | None) -> bool:
        """Send the candidate's line (end of input or /end ends the interview); False for a blank line."""
        text = (line or "").strip()
        if line is None or text == "/end":
            await self.conn.send(json.dumps({"type": "end"}))
        elif text:
            await self.conn.send(json.dumps({"type": "candidate.message", "text": text, "client_id": uuid.uuid4().hex}))
        return line is None or bool(text)


class Command(BaseCommand):
    help = "Take an interview from the terminal through its WebSocket (answers from stdin; /end ends)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("url", nargs="?", help="the candidate link, http://host:port/i/<token>/")
        parser.add_argument("--ws", help="the WebSocket URL instead, ws://host:port/api/v1/interview/<id>/chat?token=…")

    def handle(self, *args, url=None, ws=None, **options) -> None:
        ws_url, origin = resolve(url, ws)
        reason = asyncio.run(self._talk(ws_url, origin))
        if reason is None:
            raise CommandError("the connection closed before the interview ended")

    async def _talk(self, ws_url: str, origin: str) -> str | None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed

        def write(text: str) -> None:
            self.stdout.write(text, ending="")
            self.stdout.flush()

        lines = stdin_lines(asyncio.get_running_loop())
        try:
            async with connect(ws_url, origin=origin, open_timeout=10) as conn:
                return await Conversation(conn, lines, write, echo_answers=not sys.stdin.isatty()).run()
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            raise CommandError(f"disconnected ({code}): {CLOSE_REASONS.get(code, 'connection closed')}") from None
