"""Channel-layer events of the interviews app: their shapes, and one `send_*` function each.

Two groups per interview, reaching every process through the channel layer (Redis in production):
- `interview.<id>`: every socket of the interview joins it; the conductor's frames reach all of them.
- `interview.<id>.conductor`: the conductor's inbox, joined by the one process that conducts the
  interview (it holds the lease). A socket in another process sends the candidate's events there.
The conductor itself never imports this module; it is handed a `GroupEmitter`.

The conductor's frames take a shortcut to the sockets of its own process (the usual case: a
candidate's socket and conductor meet in one process): each socket has a mailbox here, and a frame
goes through Redis only while a socket in another process listens (it says so through the inbox,
and again every few seconds). Group copies of frames a process already delivered are dropped by
their origin. A delta costs a queue put instead of several Redis round trips.
"""

import time
from typing import Any, Literal, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(interview_id: int) -> str:
    return f"interview.{interview_id}"


def conductor_group(interview_id: int) -> str:
    return f"interview.{interview_id}.conductor"


class FrameEvent(TypedDict, total=False):
    """A server-to-client frame (PROTOCOL.md) for every socket of the interview.

    A delta frame carries `_stream` (which generation of the turn it belongs to); sockets drop it.
    `origin` names the process that sent it (its sockets had it already, through their mailboxes).
    """

    type: Literal["interview.frame"]
    frame: dict[str, Any]
    origin: str


class ReplacedEvent(TypedDict):
    """A socket opened this interview: every older socket closes with 4409 (newest wins).

    `opened_at` orders sockets that open at the same moment, so exactly one of them survives.
    """

    type: Literal["interview.replaced"]
    channel_name: str
    opened_at: float


Command = Literal["message", "partial", "code", "end", "seen", "live", "listen"]


class CommandEvent(TypedDict):
    """A candidate's event for the conductor, from a socket in a process that does not conduct it.

    args: message {text, client_id}; partial {text}; code {language, code, client_id}; end {};
    seen {}; live {reply_to}: send me the interviewer turn being said (an `interview.live` event),
    and your frames through the group from now on; listen {}: keep sending them through the group.
    """

    type: Literal["conductor.command"]
    command: Command
    args: dict[str, Any]


class LiveEvent(TypedDict):
    """The conductor's answer to `live`: the turn being said so far (seq None when there is none)."""

    type: Literal["interview.live"]
    seq: int | None
    text: str
    stream: str


async def send_frame(interview_id: int, frame: dict[str, Any], *, origin: str = "") -> None:
    event: FrameEvent = {"type": "interview.frame", "frame": frame}
    if origin:
        event["origin"] = origin
    await get_channel_layer().group_send(group_name(interview_id), event)


async def send_replaced(interview_id: int, channel_name: str, opened_at: float) -> None:
    event: ReplacedEvent = {"type": "interview.replaced", "channel_name": channel_name, "opened_at": opened_at}
    await get_channel_layer().group_send(group_name(interview_id), event)


async def send_command(interview_id: int, command: Command, args: dict[str, Any] | None = None) -> None:
    event: CommandEvent = {"type": "conductor.command", "command": command, "args": args or {}}
    await get_channel_layer().group_send(conductor_group(interview_id), event)


async def send_live(channel_name: str, *, seq: int | None, text: str = "", stream: str = "") -> None:
    event: LiveEvent = {"type": "interview.live", "seq": seq, "text": text, "stream": stream}
    await get_channel_layer().send(channel_name, event)


def send_frame_on_commit(interview_id: int, frame: dict[str, Any]) -> None:
    """For synchronous writers (services, admin actions): send once the transaction has committed."""
    transaction.on_commit(lambda: async_to_sync(send_frame)(interview_id, frame))


# --- The shortcut to this process's sockets ---------------------------------------------------------

_mailboxes: dict[int, set] = {}  # interview id -> the asyncio.Queue of each socket in this process
REMOTE_LISTEN_S = 15.0  # a socket elsewhere that stops renewing stops getting frames after this


def mailbox_open(interview_id: int, mailbox) -> None:
    _mailboxes.setdefault(interview_id, set()).add(mailbox)


def mailbox_close(interview_id: int, mailbox) -> None:
    boxes = _mailboxes.get(interview_id)
    if boxes is not None:
        boxes.discard(mailbox)
        if not boxes:
            del _mailboxes[interview_id]


class GroupEmitter:
    """The conductor's Emitter: a frame reaches every socket of the interview — those of this process
    through their mailboxes, the others through the interview's group while one of them listens.

    `local=False` (tests) makes it behave as if its process had no sockets: group only.
    """

    def __init__(self, interview_id: int, *, origin: str = "", local: bool = True):
        from .conductor.lease import OWNER

        self.interview_id, self.origin, self.local = interview_id, origin or OWNER, local
        self.remote_until = 0.0

    def listen(self) -> None:
        """A socket in another process wants the frames: send them through the group for a while."""
        self.remote_until = time.monotonic() + REMOTE_LISTEN_S

    async def send(self, frame: dict[str, Any]) -> None:
        if self.local:
            event: FrameEvent = {"type": "interview.frame", "frame": frame, "origin": self.origin}
            for mailbox in tuple(_mailboxes.get(self.interview_id, ())):
                mailbox.put_nowait(event)
        if not self.local or time.monotonic() < self.remote_until:
            await send_frame(self.interview_id, frame, origin=self.origin)
