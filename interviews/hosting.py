"""Which process conducts an interview: the one that takes its lease, runs its conductor, and listens
on its inbox group for the candidate's events from sockets in other processes.

A socket calls `conductor_here()` on hello (and now and then after): it gets this process's conductor,
started and resumed from the database if the lease was free, or None when another live process
conducts the interview — then it talks to that one through `events.send_command`.
"""

import asyncio
import logging
import weakref

from channels.layers import get_channel_layer

from .conductor import Conductor, conductor_for, conductor_get
from .conductor.lease import Lease
from .events import GroupEmitter, conductor_group, send_live

log = logging.getLogger(__name__)

_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, asyncio.Lock]] = weakref.WeakKeyDictionary()


def _lock(interview_id: int) -> asyncio.Lock:
    # Locks belong to an event loop; tests run one loop each, a server one for its life.
    return _locks.setdefault(asyncio.get_running_loop(), {}).setdefault(interview_id, asyncio.Lock())


async def conductor_here(interview_id: int) -> Conductor | None:
    """This process's conductor of the interview, started now if nobody else holds the lease."""
    conductor = conductor_get(interview_id)
    if conductor is not None:
        return conductor
    async with _lock(interview_id):
        conductor = conductor_get(interview_id)
        if conductor is not None:
            return conductor
        lease = Lease(interview_id)
        if not await lease.acquire():
            log.info("interview %s: its lease is held elsewhere: another process conducts it", interview_id)
            return None
        log.info("interview %s: conducted here", interview_id)
        emitter = GroupEmitter(interview_id)
        conductor = conductor_for(interview_id, emitter=emitter, lease=lease)
        await conductor.hello()  # starts the interview, or resumes it from the database
        if not conductor.done:
            inbox = asyncio.create_task(_inbox(conductor, emitter), name=f"conductor-{interview_id}-inbox")
            conductor.attach(inbox)
        return conductor


async def _inbox(conductor: Conductor, emitter: GroupEmitter) -> None:
    layer = get_channel_layer()
    group = conductor_group(conductor.interview_id)
    channel = await layer.new_channel()
    await layer.group_add(group, channel)
    try:
        while not conductor.done:
            try:
                message = await layer.receive(channel)
            except Exception as error:  # the channel layer hiccupped (e.g. Redis busy): listen again
                log.warning("interview %s: inbox receive failed (%s)", conductor.interview_id, error)
                await asyncio.sleep(0.5)
                continue
            try:
                await _dispatch(conductor, emitter, message)
            except Exception:
                log.exception("interview %s: bad conductor command %r", conductor.interview_id, message.get("command"))
    finally:
        await layer.group_discard(group, channel)


async def _dispatch(conductor: Conductor, emitter: GroupEmitter, message: dict) -> None:
    if message.get("type") != "conductor.command":
        return
    command, args = message["command"], message.get("args") or {}
    if command in ("live", "listen"):
        emitter.listen()  # before the answer: every frame after it goes through the group too
    if command == "message":
        await conductor.candidate_message(args["text"], args["client_id"])
    elif command == "partial":
        await conductor.candidate_partial(args["text"])
    elif command == "code":
        await conductor.code_submit(args["language"], args["code"], args["client_id"])
    elif command == "run":
        await conductor.code_run(args["language"], args["code"], args["client_id"])
    elif command == "end":
        await conductor.end()
    elif command == "seen":
        conductor.seen()
    elif command == "live":
        live = conductor.streaming()
        seq, text, stream = live if live else (None, "", "")
        await send_live(args["reply_to"], seq=seq, text=text, stream=stream)
