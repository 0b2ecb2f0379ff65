"""The conductors of this process: at most one per interview, created on a socket's hello.

A conductor leaves the registry when it stops, so a plain dict does. A conductor belongs to the
event loop it was started on; one found on another loop (a test's old loop) is dropped, never
reused. Across processes, the lease (see `lease.py`) decides which process may create one.
"""

import asyncio

from .clock import Clock, Emitter
from .core import Conductor

_conductors: dict[int, Conductor] = {}


def _usable(conductor: Conductor) -> bool:
    if conductor.done:
        return False
    return conductor.loop is None or conductor.loop is asyncio.get_running_loop()


def _forget(conductor: Conductor) -> None:
    if _conductors.get(conductor.interview_id) is conductor:
        del _conductors[conductor.interview_id]


def conductor_get(interview_id: int) -> Conductor | None:
    """The live conductor of this interview in this process, if there is one."""
    conductor = _conductors.get(interview_id)
    if conductor is not None and not _usable(conductor):
        _forget(conductor)
        return None
    return conductor


def conductor_for(interview_id: int, *, emitter: Emitter, clock: Clock | None = None, lease=None) -> Conductor:
    """The conductor of this interview, created (not yet started: call `hello()`) if there is none.

    `emitter`, `clock` and `lease` are used only when a conductor is created.
    """
    conductor = conductor_get(interview_id)
    if conductor is None:
        conductor = Conductor(interview_id, emitter=emitter, clock=clock, on_done=_forget, lease=lease)
        _conductors[interview_id] = conductor
    return conductor


def conductors_running() -> list[Conductor]:
    return [c for c in _conductors.values() if not c.done]


async def conductors_close_all() -> None:
    """Stop every conductor of this process at once (shutdown, and between tests)."""
    conductors = list(_conductors.values())
    _conductors.clear()
    for conductor in conductors:
        if conductor.loop is None or conductor.loop is asyncio.get_running_loop():
            await conductor.aclose()
