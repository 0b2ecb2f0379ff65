"""The conductor: one per live interview per process, plain asyncio, driven by events.

Events in: `hello()`, `candidate_message(text, client_id)`, `end()`, and its own timer. Frames out,
through an `Emitter`: `state`, `interviewer.delta`, `interviewer.cancelled`, `turn`, `ended`.

It works in its own tasks, never in a socket's: a socket that drops does not stop it, and a turn
being generated finishes and is stored. Events are handled one at a time by a runner task, so the
conversation's order is the order of the database's seqs. Every step commits its turn together
with the conductor's new position (Interview.state); a new conductor resumes from there.
"""

import asyncio
import functools
import logging
from collections import deque
from dataclasses import dataclass

from django.conf import settings

from llm import gateway

from ..prompts import (
    CANDIDATE_ENDED,
    CLOSE,
    FOLLOW_UP,
    GREET,
    INTERVIEWER_TURN,
    QUESTION,
    interviewer_turn_context,
    offline_interviewer_turn,
)
from . import policy, store
from .clock import Clock, Emitter, SystemClock
from .policy import ACTION_PHASE, CLOSING_ACTIONS, TURN_KIND, Position

log = logging.getLogger(__name__)

COMPLETED, CANDIDATE_ENDED_REASON, TIMEOUT = "completed", "candidate_ended", "timeout"
_TIMER_STEP_S = 30.0  # the timer re-reads the clock at least this often (robust to clock jumps)


@dataclass
class _Event:
    kind: str  # speak | answer | end | stop
    text: str = ""
    client_id: str = ""


@dataclass
class LiveTurn:
    """The interviewer turn being streamed: what a (re)connecting socket is sent from the start."""

    seq: int
    text: str = ""


class Conductor:
    def __init__(self, interview_id: int, *, emitter: Emitter, clock: Clock | None = None, on_done=None):
        self.interview_id = interview_id
        self.done = False
        self.loop: asyncio.AbstractEventLoop | None = None
        self._emitter, self._clock, self._on_done = emitter, clock or SystemClock(), on_done
        self._max_follow_ups = settings.FOLLOW_UPS_PER_TOPIC
        self._events: deque[_Event] = deque()
        self._wake = asyncio.Event()
        self._start_lock = asyncio.Lock()
        self._snap: store.Snapshot | None = None
        self._position = Position()
        self._phase = "waiting"
        self._live: LiveTurn | None = None
        self._action: str | None = None
        self._generation: asyncio.Task | None = None
        self._runner: asyncio.Task | None = None
        self._timer: asyncio.Task | None = None
        self._stop_reason: str | None = None
        self._ending = False

    # --- Events from the outside world ---------------------------------------------------------

    async def hello(self) -> None:
        """A socket said hello: start the interview, or resume it from the database. Idempotent."""
        async with self._start_lock:
            if self._runner is not None or self.done:
                return
            snap = await store.load(self.interview_id)
            if snap.status == "ended":
                self._mark_done()
                return
            started = snap.status == "scheduled"
            if started:
                snap = await store.start(self.interview_id, at=self._clock.time(), position=Position())
            self._snap, self._position, self._phase = snap, snap.position, snap.phase
            self.loop = asyncio.get_running_loop()
            self._runner = asyncio.create_task(self._run(), name=f"conductor-{self.interview_id}")
            self._timer = asyncio.create_task(self._time_limit(), name=f"conductor-timer-{self.interview_id}")
            if started:
                await self._emit_state()
            if self._time_left() <= 0:
                self._request_stop(TIMEOUT)  # resumed after its time ran out: end, say nothing more
            self._post(_Event("speak"))  # say what is owed: the greeting, or a turn a dead process left

    async def candidate_message(self, text: str, client_id: str) -> bool:
        """The candidate's final answer (already validated and cleaned). False if nobody is listening."""
        if self.done or self._runner is None:
            return False
        self._post(_Event("answer", text=text, client_id=client_id))
        return True

    async def end(self) -> None:
        """The candidate ends the interview: the turn in progress stops, a short goodbye follows."""
        if self.done or self._ending or self._runner is None:
            return
        self._ending = True
        if self._action not in CLOSING_ACTIONS:
            self._cancel_generation()
        self._post(_Event("end"))

    def streaming(self) -> tuple[int, str] | None:
        """(seq, text so far) of the interviewer turn being streamed, if any."""
        return (self._live.seq, self._live.text) if self._live else None

    def time_left_s(self) -> int:
        return max(0, int(self._time_left()))

    async def aclose(self) -> None:
        """Stop at once without writing anything (process shutdown; a crash, in tests)."""
        tasks = [t for t in (self._generation, self._runner, self._timer) if t is not None and not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._mark_done()

    # --- The runner: one event at a time ---------------------------------------------------------

    def _post(self, event: _Event) -> None:
        self._events.append(event)
        self._wake.set()

    async def _next_event(self) -> _Event:
        while not self._events:
            self._wake.clear()
            await self._wake.wait()
        return self._events.popleft()

    def _drain_answers(self) -> list[_Event]:
        drained = []
        while self._events and self._events[0].kind == "answer":
            drained.append(self._events.popleft())
        return drained

    async def _run(self) -> None:
        while not self.done:
            event = await self._next_event()
            try:
                if self._stop_reason:
                    await self._finish(self._stop_reason)
                elif event.kind == "speak":
                    await self._speak_pending()
                elif event.kind == "answer":
                    await self._on_answers([event, *self._drain_answers()])
                elif event.kind == "end":
                    await self._on_candidate_end()
            except Exception:
                # One failed step (a database hiccup) must not kill the interview: its state is
                # consistent in the database, and the next event or a new conductor carries on.
                log.exception("conductor of interview %s failed handling %s", self.interview_id, event.kind)

    async def _on_answers(self, answers: list[_Event]) -> None:
        topic_ids = [t["id"] for t in self._topics]
        decide = None
        if not self._ending:
            decide = functools.partial(policy.after_answer, topic_ids=topic_ids, max_follow_ups=self._max_follow_ups)
        frames, self._position = await store.record_answers(
            self.interview_id,
            [(a.text, a.client_id) for a in answers],
            topic_id=self._current_topic_id(),
            position=self._position,
            decide=decide,
        )
        for frame in frames:
            await self._emit(frame)
        await self._speak_pending()

    async def _on_candidate_end(self) -> None:
        # A closing turn already under way was not cancelled by end(): it finished the interview
        # and the runner stopped before reaching this event. Anything else gives way to a goodbye.
        self._position = policy.after_candidate_end(self._position)
        await self._speak_pending()

    # --- Speaking: one interviewer turn ---------------------------------------------------------

    @property
    def _topics(self) -> list[dict]:
        return self._snap.topics if self._snap else []

    def _current_topic_id(self) -> str:
        topics, index = self._topics, self._position.topic_index
        return topics[index]["id"] if index < len(topics) else ""

    async def _speak_pending(self) -> None:
        action = self._position.pending
        if action is None or self._stop_reason or (self._ending and action != CANDIDATE_ENDED):
            return
        topic = None if action in CLOSING_ACTIONS or not self._topics else self._topics[self._position.topic_index]
        phase = ACTION_PHASE[action]
        seq = await store.begin_turn(
            self.interview_id, kind=TURN_KIND[action], topic_id=topic["id"] if topic else "", phase=phase
        )
        await self._phase_is(phase)
        context = await self._context(action, seq, topic)
        self._action = action
        text, cancelled = await self._stream(seq, context)
        await self._commit_turn(action, seq, text, cancelled)

    async def _commit_turn(self, action: str, seq: int, text: str, cancelled: bool) -> None:
        topic_ids = [t["id"] for t in self._topics]
        position = self._position if cancelled else policy.after_spoken(self._position, action, topic_ids)
        phase = self._phase if cancelled or action in CLOSING_ACTIONS else policy.phase_of(position)
        frame = await store.complete_turn(
            self.interview_id, seq=seq, text=text, cancelled=cancelled, position=position, phase=phase
        )
        # Only now, with the turn committed, may clients see it as a turn.
        self._position, self._live, self._action = position, None, None
        if cancelled:
            await self._emit({"type": "interviewer.cancelled", "seq": seq})
        await self._emit(frame)
        await self._phase_is(phase)
        if action in CLOSING_ACTIONS and not cancelled:
            await self._finish(COMPLETED if action == CLOSE else CANDIDATE_ENDED_REASON)
        elif position.pending:
            self._post(_Event("speak"))

    async def _context(self, action: str, seq: int, topic: dict | None) -> dict:
        tail = await store.transcript(self.interview_id, limit=6)
        last_answer = ""
        if action in (QUESTION, FOLLOW_UP, CLOSE):
            last_answer = next((text for role, text in reversed(tail) if role == "candidate"), "")
        snap = self._snap
        return interviewer_turn_context(
            action=action,
            seq=seq,
            role_title=snap.role_title,
            minutes=snap.duration_s // 60,
            topic=topic,
            topic_number=self._position.topic_index + 1,
            topic_count=len(self._topics),
            candidate_name=snap.candidate_name if action == GREET else "",
            last_answer=last_answer,
            transcript=tail,
        )

    async def _stream(self, seq: int, context: dict) -> tuple[str, bool]:
        """Stream the turn in a task of its own, so end/timeout can cancel it; return (text, cancelled)."""
        live = self._live = LiveTurn(seq)
        task = asyncio.create_task(self._generate(context, live), name=f"turn-{self.interview_id}-{seq}")
        self._generation = task
        try:
            await asyncio.wait({task})
        finally:
            self._generation = None
        if task.cancelled():
            return live.text, True
        if task.exception() is not None:
            log.error("turn %s of interview %s failed", seq, self.interview_id, exc_info=task.exception())
        return live.text, False

    async def _generate(self, context: dict, live: LiveTurn) -> None:
        subject = gateway.Subject(interview_id=self.interview_id)
        try:
            async for piece in gateway.stream(INTERVIEWER_TURN, context, role="main", subject=subject):
                await self._delta(live, piece)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The model failed: the candidate still gets a coherent turn, from the offline engine,
            # streamed after whatever was already sent (so the deltas still join to the turn).
            log.exception("model failed on turn %s of interview %s; offline turn used", live.seq, self.interview_id)
            await self._delta(live, (" " if live.text else "") + offline_interviewer_turn(context))
            return
        if not live.text.strip():
            await self._delta(live, offline_interviewer_turn(context))

    async def _delta(self, live: LiveTurn, piece: str) -> None:
        if not piece:
            return
        offset = len(live.text)
        live.text += piece
        await self._emit({"type": "interviewer.delta", "seq": live.seq, "text": piece, "offset": offset})

    def _cancel_generation(self) -> None:
        if self._generation is not None and not self._generation.done():
            self._generation.cancel()

    # --- Time, phase, the end -----------------------------------------------------------------

    def _time_left(self) -> float:
        snap = self._snap
        if snap is None:
            return 0.0
        if snap.started_at is None:
            return float(snap.duration_s)
        return snap.started_at + snap.duration_s - self._clock.time()

    async def _time_limit(self) -> None:
        while (left := self._time_left()) > 0:
            await self._clock.sleep(min(left, _TIMER_STEP_S))
        self._request_stop(TIMEOUT)

    def _request_stop(self, reason: str) -> None:
        """A hard stop: the turn in progress is cancelled and the interview ends without more talk."""
        if self.done or self._stop_reason:
            return
        self._stop_reason = reason
        self._cancel_generation()
        self._post(_Event("stop"))

    async def _phase_is(self, phase: str) -> None:
        if phase != self._phase:
            self._phase = phase
            await self._emit_state()

    async def _emit_state(self) -> None:
        await self._emit({"type": "state", "phase": self._phase, "time_left_s": self.time_left_s()})

    async def _finish(self, reason: str) -> None:
        if self.done:
            return
        await store.end(self.interview_id, reason=reason)
        self._phase = "ended"
        await self._emit({"type": "state", "phase": "ended", "time_left_s": 0})
        await self._emit({"type": "ended", "reason": reason})
        self._mark_done()

    def _mark_done(self) -> None:
        if self.done:
            return
        self.done = True
        if self._timer is not None and self._timer is not asyncio.current_task():
            self._timer.cancel()
        if self._on_done is not None:
            self._on_done(self)

    async def _emit(self, frame: dict) -> None:
        try:
            await self._emitter.send(frame)
        except Exception:
            # Frames are a view of the database: a client that misses one catches up on hello.
            log.exception("could not emit a %s frame for interview %s", frame.get("type"), self.interview_id)
