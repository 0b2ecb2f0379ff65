"""Channel-layer events of the interviews app: their shapes, and one `send_*` function each.

One group per interview (`interview.<id>`): every socket of the interview joins it, in this process
or another, and the conductor's frames reach all of them through it. The conductor itself never
imports this module; the consumer hands it a `GroupEmitter`.
"""

from typing import Any, Literal, TypedDict

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(interview_id: int) -> str:
    return f"interview.{interview_id}"


class FrameEvent(TypedDict):
    """A server-to-client frame (PROTOCOL.md) for every socket of the interview."""

    type: Literal["interview.frame"]
    frame: dict[str, Any]


class ReplacedEvent(TypedDict):
    """A socket opened this interview: every older socket closes with 4409 (newest wins).

    `opened_at` orders sockets that open at the same moment, so exactly one of them survives.
    """

    type: Literal["interview.replaced"]
    channel_name: str
    opened_at: float


async def send_frame(interview_id: int, frame: dict[str, Any]) -> None:
    event: FrameEvent = {"type": "interview.frame", "frame": frame}
    await get_channel_layer().group_send(group_name(interview_id), event)


async def send_replaced(interview_id: int, channel_name: str, opened_at: float) -> None:
    event: ReplacedEvent = {"type": "interview.replaced", "channel_name": channel_name, "opened_at": opened_at}
    await get_channel_layer().group_send(group_name(interview_id), event)


def send_frame_on_commit(interview_id: int, frame: dict[str, Any]) -> None:
    """For synchronous writers (services, admin actions): send once the transaction has committed."""
    transaction.on_commit(lambda: async_to_sync(send_frame)(interview_id, frame))


class GroupEmitter:
    """The conductor's Emitter: a frame goes to the interview's group, so every socket receives it."""

    def __init__(self, interview_id: int):
        self.interview_id = interview_id

    async def send(self, frame: dict[str, Any]) -> None:
        await send_frame(self.interview_id, frame)
