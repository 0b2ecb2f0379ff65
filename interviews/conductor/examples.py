"""The candidate's "Run examples" during the coding task: the run is recorded (and queued on the
sandbox like a submission), and its `code.result` is emitted once it settles.

The conductor never waits for it: each run is a task of its own that looks at the stored run every
POLL_S through the database (which works wherever the sandbox worker runs, whatever the channel
layer), for at most WAIT_S. A run is never a turn: nothing of it enters the transcript or the report.
"""

import logging

from . import store
from .clock import Clock

log = logging.getLogger(__name__)

POLL_S = 0.3
WAIT_S = 40.0
TIMED_OUT = {
    "status": "failed", "passed": 0, "total": 0, "tests": [],
    "message": "The examples took too long to run this time. Your code is unchanged; you can still submit it.",
}


async def run_examples(interview_id: int, *, language: str, code: str, client_id: str, emit, clock: Clock) -> None:
    """Record one run, wait for it to settle, and emit `code.result` (or an `error` frame when the run
    is refused: `too_many_runs`, `unsupported_language`, ...)."""
    try:
        recorded = await store.examples_run_record(interview_id, language=language, code=code, client_id=client_id)
        if isinstance(recorded, dict):  # refused: say why, as for a bad frame
            await emit({"type": "error", **recorded})
            return
        deadline = clock.time() + WAIT_S
        while (result := await store.examples_result(recorded)) is None and clock.time() < deadline:
            await clock.sleep(POLL_S)
    except Exception:  # the database hiccupped: the candidate hears the run failed, and may run it again
        log.exception("interview %s: an examples run failed", interview_id)
        result = None
    await emit({"type": "code.result", "client_id": client_id, **(result or TIMED_OUT)})
