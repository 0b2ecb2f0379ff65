"""The conductor's steps: the candidate's words in (barge-in, partials, preparing a reply), and the
runner that takes one step at a time — store what was said with the position it leads to, say the
reply, commit it. A part of `Conductor` (core.py), kept apart so each module reads on its own; it
uses the conductor's state and is never used alone.
"""

import logging
import uuid
from collections import deque
from dataclasses import dataclass, replace

from django.conf import settings

from llm import gateway

from ..prompts import CANDIDATE_ENDED, CLOSE, CODE_TASK, NUDGE
from . import conduct, listening, policy, store
from .policy import CLOSING_ACTIONS, TURN_KIND, Position
from .preparing import Prepared
from .speaking import Speech
from .store import CandidateWrite, TurnLine
from .voice import utterance

log = logging.getLogger(__name__)

COMPLETED, CANDIDATE_ENDED_REASON, TIMEOUT, ABANDONED = "completed", "candidate_ended", "timeout", "abandoned"


def _setting(name: str, default):
    return getattr(settings, name, default)


@dataclass
class _Event:
    kind: str  # speak | answer | code | code_time | end | nudge | stop
    text: str = ""
    client_id: str = ""
    number: int = 0
    language: str = ""


class LeaseLost(Exception):
    """Another process may conduct this interview now: stop without writing anything."""


class Steps:
    _events: deque

    # --- Answers, partials and barge-in (outside the runner) ---------------------------------------

    def _accept_answer(self, text: str, client_id: str) -> None:
        self._inflight.add(client_id)
        self._answers_in += 1
        number = self._answers_in
        self._fillers.watch(text, arrived_at=self._clock.time(), answered=lambda: self._answered(number))
        self._post(_Event("answer", text=text, client_id=client_id, number=number))

    def _answered(self, number: int) -> bool:
        return self._answered_upto >= number or self._ending or bool(self._stop_reason) or self.done

    def _mark_answered(self, number: int) -> None:
        self._answered_upto = max(self._answered_upto, number)

    def _interrupt(self) -> None:
        """A barge-in: the turn being said stops now; what follows waits for the candidate's answer."""
        speech, action = self._speech, self._action
        if speech is None or speech.done or action in CLOSING_ACTIONS:
            return
        self._hold = True
        self.stats["interruptions"] += 1
        speech.cancel()

    def _partial_final(self, text: str) -> None:
        if self._running():
            self._accept_answer(text, f"eot-{uuid.uuid4().hex[:16]}")

    def _prepare(self, text: str) -> None:
        """A partial stood still for a moment: start the reply it would get, in case it is the answer."""
        if not self._running() or self._ending or self._speaking() or self._hold or not self._position.awaiting:
            return
        decided = policy.after_answer(
            self._position, text, flow=self._flow, elapsed_s=self._elapsed(), previous=self._previous_answers(),
            topic_answers=self._topic_answers(),
        )
        if decided.pending is None or (self._prepared is not None and self._prepared.fits(text, decided)):
            return
        self._discard_prepared()
        self._prepared = Prepared(text=text, decided=decided, speech=self._new_speech(decided.pending, decided, [text]))

    def _discard_prepared(self) -> None:
        if self._prepared is not None:
            self._prepared.speech.cancel()
            self.stats["preempt_discarded"] += 1
            self._prepared = None

    def _take_prepared(self, text: str, decided: Position) -> Speech | None:
        prepared, self._prepared = self._prepared, None
        if prepared is None:
            return None
        if not prepared.fits(text, decided):
            prepared.speech.cancel()
            self.stats["preempt_discarded"] += 1
            return None
        saved = prepared.saved_ms(self._clock.time())
        self.stats["preempt_used"] += 1
        self.stats["preempt_saved_ms"].append(saved)
        log.info("interview %s: preemptive reply used, %.0f ms saved", self.interview_id, saved)
        return prepared.speech

    # --- The runner: one step at a time -------------------------------------------------------------

    def _post(self, event: _Event) -> None:
        self._events.append(event)
        self._wake.set()

    async def _next_event(self) -> _Event:
        while not self._events:
            self._wake.clear()
            await self._wake.wait()
        return self._events.popleft()

    def _drain(self, kind: str) -> list[_Event]:
        drained = []
        while self._events and self._events[0].kind == kind:
            drained.append(self._events.popleft())
        return drained

    async def _run(self) -> None:
        while not self.done:
            event = await self._next_event()
            try:
                if self._stop_reason:
                    if event.kind in ("answer", "code"):
                        self._events.appendleft(event)  # stored as a leftover: never lose a word
                    await self._finish(self._stop_reason)
                elif event.kind == "speak":
                    await self._speak_pending()
                elif event.kind == "answer":
                    await self._on_answers([event, *self._drain("answer")])
                elif event.kind == "code":
                    await self._on_code(event)
                elif event.kind == "end":
                    self._position = policy.after_candidate_end(self._position)
                    await self._speak_pending()
                elif event.kind == "code_time":
                    await self._on_code_time()
                elif event.kind == "nudge" and self._may_nudge():
                    self._position = replace(self._position, pending=NUDGE)
                    await self._speak_pending()
            except LeaseLost:
                await self._lease_lost()
            except Exception:
                # One failed step (a database hiccup) must not kill the interview: its state is
                # consistent in the database, and the next event or a new conductor carries on.
                log.exception("conductor of interview %s failed handling %s", self.interview_id, event.kind)

    async def _on_answers(self, answers: list[_Event]) -> None:
        self._hold = False  # the candidate has had their say: the interviewer may speak again
        text = "\n".join(a.text for a in answers)
        decided = self._position
        if not self._ending:
            decision = await self._listen(text)
            decided = policy.after_answer(
                decided, text, flow=self._flow, elapsed_s=self._elapsed(), previous=self._previous_answers(),
                topic_answers=self._topic_answers(), decision=decision,
            )
        topic_id = policy.topic_id_of(self._position, self._flow)
        writes = [CandidateWrite(text=a.text, client_id=a.client_id, topic_id=topic_id) for a in answers]
        await self._step(writes, decided, answers[-1].number)

    def _topic_answers(self) -> tuple[str, ...]:
        """The candidate's answers since the current topic's main question (this answer aside)."""
        answers: list[str] = []
        for line in reversed(self._lines):
            if line.role == "interviewer" and line.kind == "question":
                break
            if line.role == "candidate" and line.kind == "answer":
                answers.insert(0, line.text)
        return tuple(answers)

    async def _listen(self, text: str) -> listening.Decision | None:
        """The mini model's follow-up decision on a topic answer (None: offline, or the rules decide)."""
        position, flow = self._position, self._flow
        if position.stage != "topic" or position.awaiting not in policy.TOPIC_ACTIONS:
            return None
        if not listening.model_configured() or position.topic_index >= len(self._snap.topics):
            return None
        return await listening.model_decision(
            topic=self._snap.topics[position.topic_index], points=flow.points_of(position.topic_index),
            topic_answers=list(self._topic_answers()), answer=text, interview_id=self.interview_id,
            time_left_s=policy.slice_left_s(position, flow, self._elapsed()),
        )

    async def _on_code(self, event: _Event) -> None:
        decided = policy.after_code(self._position, self._flow, elapsed_s=self._elapsed())
        meta = {"language": event.language}
        write = CandidateWrite(text=event.text, client_id=event.client_id, kind="code", meta=meta)
        await self._step([write], decided, 0)

    async def _on_code_time(self) -> None:
        """The coding task's time box ran out: say so and move on (stored with the turn that says it)."""
        decided = policy.after_code_time(self._position, self._flow, elapsed_s=self._elapsed())
        if decided is not self._position:
            self._position = decided
            await self._speak_pending()

    async def _step(self, writes: list[CandidateWrite], decided: Position, number: int) -> None:
        """Store what the candidate said with the position it leads to, and say the reply if one is owed."""
        action = None if self._ending else decided.pending
        speech = None
        if action is not None:
            said = [w.text for w in writes if w.kind == "answer"]
            speech = self._take_prepared("\n".join(said), decided) or self._new_speech(action, decided, said)
        else:
            self._discard_prepared()
        reply = (TURN_KIND[action], policy.topic_id_of(decided, self._flow)) if action else None
        self._speech, self._action = speech, action  # a barge-in may cancel it while the database writes
        try:
            self._check_lease()
            opened = await store.open_turn(
                self.interview_id,
                candidate=writes,
                position=decided,
                phase=policy.phase_of(decided),
                reply=reply,
                after_seq=self._last_seq,
            )
        except BaseException:
            self._last_seq = None  # whatever happened, the store finds out where the seqs are
            if speech is not None:
                speech.cancel()
            self._speech = self._action = None
            raise
        finally:
            self._inflight.difference_update(w.client_id for w in writes)
        self._last_seq = opened.last_seq
        if not opened.fresh:  # all duplicates: nothing new was said, nothing to answer
            self._mark_answered(number)
            if speech is not None:
                speech.cancel()
            self._speech = self._action = None
            if self._position.pending and not self._hold:
                self._post(_Event("speak"))  # whatever was owed before is still owed
            return
        self._lines.extend(opened.lines)
        self._client_ids.update(w.client_id for w in writes)
        self._position = decided
        for frame in opened.frames:
            if frame.get("client_id", "").startswith("eot-"):
                self._promoted[conduct.normalise(frame["text"])] = frame
            await self._emit(frame)
        if speech is None:
            self._mark_answered(number)
            return
        await self._phase_is(policy.phase_of(decided))
        await self._deliver(action, speech, opened.seq, number)

    # --- Speaking -----------------------------------------------------------------------------------

    def _may_nudge(self) -> bool:
        return self._running() and not self._speaking() and not self._hold and not self._partials.text and (
            self._position.pending is None and policy.nudge_due(self._position)
        )

    def _nudge(self) -> None:
        self._post(_Event("nudge"))

    def _new_speech(self, action: str, position: Position, extra: list[str]) -> Speech:
        said = utterance(
            action,
            snap=self._snap,
            flow=self._flow,
            position=position,
            lines=self._lines,
            extra=extra,
            elapsed_s=self._elapsed(),
        )
        subject = gateway.Subject(interview_id=self.interview_id)
        return Speech(
            lambda: gateway.stream(said.prompt, said.context, role=said.role, subject=subject),
            emit=self._emit,
            fallback=lambda: said.prompt.offline(said.context),
            flush_s=_setting("DELTA_FLUSH_MS", 50) / 1000,
            flush_chars=_setting("DELTA_FLUSH_CHARS", 160),
            label=f"{self.interview_id}-{action}",
            now=self._clock.time,
        )

    async def _speak_pending(self) -> None:
        position = self._position
        action = position.pending
        if action is None or self._stop_reason or self._hold or (self._ending and action != CANDIDATE_ENDED):
            return
        if self._partials.text and action not in CLOSING_ACTIONS:
            return  # the candidate is mid-sentence: their answer comes first
        self._discard_prepared()
        speech = self._new_speech(action, position, [])
        reply = (TURN_KIND[action], policy.topic_id_of(position, self._flow))
        self._speech, self._action = speech, action
        try:
            self._check_lease()
            phase = policy.phase_of(position)
            opened = await store.open_turn(
                self.interview_id, position=position, phase=phase, reply=reply, after_seq=self._last_seq
            )
        except BaseException:
            self._last_seq = None
            speech.cancel()
            self._speech = self._action = None
            raise
        await self._phase_is(policy.phase_of(position))
        self._last_seq = opened.last_seq
        await self._deliver(action, speech, opened.seq, 0)

    async def _deliver(self, action: str, speech: Speech, seq: int, number: int) -> None:
        self._speech, self._action = speech, action
        if number:
            speech.on_first_delta = lambda: self._mark_answered(number)
        speech.set_seq(seq)
        try:
            await speech.wait()
        finally:
            self._speech = self._action = None
        await self._commit(action, seq, speech.sent, speech.cancelled)

    async def _commit(self, action: str, seq: int, text: str, cancelled: bool) -> None:
        elapsed = self._elapsed()
        if cancelled and not text:
            position = self._position  # nothing was said: nothing changes, nothing to acknowledge
        elif cancelled:
            position = policy.after_interrupted(self._position, action, text, self._flow, elapsed_s=elapsed)
        else:
            position = policy.after_spoken(self._position, action, self._flow, elapsed_s=elapsed, seq=seq)
        position = replace(position, fillers=tuple(self._fillers.used))
        self._check_lease()
        if cancelled and not text:  # cut off before its first word: nobody saw it, it never happened
            self._last_seq = await store.discard_turn(self.interview_id, seq=seq, position=position)
            self._position = position
            return
        phase = "closing" if action in CLOSING_ACTIONS else policy.phase_of(position)
        frame = await store.complete_turn(
            self.interview_id, seq=seq, kind=TURN_KIND[action], text=text, cancelled=cancelled, position=position,
            phase=phase,
        )  # fmt: skip
        # Only now, with the turn committed, may clients see it as a turn.
        self._position = position
        self._lines.append(TurnLine(seq, "interviewer", frame["kind"], text))
        self._attention.spoke()
        if cancelled:
            await self._emit({"type": "interviewer.cancelled", "seq": seq})
        await self._emit(frame)
        await self._phase_is(phase)
        await self._progress_is()
        if action == CODE_TASK and not cancelled and self._snap.coding_task:
            task = {k: self._snap.coding_task[k] for k in ("prompt", "language", "starter_code")}
            await self._emit({"type": "code.task", "seq": seq, **task})
        if action in CLOSING_ACTIONS and not cancelled:
            await self._finish(COMPLETED if action == CLOSE else CANDIDATE_ENDED_REASON)
        elif position.pending and not self._hold:
            self._post(_Event("speak"))

