"""The conductor's timing, on a manual clock with models whose timing follows it: barge-in, partials and
end of turn, fillers, preemptive replies, silence and abandonment, and delta coalescing."""

import asyncio
import logging

import pytest
from asgiref.sync import sync_to_async

from interviews.conductor import Conductor, SystemClock
from interviews.models import Interview, Turn
from interviews.offline_interviewer import key_phrase
from llm.models import ModelCall

from .factories import RICH_ANSWERS, TOPICS, FakeEmitter, make_interview, run_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]
log = logging.getLogger(__name__)
WARM_UP = "I lead a small platform team at Acme; lately I have been moving our billing jobs onto Celery."


@pytest.fixture(autouse=True)
def _timing(settings):
    settings.FILLER_AFTER_MS = 700
    settings.END_OF_TURN_MS = 1500
    settings.PREEMPT_AFTER_MS = 300
    settings.SURPRISE_QUESTIONS_MAX = 0


async def started(clock, **kwargs) -> tuple[Conductor, FakeEmitter, Interview]:
    interview, _ = await sync_to_async(make_interview)(**{"topics": TOPICS[:2], **kwargs})
    emitter = FakeEmitter(interview.pk)
    conductor = Conductor(interview.pk, emitter=emitter, clock=clock)
    await conductor.hello()
    return conductor, emitter, interview


def delta_of(seq: int):
    return lambda f: f["type"] == "interviewer.delta" and f["seq"] == seq


def is_turn(kind: str, role: str = "interviewer", after: int = 0):
    return lambda f: f["type"] == "turn" and f["kind"] == kind and f["role"] == role and f["seq"] > after


async def advance(clock, seconds: float, step_s: float = 0.01) -> None:
    """Move the clock in small steps, letting every task run in between (timestamps stay precise)."""
    for _ in range(round(seconds / step_s)):
        await clock.advance(step_s)
        await asyncio.sleep(0.001)


async def answered(emitter: FakeEmitter, client_id: str) -> dict:
    """The candidate turn for this answer, once committed (the manual clock stands still meanwhile)."""
    return await emitter.wait_for(lambda f: f["type"] == "turn" and f.get("client_id") == client_id)


# --- Barge-in ---------------------------------------------------------------------------------------


async def test_a_message_while_the_interviewer_streams_cancels_the_turn(clock, clocked_models):
    main, _ = clocked_models(main={"gap_s": 0.2})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"))
    await conductor.candidate_message(WARM_UP, "w")
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and f["seq"] == 3 and f["offset"] > 30)

    await conductor.candidate_message(RICH_ANSWERS[0], "barge")
    cancelled = await emitter.wait_for(lambda f: f["type"] == "interviewer.cancelled")
    cut = await emitter.wait_for(lambda f: f["type"] == "turn" and f["seq"] == cancelled["seq"])
    stored = await Turn.objects.aget(interview=interview, seq=cancelled["seq"])
    assert stored.status == "cancelled" and stored.text == cut["text"] == emitter.joined_deltas(stored.seq)
    assert 30 < len(stored.text) < len(TOPICS[0]["question"]) + 60 and "?" not in stored.text
    assert main.closed_early == 1  # the model's stream was closed: the upstream call stops
    assert await ModelCall.objects.filter(interview=interview, outcome="cancelled").aexists()
    frames = [f["type"] for f in emitter.frames]
    assert frames.index("interviewer.cancelled") < frames.index("turn", frames.index("interviewer.cancelled"))

    # Then the answer is handled: the question it cut off is still owed (it never got to its "?").
    again = await run_until(clock, emitter, is_turn("question", after=stored.seq))
    assert again["text"].startswith("Thanks for jumping in.") and TOPICS[0]["question"] in again["text"]
    answer = await Turn.objects.aget(interview=interview, client_id="barge")
    assert answer.seq == stored.seq + 1 and again["seq"] == stored.seq + 2


async def test_a_barge_in_after_the_question_was_out_counts_it_as_asked(clock, clocked_models):
    clocked_models(main={"gap_s": 0.2})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and "AI" in emitter.joined_deltas(1))
    await conductor.candidate_message(WARM_UP, "w")  # the AI notice is out: the greeting counts as said
    await emitter.wait_for(lambda f: f["type"] == "interviewer.cancelled")
    question = await run_until(clock, emitter, is_turn("question"))
    assert TOPICS[0]["question"] in question["text"] and not question["text"].startswith("Thanks for jumping")


async def test_a_barge_in_before_the_first_word_leaves_no_trace(clock, clocked_models):
    clocked_models(main={"ttft_s": 2.0})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"))
    await conductor.candidate_message(WARM_UP, "w")
    await answered(emitter, "w")
    await clock.advance(0.5)
    await conductor.candidate_message("Also, I mentor two juniors.", "w2")  # the reply had said nothing yet
    question = await run_until(clock, emitter, is_turn("question"))
    assert not emitter.of_type("interviewer.cancelled")
    turns = await sync_to_async(list)(Turn.objects.filter(interview=interview).order_by("seq"))
    roles = [(1, "interviewer"), (2, "candidate"), (3, "candidate"), (4, "interviewer")]
    assert [(t.seq, t.role) for t in turns] == roles
    assert question["seq"] == 4


async def test_backchannels_never_interrupt_but_other_partials_do(clock, clocked_models):
    clocked_models(main={"gap_s": 0.2})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and f["offset"] > 0)
    for backchannel in ("mm-hmm", "Yeah.", "ok, right", "uh-huh", "um"):
        await conductor.candidate_partial(backchannel)
    greeting = await run_until(clock, emitter, is_turn("greeting"))
    assert not emitter.of_type("interviewer.cancelled") and greeting["text"].endswith("?")
    await clock.advance(5)  # a backchannel never becomes an answer either
    assert not emitter.turns("candidate")

    await conductor.candidate_message(WARM_UP, "w")
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and f["seq"] == 3)
    await conductor.candidate_partial("Sorry, can I add something about the billing jobs")
    cancelled = await emitter.wait_for(lambda f: f["type"] == "interviewer.cancelled")
    assert cancelled["seq"] == 3


# --- Partials and end of turn -------------------------------------------------------------------------


async def test_a_partial_that_stops_changing_becomes_the_answer(clock, clocked_models):
    clocked_models()
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"))
    await conductor.candidate_partial("I lead a small")
    await clock.advance(1.0)
    await conductor.candidate_partial("I lead a small platform team")
    await clock.advance(1.4)
    await asyncio.sleep(0.02)
    assert not emitter.turns("candidate")  # 1.4 s since the last change: not yet
    await clock.advance(0.2)
    answer = await emitter.wait_for(lambda f: f["type"] == "turn" and f["role"] == "candidate")
    assert answer["text"] == "I lead a small platform team" and answer["client_id"].startswith("eot-")
    await run_until(clock, emitter, is_turn("question"))

    # The page's final message with the same words is acknowledged, not stored twice.
    await conductor.candidate_message("I lead a small platform team.", "final-1")
    ack = await emitter.wait_for(lambda f: f["type"] == "turn" and f.get("client_id") == "final-1")
    assert ack["seq"] == answer["seq"]
    assert await Turn.objects.filter(interview=interview, role="candidate").acount() == 1


async def test_a_message_before_the_end_of_turn_wins_over_the_partial(clock, clocked_models):
    clocked_models()
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"))
    await conductor.candidate_partial("I lead a small platform")
    await clock.advance(0.5)
    await conductor.candidate_message(WARM_UP, "w")
    await run_until(clock, emitter, is_turn("question"))
    await clock.advance(3)
    answers = await sync_to_async(list)(Turn.objects.filter(interview=interview, role="candidate"))
    assert [a.text for a in answers] == [WARM_UP]


# --- Fillers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("main_ttft", "mini_ttft", "filler", "local"),
    [(1.5, 0.2, True, False), (1.5, 3.0, True, True), (0.3, 0.1, False, False), (0.69, 0.1, True, False)],
)
async def test_within_filler_after_ms_either_the_reply_or_one_filler(
    clock, clocked_models, main_ttft, mini_ttft, filler, local
):
    clocked_models(main={"ttft_s": main_ttft}, mini={"ttft_s": mini_ttft})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"), step_s=0.05)
    t0 = clock.time()
    await conductor.candidate_message(WARM_UP, "w")
    await answered(emitter, "w")
    while clock.time() - t0 < 0.7 - 1e-9:
        await clock.advance(0.01)
        await asyncio.sleep(0.001)
    deltas = [f for f in emitter.of_type("interviewer.delta") if f["seq"] == 3]
    fillers = emitter.of_type("interviewer.filler")
    assert bool(deltas) or len(fillers) == 1  # the promise of PROTOCOL.md
    assert bool(fillers) is filler
    await run_until(clock, emitter, is_turn("question"))
    assert len(emitter.of_type("interviewer.filler")) == (1 if filler else 0)  # exactly one, never more
    if filler:
        text = fillers[0]["text"]
        assert key_phrase(WARM_UP) in text and len(text) <= 120 and "?" not in text
        assert (conductor._fillers.local == 1) is local


async def test_fillers_are_never_repeated_in_an_interview(clock, clocked_models):
    clocked_models(main={"ttft_s": 1.0}, mini={"script": lambda request: "Right, one moment."})
    no_follow_ups = [{**t, "follow_ups": 0} for t in TOPICS[:3]]  # one question per topic: fillers are the point
    conductor, emitter, interview = await started(clock, topics=no_follow_ups)
    await run_until(clock, emitter, is_turn("greeting"))
    for number, text in enumerate([WARM_UP, *RICH_ANSWERS]):
        last = max(f["seq"] for f in emitter.turns())
        await conductor.candidate_message(text, f"a{number}")
        await answered(emitter, f"a{number}")
        await run_until(clock, emitter, is_turn("question", after=last + 1), step_s=0.05)
    fillers = [f["text"] for f in emitter.of_type("interviewer.filler")]
    assert len(fillers) == 4 and len(set(fillers)) == 4 and fillers[0] == "Right, one moment."
    state = (await Interview.objects.aget(pk=interview.pk)).state
    assert set(fillers) <= set(state["fillers"])  # remembered across a restart


# --- Preemptive replies ------------------------------------------------------------------------------------


async def test_a_stable_partial_prepares_the_reply_and_the_matching_answer_uses_it(clock, clocked_models):
    main, _ = clocked_models(main={"ttft_s": 0.8})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"), step_s=0.05)
    calls = len(main.calls)
    await conductor.candidate_partial(WARM_UP)
    await advance(clock, 0.31)
    assert len(main.calls) == calls + 1  # preparing after 300 ms of stillness
    await advance(clock, 1.2)  # 1.51 s: the end of turn
    answer = await emitter.wait_for(lambda f: f["type"] == "turn" and f["role"] == "candidate")
    t_answer = clock.time()
    first = await emitter.wait_for(lambda f: f["type"] == "interviewer.delta" and f["seq"] == answer["seq"] + 1)
    assert clock.time() == t_answer  # the first words were ready: no model wait after the answer
    assert first["offset"] == 0 and conductor.stats["preempt_used"] == 1 and len(main.calls) == calls + 1
    saved = conductor.stats["preempt_saved_ms"][0]
    assert 790 <= saved <= 830
    log.warning("preemptive generation saved %.0f ms of an 800 ms time-to-first-token", saved)
    question = await run_until(clock, emitter, is_turn("question"))
    assert emitter.joined_deltas(question["seq"]) == question["text"] and not emitter.of_type("interviewer.filler")


async def test_a_prepared_reply_is_discarded_when_the_answer_differs(clock, clocked_models):
    main, _ = clocked_models(main={"ttft_s": 0.8})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"), step_s=0.05)
    await conductor.candidate_partial("I lead a team")
    await clock.advance(0.5)
    closed = main.closed_early
    await conductor.candidate_message(WARM_UP, "w")  # different words: the guess is thrown away
    question = await run_until(clock, emitter, is_turn("question"))
    assert main.closed_early == closed + 1 and conductor.stats["preempt_discarded"] == 1
    assert conductor.stats["preempt_used"] == 0 and TOPICS[0]["question"] in question["text"]


# --- Silence ---------------------------------------------------------------------------------------------


async def test_silence_earns_one_gentle_nudge_per_question(clock, clocked_models, settings):
    settings.IDLE_NUDGE_S = 90
    clocked_models()
    conductor, emitter, interview = await started(clock)
    greeting = await run_until(clock, emitter, is_turn("greeting"))
    await clock.advance(89)
    await asyncio.sleep(0.02)
    assert not emitter.of_type("turn")[1:]
    await run_until(clock, emitter, delta_of(greeting["seq"] + 1), step_s=0.5, max_s=5)  # it starts on time
    nudge = await emitter.turn("nudge")
    assert "no rush" in nudge["text"] or "No hurry" in nudge["text"]
    assert "?" not in nudge["text"] and nudge["seq"] == greeting["seq"] + 1
    await clock.advance(300)
    await asyncio.sleep(0.02)
    assert len(emitter.of_type("turn")) == 2  # one nudge per question, not one per minute
    await conductor.candidate_message(WARM_UP, "w")
    await run_until(clock, emitter, is_turn("question"))
    await run_until(clock, emitter, is_turn("nudge", after=nudge["seq"]), step_s=1, max_s=100)


async def test_a_candidate_gone_past_the_limit_makes_the_interview_abandoned(
    clock, clocked_models, settings, report_tasks
):
    settings.IDLE_NUDGE_S, settings.ABANDON_AFTER_S = 90, 600
    clocked_models()
    conductor, emitter, interview = await started(clock, duration_minutes=60)
    await run_until(clock, emitter, is_turn("greeting"))
    for _ in range(40):  # 800 s of a connected but silent candidate: pings keep it alive
        conductor.seen()
        await clock.advance(20)
    assert not emitter.of_type("ended")
    ended = await run_until(clock, emitter, lambda f: f["type"] == "ended", step_s=10, max_s=700)
    assert ended["reason"] == "abandoned"
    stored = await Interview.objects.aget(pk=interview.pk)
    assert (stored.status, stored.end_reason) == ("ended", "abandoned") and report_tasks == [interview.pk]


# --- Coalescing -----------------------------------------------------------------------------------------


async def test_deltas_are_coalesced_and_still_join_to_the_turn(settings):
    settings.LLM_MAIN = "offline?tokens_per_s=400"
    settings.DELTA_FLUSH_MS = 40
    conductor, emitter, interview = await started(SystemClock())
    greeting = await emitter.turn("greeting")
    deltas = [f for f in emitter.of_type("interviewer.delta") if f["seq"] == 1]
    pieces = len(greeting["text"].split())
    assert emitter.joined_deltas(1) == greeting["text"] == "".join(d["text"] for d in deltas)
    # The first words go as soon as the turn's row is committed (a few ms; more on PostgreSQL), never
    # after a whole flush window, which at 400 tokens/s would hold 16 of them.
    assert len(deltas[0]["text"].split()) <= 8
    assert len(deltas) <= pieces / 4, (len(deltas), pieces)
    offsets = [d["offset"] for d in deltas]
    assert offsets == sorted(offsets) and all(
        a["offset"] + len(a["text"]) == b["offset"] for a, b in zip(deltas, deltas[1:], strict=False)
    )


async def test_a_resent_answer_never_interrupts_the_reply_to_itself(clock, clocked_models):
    clocked_models(main={"ttft_s": 1.0})
    conductor, emitter, interview = await started(clock)
    await run_until(clock, emitter, is_turn("greeting"))
    await conductor.candidate_message(WARM_UP, "same")
    await asyncio.sleep(0)  # the runner is storing it now
    await conductor.candidate_message(WARM_UP, "same")  # the page resends it (a reconnect)
    await answered(emitter, "same")
    await conductor.candidate_message(WARM_UP, "same")
    question = await run_until(clock, emitter, is_turn("question"))
    assert conductor.stats["interruptions"] == 0 and question["seq"] == 3
    assert await Turn.objects.filter(interview=interview, role="candidate").acount() == 1


async def test_words_still_being_said_when_time_runs_out_are_kept(clock, clocked_models):
    clocked_models()
    conductor, emitter, interview = await started(clock, duration_minutes=5)
    await run_until(clock, emitter, is_turn("greeting"))
    await clock.advance(5 * 60 - 1)
    await conductor.candidate_partial("I was just about to say that we")
    ended = await run_until(clock, emitter, lambda f: f["type"] == "ended", step_s=0.5, max_s=5)
    assert ended["reason"] == "timeout"
    kept = await Turn.objects.aget(interview=interview, role="candidate")
    assert kept.text == "I was just about to say that we"
