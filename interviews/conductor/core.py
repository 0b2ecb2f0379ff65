"""The conductor: one per live interview across all processes (a lease), plain asyncio, driven by events.

Events in: `hello()`, `candidate_message()`, `candidate_partial()`, `code_submit()`, `code_run()`, `end()`,
`seen()`, and its own timers (time budget, end of turn, silence). Frames out, through an `Emitter`: `state`,
`interviewer.delta`, `interviewer.filler`, `interviewer.cancelled`, `code.task`, `code.result`, `turn`,
`ended`.

It works in its own tasks, never in a socket's: a socket that drops does not stop it, and a turn
being generated finishes and is stored. Steps run one at a time in a runner task, so the
conversation's order is the order of the database's seqs; each step commits its turns together
with the conductor's new position (Interview.state), and a new conductor resumes from there.
Only a barge-in acts at once, outside the runner: it cancels the turn being said.
"""

import asyncio
import logging
from collections import deque

from ..prompts import CODE_TASK
from . import conduct, policy, store
from .attention import Attention
from .clock import Clock, Emitter, SystemClock
from .examples import run_examples
from .fillers import Fillers
from .lease import Lease
from .partials import Partials
from .policy import CLOSING_ACTIONS, Position
from .preparing import Prepared
from .progress import progress_of
from .speaking import Speech
from .steps import ABANDONED, TIMEOUT, LeaseLost, Steps, _Event, _setting
from .store import CandidateWrite, TurnLine

log = logging.getLogger(__name__)

STATE_EVERY_S = 60.0  # `state` frames keep the page's timer right
CODE_BOX_LOOK_S = 5.0  # how often the coding task's time box is looked at (its end is honoured exactly)

class Conductor(Steps):
    def __init__(self, interview_id: int, *, emitter: Emitter, clock: Clock | None = None, on_done=None, lease=None):
        self.interview_id = interview_id
        self.done = False
        self.finished = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stats = {"preempt_used": 0, "preempt_discarded": 0, "preempt_saved_ms": [], "interruptions": 0}
        self._emitter, self._clock, self._on_done = emitter, clock or SystemClock(), on_done
        self._lease: Lease | None = lease
        self._events: deque[_Event] = deque()
        self._wake = asyncio.Event()
        self._start_lock = asyncio.Lock()
        self._snap: store.Snapshot | None = None
        self._flow = policy.Flow()
        self._position = Position()
        self._lines: list[TurnLine] = []
        self._client_ids: set[str] = set()
        self._last_seq: int | None = None  # the highest seq stored (None: unknown, the store finds out)
        self._inflight: set[str] = set()  # client ids accepted, not yet stored
        self._promoted: dict[str, dict] = {}  # normalised words of a partial that became an answer -> its frame
        self._phase = "waiting"
        self._progress_sent: dict | None = None
        self._speech: Speech | None = None
        self._action: str | None = None
        self._prepared: Prepared | None = None
        self._tasks: list[asyncio.Task] = []
        self._stop_reason: str | None = None
        self._ending = self._hold = False
        self._answers_in = self._answered_upto = 0
        self._fillers: Fillers | None = None
        self._partials: Partials | None = None
        self._attention: Attention | None = None
        self._examples: asyncio.Task | None = None  # the candidate's examples run in flight, if any

    # --- Events from the outside world ---------------------------------------------------------

    async def hello(self) -> None:
        """A socket said hello: start the interview, or resume it from the database. Idempotent."""
        async with self._start_lock:
            if self._tasks or self.done:
                return
            snap = await store.load(self.interview_id)
            if snap.status == "ended":
                await self._shutdown()
                return
            started = snap.status == "scheduled"
            if started:
                snap = await store.start(self.interview_id, at=self._clock.time(), position=Position(), snapshot=snap)
            self._adopt(snap)
            self._spawn(self._run(), "runner")
            self._spawn(self._time_limit(), "timer")
            self._spawn(self._code_time_box(), "code-time-box")
            watch = self._attention.watch(may_nudge=self._may_nudge, on_nudge=self._nudge, on_abandon=self._abandon)
            self._spawn(watch, "idle")
            if self._lease is not None:
                self._spawn(self._lease.keep(on_lost=self._lease_lost), "lease")
            if started:
                await self._emit_state()
            if self._time_left() <= 0:
                self._request_stop(TIMEOUT)  # resumed after its time ran out: end, say nothing more
            self._post(_Event("speak"))  # say what is owed: the greeting, or a turn a dead process left

    async def candidate_message(self, text: str, client_id: str) -> bool:
        """The candidate's final answer (validated and cleaned). False if the interview is over here."""
        if not self._running():
            return False
        self._attention.active()
        if client_id in self._client_ids or client_id in self._inflight:
            return True  # stored already (or being stored): a resend changes nothing, interrupts nothing
        self._partials.clear()
        promoted = self._promoted.pop(conduct.normalise(text), None)
        if promoted is not None:  # the same words a settled partial already gave: acknowledge, once
            self._client_ids.add(client_id)
            await self._emit({**promoted, "client_id": client_id})
            return True
        self._interrupt()
        self._accept_answer(text, client_id)
        return True

    async def candidate_partial(self, text: str) -> bool:
        """An interim transcript: a barge-in unless it is only a backchannel; the answer once it settles."""
        if not self._running():
            return False
        self._attention.active()
        if self._speaking():
            if not conduct.interrupts(text):
                return True  # "mm-hmm" while the interviewer talks: listening, not interrupting
            self._interrupt()
        self._partials.update(text)
        return True

    async def code_submit(self, language: str, code: str, client_id: str) -> bool:
        """Code for the coding task; False when no coding task is open."""
        if not self.coding():
            return False
        self._attention.active()
        if client_id not in self._client_ids and client_id not in self._inflight:
            self._inflight.add(client_id)
            self._post(_Event("code", text=code, client_id=client_id, language=language))
        return True

    async def code_run(self, language: str, code: str, client_id: str) -> bool:
        """Run the task's visible examples on the candidate's code, in the background: `code.result`
        follows once the sandbox is done (an `error` frame if the run is refused). Not a turn, and the
        conversation never waits for it. False when no coding task is open."""
        if not self.coding():
            return False
        self._attention.active()
        if self._examples is not None and not self._examples.done():
            await self._emit({"type": "error", "code": "too_many_runs",
                              "message": "The examples are still running; wait for their results."})
            return True
        run = run_examples(self.interview_id, language=language, code=code, client_id=client_id, emit=self._emit,
                           clock=self._clock)
        self._spawn(run, "examples")
        self._examples = self._tasks[-1]
        return True

    async def end(self) -> None:
        """The candidate ends the interview: the turn in progress stops, a short goodbye follows."""
        if not self._running() or self._ending:
            return
        self._ending = True
        self._partials.clear()
        self._discard_prepared()
        if self._action not in CLOSING_ACTIONS and self._speech is not None:
            self._speech.cancel()
        self._post(_Event("end"))

    def coding(self) -> bool:
        """Whether the coding task is open (code.submit is accepted)."""
        return self._running() and self._position.awaiting == CODE_TASK

    def seen(self) -> None:
        """A sign of life from the candidate's browser (a hello, a ping): not gone."""
        if self._attention is not None:
            self._attention.seen()

    def streaming(self) -> tuple[int, str, str] | None:
        """(seq, text sent so far, stream id) of the interviewer turn being said, if any."""
        speech = self._speech
        if speech is None or speech.seq is None or not speech.sent:
            return None
        return speech.seq, speech.sent, speech.stream_id

    def time_left_s(self) -> int:
        return max(0, int(self._time_left()))

    def progress(self) -> dict:
        """{"question": N, "of": M, "part": ...}: main questions asked of those planned (the page's marker)."""
        return progress_of(stage=self._position.stage, asked=self._position.asked, ids=self._flow.topic_ids)

    def attach(self, task: asyncio.Task) -> None:
        """A task that lives and dies with this conductor (e.g. its channel-layer inbox)."""
        self._tasks.append(task)

    async def aclose(self, *, release: bool = True) -> None:
        """Stop at once without writing anything (process shutdown; a crash, in tests, with release=False)."""
        await self._shutdown(release=release)

    # --- Small helpers -------------------------------------------------------------------------

    def _running(self) -> bool:
        return not self.done and bool(self._tasks)

    def _speaking(self) -> bool:
        return self._speech is not None and not self._speech.done

    def _spawn(self, coro, name: str) -> None:
        self._tasks.append(asyncio.create_task(coro, name=f"conductor-{self.interview_id}-{name}"))

    def _adopt(self, snap: store.Snapshot) -> None:
        self._snap, self._position, self._phase = snap, snap.position, snap.phase
        self._lines, self._client_ids = list(snap.turns), set(snap.client_ids)
        self._last_seq = snap.last_seq
        self._flow = policy.build_flow(
            topics=snap.topics,
            duration_s=snap.duration_s,
            max_follow_ups=_setting("FOLLOW_UPS_PER_TOPIC", 3),
            surprise_max=_setting("SURPRISE_QUESTIONS_MAX", 1),
            coding_task=snap.coding_task,
            points=snap.topic_points,
        )
        self.loop = asyncio.get_running_loop()
        self._fillers = Fillers(
            interview_id=self.interview_id,
            clock=self._clock,
            emit=self._emit,
            after_s=_setting("FILLER_AFTER_MS", 700) / 1000,
            used=snap.position.fillers,
        )
        self._partials = Partials(
            clock=self._clock,
            end_of_turn_s=_setting("END_OF_TURN_MS", 1500) / 1000,
            preempt_s=_setting("PREEMPT_AFTER_MS", 300) / 1000,
            on_stable=self._prepare,
            on_final=self._partial_final,
        )
        self._attention = Attention(
            self._clock,
            nudge_after_s=_setting("IDLE_NUDGE_S", 90),
            abandon_after_s=_setting("ABANDON_AFTER_S", 600),
            since=self._clock.time(),
        )

    def _elapsed(self) -> float:
        snap = self._snap
        return 0.0 if snap is None or snap.started_at is None else self._clock.time() - snap.started_at

    def _previous_answers(self) -> tuple[str, ...]:
        return tuple(line.text for line in self._lines if line.role == "candidate" and line.kind == "answer")

    # --- Time, phase, leases, the end ----------------------------------------------------------------

    def _time_left(self) -> float:
        snap = self._snap
        if snap is None:
            return 0.0
        if snap.started_at is None:
            return float(snap.duration_s)
        return snap.started_at + snap.duration_s - self._clock.time()

    async def _time_limit(self) -> None:
        while (left := self._time_left()) > 0:
            await self._clock.sleep(min(left, STATE_EVERY_S))
            if 0 < self._time_left() and not self.done:
                await self._emit_state()
        self._request_stop(TIMEOUT)

    async def _code_time_box(self) -> None:
        """The coding task is time-boxed: when its minutes are up the interviewer moves on."""
        while not self.done:
            due = policy.code_due_s(self._position, self._flow)
            left = None if due is None else due - self._elapsed()
            if left is not None and left <= 0 and self._position.pending is None:
                self._post(_Event("code_time"))
                left = CODE_BOX_LOOK_S  # the runner moves on; look again in a while
            await self._clock.sleep(CODE_BOX_LOOK_S if left is None else min(max(left, 0.05), CODE_BOX_LOOK_S))

    async def _abandon(self) -> None:
        self._request_stop(TIMEOUT if self._time_left() <= 0 else ABANDONED)

    def _request_stop(self, reason: str) -> None:
        """A hard stop: the turn in progress is cancelled and the interview ends without more talk."""
        if self.done or self._stop_reason:
            return
        self._stop_reason = reason
        self._discard_prepared()
        if self._speech is not None:
            self._speech.cancel()
        self._post(_Event("stop"))

    def _check_lease(self) -> None:
        if self._lease is not None and not self._lease.valid():
            raise LeaseLost(self.interview_id)

    async def _lease_lost(self) -> None:
        log.warning("interview %s: lease lost, this process stops conducting it", self.interview_id)
        await self._shutdown(release=False)

    async def _phase_is(self, phase: str) -> None:
        if phase != self._phase:
            self._phase = phase
            await self._emit_state()

    async def _emit_state(self) -> None:
        self._progress_sent = self.progress()
        await self._emit(
            {"type": "state", "phase": self._phase, "time_left_s": self.time_left_s(), "progress": self._progress_sent}
        )

    async def _progress_is(self) -> None:
        """A new main question, or a new part (the coding task): the page's marker moves."""
        if self.progress() != self._progress_sent:
            await self._emit_state()

    async def _finish(self, reason: str) -> None:
        if self.done:
            return
        await self._store_leftovers()
        await store.end(self.interview_id, reason=reason)
        # Words that arrived while the end was being written (the candidate was still talking) are
        # kept too, before `ended` is announced.
        await self._store_leftovers()
        self._phase = "ended"
        await self._emit({"type": "state", "phase": "ended", "time_left_s": 0, "progress": self.progress()})
        await self._emit({"type": "ended", "reason": reason})
        await self._shutdown()

    async def _store_leftovers(self) -> None:
        """Answers, code and a partial still pending when the interview ends are stored, unanswered:
        never lose a word."""
        writes = [
            CandidateWrite(text=e.text, client_id=e.client_id, kind="code", meta={"language": e.language})
            if e.kind == "code"
            else CandidateWrite(text=e.text, client_id=e.client_id)
            for e in self._events
            if e.kind in ("answer", "code")
        ]
        if self._partials is not None and self._partials.text.strip():
            writes.append(CandidateWrite(text=self._partials.text.strip(), client_id=f"eot-end-{self.interview_id}"))
        self._events.clear()
        if writes:
            opened = await store.open_turn(self.interview_id, candidate=writes, after_seq=self._last_seq)
            self._last_seq = opened.last_seq
            for frame in opened.frames:
                await self._emit(frame)

    async def _shutdown(self, *, release: bool = True) -> None:
        if self.done:
            return
        self.done = True
        if self._fillers is not None:
            self._fillers.cancel()
        if self._partials is not None:
            self._partials.clear()
        if self._prepared is not None:
            self._prepared.speech.cancel()
        current = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not current and not t.done()]
        if self._speech is not None and not self._speech.done:
            self._speech.cancel()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._lease is not None and release:
            await self._lease.release()
        self.finished.set()
        if self._on_done is not None:
            self._on_done(self)

    async def _emit(self, frame: dict) -> None:
        try:
            await self._emitter.send(frame)
        except Exception:
            # Frames are a view of the database: a client that misses one catches up on hello.
            log.exception("could not emit a %s frame for interview %s", frame.get("type"), self.interview_id)
