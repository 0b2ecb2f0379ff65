"""The candidate's WebSocket, `/api/v1/interview/{id}/chat` (PROTOCOL.md): an adapter.

It authenticates the socket, checks each frame (`frames.py`), hands the candidate's events to the
interview's conductor — in this process, or through the channel layer to the process that holds
the interview's lease — and forwards the conductor's frames, which reach it through the group.

Nothing is lost or sent twice across a reconnect, to this process or another: the socket joins
the group before it reads the database on `hello`, replays the turns the client missed, re-sends
the interviewer turn being said from its start (asking the conductor wherever it runs, and holding
live frames until the answer), then drops live frames the replay already covered. Answers not yet
acknowledged by their `turn` are handed again to a conductor that takes over from a dead process.
"""

import asyncio
import json
import logging
import time
from collections import deque
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from interview_site.db import db_call

from . import hosting, limits, selectors, services
from .catchup import SocketView
from .conductor import conductor_get
from .conductor.lease import OWNER, lease_seconds
from .conductor.progress import progress_from_state
from .conductor.store import turn_frame
from .events import group_name, mailbox_close, mailbox_open, send_command, send_replaced
from .frames import (
    NEEDS_HELLO,
    NEEDS_START,
    FrameError,
    check_consent,
    clean_answer,
    clean_code,
    clean_partial,
    parse_frame,
    signal_detail,
)
from .models import Interview

log = logging.getLogger(__name__)

CLOSE_NORMAL = 1000
# One code for a wrong token and a missing interview, so an id's existence is not revealed.
CLOSE_BAD_TOKEN = 4401
CLOSE_REPLACED = 4409
CLOSE_ENDED = 4410
CLOSE_TOO_LARGE = 4413
CLOSE_TOO_MANY = 4429

RATE_WINDOW_S = 10.0
RESYNC_TIMEOUT_S = 1.0  # how long live frames wait for a remote conductor's re-send before going on
SEEN_EVERY_S = 15.0  # a remote conductor hears "still here" at most this often per socket
MAX_HELD_FRAMES = 5000
_encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every frame (json.dumps makes one per call)


class InterviewChatConsumer(AsyncWebsocketConsumer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One handler at a time, whether the channel layer or this process's mailbox delivers it.
        self.lock = asyncio.Lock()

    async def connect(self) -> None:
        self.interview_id = int(self.scope["url_route"]["kwargs"]["interview_id"])
        self.opened_at = time.time()
        self.joined = self.ready = self.closing = self.remote = False
        self.scheduled = False  # not started when the socket opened
        self.waiting = False  # hello answered with `session` status scheduled: the start page is shown
        self.frame_times: deque[float] = deque()
        self.view = SocketView()
        self.held: list[dict] | None = None  # live frames held while a remote re-send is awaited
        self.checked_at = self.seen_sent_at = 0.0
        self.watchdog: asyncio.Task | None = None
        self.link: object | None = None  # the conductor last talked to (a Conductor, or "remote")
        self.mailbox: asyncio.Queue | None = None
        self.pump: asyncio.Task | None = None
        # Accept first: a close code (4401, 4410) reaches the client only on an open socket;
        # refusing the handshake would show it a bare HTTP 403.
        await self.accept()
        if not await self._connect_allowed():
            return
        code = await self._authenticate()
        if code is not None:
            await self._close(code)
            return
        try:
            await limits.frames_cooldown_check(interview_id=self.interview_id)
        except FrameError as error:
            await self._send_frame(error.frame())
            await self._close(CLOSE_TOO_MANY)
            return
        await self.channel_layer.group_add(group_name(self.interview_id), self.channel_name)
        self.mailbox = asyncio.Queue()
        mailbox_open(self.interview_id, self.mailbox)
        self.pump = asyncio.create_task(self._pump(), name=f"socket-{self.interview_id}-pump")
        self.joined = True
        await send_replaced(self.interview_id, self.channel_name, self.opened_at)

    async def disconnect(self, code: int) -> None:
        # The conductor carries on without sockets: a turn being generated is finished and stored.
        for task in (self.watchdog, self.pump):
            if task is not None:
                task.cancel()
        if self.joined:
            mailbox_close(self.interview_id, self.mailbox)
            await self.channel_layer.group_discard(group_name(self.interview_id), self.channel_name)

    async def dispatch(self, message: dict) -> None:
        # As Channels' dispatch, without its `aclose_old_connections()` per message: that is a hop to
        # the one shared sync thread for every frame (queued behind other work there, on the path of
        # every answer), and this consumer's database calls close stale connections themselves
        # (interview_site.db.db_call; the lease and the conductor's store do the same).
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        async with self.lock:
            await handler(message)

    async def _pump(self) -> None:
        """Frames of a conductor in this process, straight from its emitter, in order."""
        while True:
            event = await self.mailbox.get()
            async with self.lock:
                await self._frame(event["frame"])

    async def _connect_allowed(self) -> bool:
        """Connections per client address and minute: past the limit, an error frame and 4429."""
        client = self.scope.get("client") or ("unknown", 0)
        try:
            await limits.connect_check(client_address=str(client[0]))
        except FrameError as error:
            await self._send_frame(error.frame())
            await self._close(CLOSE_TOO_MANY)
            return False
        return True

    @db_call
    def _authenticate(self) -> int | None:
        """None if this socket may open the interview, else the close code."""
        token = (parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
        try:
            # An interview under way stays open after its link expires: the link gated the start.
            opens = {"token": token} if token else {"token_hash_value": self._session_token_hash()}
            interview = selectors.interview_get_for_reconnect(**opens, fields=("pk", "status"))
        except Interview.DoesNotExist:
            interview = None
        if interview is None or interview.pk != self.interview_id:
            return CLOSE_BAD_TOKEN
        if interview.status == Interview.Status.ENDED:
            return CLOSE_ENDED
        self.scheduled = interview.status == Interview.Status.SCHEDULED  # hello then checks it again
        return None

    def _session_token_hash(self) -> str | None:
        session = self.scope.get("session")
        opened = session.get(selectors.CANDIDATE_SESSION_KEY) if session is not None else None
        return opened.get(str(self.interview_id)) if isinstance(opened, dict) else None

    async def _close(self, code: int) -> None:
        self.closing = True
        await self.close(code)

    async def _send_frame(self, frame: dict) -> None:
        await self.send(text_data=_encode(frame))

    # --- Client frames ---------------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        if self._frame_bytes(text_data, bytes_data) > settings.WS_MAX_FRAME_BYTES:
            await self._close(CLOSE_TOO_LARGE)
            return
        if self._too_many_frames():
            await self._close(CLOSE_TOO_MANY)
            await limits.frames_cooldown_start(interview_id=self.interview_id, seconds=RATE_WINDOW_S)
            return
        try:
            if text_data is None:
                raise FrameError("binary_not_supported", "Frames are JSON text.")
            await self._dispatch(parse_frame(text_data))
        except FrameError as error:
            await self._send_frame(error.frame())

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
        if kind in NEEDS_START and self.waiting:
            raise FrameError("not_started", "The interview has not started yet: send start first.")
        if kind in NEEDS_HELLO and not (self.ready or self.waiting):
            raise FrameError("hello_required", "Send hello first.")
        if kind == "ping":
            await self._send_frame({"type": "pong"})
            await self._seen()
        elif kind == "hello":
            await self._on_hello(frame)
        elif kind == "start":
            await self._on_start(frame)
        elif kind == "candidate.message":
            await self._on_message(frame)
        elif kind == "candidate.partial":
            text = clean_partial(frame)
            if text:
                await limits.partial_check(interview_id=self.interview_id)
            if text and not await self._call("partial", text=text):
                raise FrameError("interview_ended", "This interview has ended.")
        elif kind == "code.submit":
            await self._on_code(frame)
        elif kind == "code.run":
            await self._on_code(frame, command="run")
        elif kind == "signal":
            await self._on_signal(frame)
        elif kind == "end":
            await self._call("end")

    # --- The conductor, here or elsewhere --------------------------------------------------------

    async def _conductor(self):
        """This process's conductor of the interview (started if the lease is free), or None when
        another process conducts it. Checked against the lease at most every few seconds."""
        conductor = conductor_get(self.interview_id)
        if conductor is None and (not self.remote or time.monotonic() - self.checked_at >= lease_seconds() / 3):
            self.checked_at = time.monotonic()
            conductor = await hosting.conductor_here(self.interview_id)
        self.remote = conductor is None
        link = conductor if conductor is not None else "remote"
        if self.link is not None and link is not self.link:
            await self._hand_over(conductor)
        self.link = link
        return conductor

    async def _call(self, command: str, **args) -> bool:
        conductor = await self._conductor()
        if conductor is None:
            await self._send_command(command, args)
            return True
        if command == "message":
            return await conductor.candidate_message(args["text"], args["client_id"])
        if command == "partial":
            return await conductor.candidate_partial(args["text"])
        if command == "code":
            return await conductor.code_submit(args["language"], args["code"], args["client_id"])
        if command == "run":
            return await conductor.code_run(args["language"], args["code"], args["client_id"])
        if command == "end":
            await conductor.end()
        return True

    async def _send_command(self, command: str, args: dict | None = None) -> None:
        try:
            await send_command(self.interview_id, command, args)
        except Exception as error:
            # The channel layer is unavailable for a moment: the page keeps the answer and resends it.
            log.warning("interview %s: could not reach its conductor (%s)", self.interview_id, error)
            raise FrameError("try_again", "The interview server is busy; please try again in a moment.") from None

    async def _hand_over(self, conductor) -> None:
        """Another conductor took the interview over (the last one died): it gets the answers not yet
        acknowledged, which the dead one may never have stored (a stored one is ignored by client_id)."""
        for client_id, text in list(self.view.unacked.items()):
            if conductor is None:
                await self._send_command("message", {"text": text, "client_id": client_id})
            elif not conductor.done:
                await conductor.candidate_message(text, client_id)

    async def _seen(self) -> None:
        conductor = conductor_get(self.interview_id)
        if conductor is not None:
            conductor.seen()
        elif self.ready and time.monotonic() - self.seen_sent_at >= SEEN_EVERY_S:
            self.seen_sent_at = time.monotonic()
            await self._send_command("seen")

    async def _watch_lease(self) -> None:
        """While the socket is open: if the interview's conductor dies, take it over here; while it runs
        in another process, keep asking it for its frames."""
        while not self.closing:
            await asyncio.sleep(lease_seconds() / 3)
            if conductor_get(self.interview_id) is None:
                try:
                    async with self.lock:
                        if await self._conductor() is None:
                            await self._send_command("listen")
                except Exception:
                    log.exception("interview %s: could not check its conductor", self.interview_id)

    # --- hello: session, replay, the turn being said ------------------------------------------------

    async def _on_hello(self, frame: dict) -> None:
        last_seq = frame["last_seq"]
        if last_seq < 0:
            raise FrameError("invalid_field", "'last_seq' must be 0 or more.")
        await limits.totals_reset(interview_id=self.interview_id)
        if not self.ready and self.scheduled:
            waiting = await self._waiting_session()
            if waiting is not None:  # not started: the start page; no conductor, no clock, no greeting
                self.waiting = True
                await self._send_frame(waiting)
                return
        await self._join(last_seq)

    async def _on_start(self, frame: dict) -> None:
        """The candidate consented and pressed Start: record the consent, and start the interview (its
        conductor, its clock, the greeting) by answering as a hello would, with a `session` in progress.
        A repeated start changes nothing."""
        check_consent(frame)
        if not self.waiting:
            return
        await db_call(services.interview_consent_record)(interview_id=self.interview_id)
        self.waiting = False
        await self._join(0)

    @db_call
    def _waiting_session(self) -> dict | None:
        """The `session` frame of an interview not started yet, or None once it has started."""
        interview = selectors.interview_get_for_start(interview_id=self.interview_id)
        if interview.status != Interview.Status.SCHEDULED:
            return None
        return {
            "type": "session",
            "interview_id": interview.pk,
            "status": interview.status,
            "phase": interview.phase,
            "time_left_s": selectors.interview_time_left_s(interview=interview),
            "last_seq": 0,
            "progress": progress_from_state(state=interview.state, plan_topics=interview.plan.topics),
        }

    async def _join(self, last_seq: int) -> None:
        """hello's answer for an interview under way: the session, the turns missed, the turn being said."""
        conductor = await self._conductor()
        await self._seen()
        if conductor is None:
            # First ask the conductor elsewhere for its frames and the turn being said: live frames are
            # held until its answer, and the replay below covers the turns committed meanwhile.
            await self._ask_remote_live()
        running = conductor is not None and not conductor.done
        interview, turns, server_last_seq, code_task, progress = await self._catch_up(last_seq, not running)
        time_left = conductor.time_left_s() if running else selectors.interview_time_left_s(interview=interview)
        await self._send_frame(
            {
                "type": "session",
                "interview_id": interview.pk,
                "status": interview.status,
                "phase": interview.phase,
                "time_left_s": time_left,
                "last_seq": server_last_seq,
                "progress": conductor.progress() if running else progress,
            }
        )
        for turn in turns:
            self.view.acknowledged(turn.client_id)
            await self._send_frame(turn_frame(turn))
        # Every visible turn up to the server's last seq is now with the client (it had those up to
        # last_seq, the replay sent the rest); a client claiming more than exists still gets new turns.
        self.view.replayed(server_last_seq)
        self.ready = True
        if code_task is not None and code_task["seq"] <= server_last_seq:
            await self._send_frame(code_task)
        if interview.status == Interview.Status.ENDED:
            await self._send_frame({"type": "ended", "reason": interview.end_reason})
            await self._close(CLOSE_NORMAL)
            return
        if self.watchdog is None:
            self.watchdog = asyncio.create_task(self._watch_lease(), name=f"socket-{self.interview_id}-lease")
        if conductor is not None:
            live = conductor.streaming()
            await self._send_live(*(live or (None, "", "")))

    @db_call
    def _catch_up(self, last_seq: int, with_progress: bool):
        interview = selectors.interview_get_for_socket(interview_id=self.interview_id)
        # With the conductor elsewhere, the marker comes from the stored position and the plan.
        progress = selectors.interview_progress(interview=interview) if with_progress else None
        # The last seq first, then the turns up to it: a turn committed between the two reads (the
        # conductor runs meanwhile) is after the replay, so its live frames still reach the client.
        # Read the other way round, such a turn was counted as replayed but never sent: the greeting
        # could vanish.
        server_last_seq = selectors.turn_last_seq(interview_id=self.interview_id)
        turns = selectors.turns_after(interview_id=self.interview_id, last_seq=last_seq, upto=server_last_seq)
        code_task = selectors.code_task_frame(interview=interview)
        return interview, turns, server_last_seq, code_task, progress

    async def _ask_remote_live(self) -> None:
        # Live frames wait until the conductor (in another process) says what was already said.
        self.held = []
        await self._send_command("live", {"reply_to": self.channel_name})
        asyncio.get_running_loop().call_later(RESYNC_TIMEOUT_S, self._resync_timeout)

    def _resync_timeout(self) -> None:
        if self.held is not None and not self.closing:
            # Through our own channel, so it is handled in order with the frames being held.
            asyncio.ensure_future(self.channel_layer.send(self.channel_name, {"type": "interview.live", "seq": None}))

    async def _send_live(self, seq: int | None, text: str, stream: str) -> None:
        """An interviewer turn still being said is re-sent from its start, as one delta."""
        frame = self.view.live(seq, text, stream)
        if frame is not None:
            await self._send_frame(frame)

    # --- The candidate's events --------------------------------------------------------------------

    async def _on_message(self, frame: dict) -> None:
        text, client_id = clean_answer(frame)
        await limits.message_check(interview_id=self.interview_id, client_id=client_id)
        self.view.answered(client_id, text)
        if not await self._call("message", text=text, client_id=client_id):
            raise FrameError("interview_ended", "This interview has ended.")

    async def _on_code(self, frame: dict, command: str = "code") -> None:
        """code.submit (command "code") or code.run (command "run": its `code.result` comes from the
        conductor once the sandbox has run the examples)."""
        conductor = await self._conductor()
        open_here = conductor is not None and conductor.coding()
        if not open_here and (conductor is not None or not await self._code_task_open()):
            raise FrameError("no_coding_task", "There is no coding task open in this interview.")
        language, code, client_id = clean_code(frame)
        if not await self._call(command, language=language, code=code, client_id=client_id):
            raise FrameError("no_coding_task", "There is no coding task open in this interview.")

    @db_call
    def _code_task_open(self) -> bool:
        return selectors.code_task_frame(interview_id=self.interview_id) is not None

    async def _on_signal(self, frame: dict) -> None:
        detail = signal_detail(frame)
        limits.signal_size_check(detail)
        name = frame["name"]
        if not await limits.signal_check(interview_id=self.interview_id):
            # The first signal past the limit: the recruiter sees that more came, not what.
            name, detail = "signals_capped", f"More signals came than the limit of {settings.INTERVIEW_MAX_SIGNALS}."
        await db_call(self._record_signal)(name, detail)
        await self._seen()

    def _record_signal(self, name: str, detail: str) -> None:
        interview = selectors.interview_get_authorised(interview_id=self.interview_id)
        services.signal_record(interview=interview, name=name, detail=detail)

    # --- Channel-layer events (interviews/events.py) --------------------------------------------

    async def interview_frame(self, event: dict) -> None:
        if event.get("origin") == OWNER:
            return  # a conductor of this process: its frames came through the mailbox already
        await self._frame(event["frame"])

    async def _frame(self, frame: dict) -> None:
        if not self.ready or self.closing:
            return  # before hello, the replay covers everything this frame would say
        if self.held is not None:
            if len(self.held) < MAX_HELD_FRAMES:
                self.held.append(frame)
            return
        await self._forward(frame)

    async def interview_live(self, event: dict) -> None:
        if self.held is None or self.closing:
            return  # a late answer: the frames already went on
        held, self.held = self.held, None
        await self._send_live(event.get("seq"), event.get("text", ""), event.get("stream", ""))
        for frame in held:
            await self._forward(frame)

    async def _forward(self, frame: dict) -> None:
        frame = self.view.unseen(frame)
        if frame is None:
            return
        await self._send_frame(frame)
        if frame["type"] == "ended":
            await self._close(CLOSE_NORMAL)

    async def interview_replaced(self, event: dict) -> None:
        if self.closing or event["channel_name"] == self.channel_name:
            return
        if (event["opened_at"], event["channel_name"]) > (self.opened_at, self.channel_name):
            await self._close(CLOSE_REPLACED)
        else:
            # An older socket announced itself after ours (it joined the group after our own
            # announcement went out, e.g. two tabs opened at once): say it again so that one closes.
            await send_replaced(self.interview_id, self.channel_name, self.opened_at)
