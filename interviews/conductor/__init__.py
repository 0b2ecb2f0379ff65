"""The real-time interview logic: plain asyncio, no Channels, testable with a manual clock.

    conductor = conductor_for(interview_id, emitter=my_emitter)
    await conductor.hello()
    await conductor.candidate_message("I led the migration ...", client_id="c-1")
    await conductor.end()
"""

from .clock import Clock, Emitter, ManualClock, SystemClock
from .core import Conductor
from .registry import conductor_for, conductor_get, conductors_close_all

__all__ = [
    "Clock",
    "Conductor",
    "Emitter",
    "ManualClock",
    "SystemClock",
    "conductor_for",
    "conductor_get",
    "conductors_close_all",
]
