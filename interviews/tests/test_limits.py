"""Abuse limits of the candidate's WebSocket (interviews/limits.py) through the real ASGI app: they hold
across reconnects, answer with a specific error frame, and lose nothing already stored. Each runs with
the counters in this process and, when REDIS_URL is set, in Redis (production's backend)."""

import os
import uuid

import pytest
from asgiref.sync import sync_to_async

from analysis import services as analysis_services
from analysis.tasks import answer_assess_task
from interviews.conductor import lease as leases
from interviews.models import IntegritySignal, Turn

from .test_consumers import chat_path, closed_with, frames_until, hello, is_turn, new_interview, send, socket

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]


@pytest.fixture(params=["memory", "redis"])
def backend(request, settings):
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.skip("needs REDIS_URL")
        settings.INTERVIEW_LIMITS_BACKEND = "redis"
        settings.INTERVIEW_LIMITS_PREFIX = f"test-limits-{uuid.uuid4().hex}"  # no counter of another run
    yield request.param
    leases._clients.clear()


@pytest.fixture
def assessment_jobs(monkeypatch) -> list[int]:
    """Turn ids whose assessment job was published (the broker is the edge: recorded, not run)."""
    published: list[int] = []
    monkeypatch.setattr(answer_assess_task, "delay", lambda turn_id: published.append(turn_id))
    return published


async def errors_until_pong(ws) -> list[dict]:
    """Every error frame the server sent until it answers a ping (frames are handled in order)."""
    await send(ws, {"type": "ping"})
    errors = []
    while True:
        frame = await ws.receive_json_from(10)
        if frame["type"] == "pong":
            return errors
        if frame["type"] == "error":
            errors.append(frame)


async def stored_candidate_turns(interview) -> int:
    return await Turn.objects.filter(interview=interview, role="candidate").acount()


async def settled_candidate_turns(interview, *, quiet_s: float = 1.0) -> int:
    """The candidate turns stored once the conductor has stopped storing them."""
    import asyncio

    last, still = -1, 0.0
    while still < quiet_s:
        count = await stored_candidate_turns(interview)
        still = still + 0.1 if count == last else 0.0
        last = count
        await asyncio.sleep(0.1)
    return last


# --- Signals -----------------------------------------------------------------------------------------


async def test_300_signals_over_3_reconnects_store_the_limit_and_one_note(backend, settings):
    """The issue's finding: 300 signals over 3 reconnects stored 300 rows. Now: the limit, then one
    `signals_capped` row, then `signal_limit_reached` errors; the socket stays open."""
    settings.INTERVIEW_MAX_SIGNALS = 20
    settings.WS_MAX_FRAMES_PER_10S = 1000
    interview, token = await new_interview()
    errors = []
    for attempt in range(3):
        async with socket(chat_path(interview, token)) as ws:
            await hello(ws)
            for i in range(100):
                await send(ws, {"type": "signal", "name": "paste", "detail": f"{attempt}-{i}"})
            errors += await errors_until_pong(ws)
    signals = [s async for s in IntegritySignal.objects.filter(interview=interview).order_by("pk")]
    assert len(signals) == 21
    assert [s.name for s in signals[:20]] == ["paste"] * 20 and signals[20].name == "signals_capped"
    assert "limit of 20" in signals[20].detail
    assert len(errors) == 300 - 21 and {e["code"] for e in errors} == {"signal_limit_reached"}


async def test_signals_need_hello_first_and_a_small_detail(backend, settings):
    settings.INTERVIEW_SIGNAL_MAX_CHARS = 50
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await send(ws, {"type": "signal", "name": "tab_hidden"})
        assert (await ws.receive_json_from())["code"] == "hello_required"
        await hello(ws, start=False)  # the start page reports signals too
        await send(ws, {"type": "signal", "name": "paste", "detail": "x" * 51})
        assert (await ws.receive_json_from())["code"] == "signal_too_large"
        await send(ws, {"type": "signal", "name": "Tab Hidden!"})
        assert (await ws.receive_json_from())["code"] == "invalid_field"
        await send(ws, {"type": "signal", "name": "paste", "detail": "x" * 50})
        assert await errors_until_pong(ws) == []
    assert [s.detail async for s in IntegritySignal.objects.filter(interview=interview)] == ["x" * 50]


# --- Messages -------------------------------------------------------------------------------------------


async def test_396_messages_in_seconds_make_at_most_the_rate_of_turns_and_one_job_each(
    backend, settings, assessment_jobs
):
    """The issue's finding: 396 messages in 8 s made 297 turns and 297 assessment jobs. Now the rate per
    minute holds across reconnects, every refused message gets `rate_limited` with when to retry and
    which message it was, and each stored answer has exactly one job."""
    settings.INTERVIEW_MESSAGES_PER_MINUTE = 10
    settings.WS_MAX_FRAMES_PER_10S = 1000
    interview, token = await new_interview()
    errors = []
    for attempt in range(3):
        async with socket(chat_path(interview, token)) as ws:
            await hello(ws)
            for i in range(132):
                client_id = f"{attempt}-{i}"
                await send(ws, {"type": "candidate.message", "text": f"answer {client_id}", "client_id": client_id})
            errors += await errors_until_pong(ws)
    turns = await settled_candidate_turns(interview)
    assert 1 <= turns <= 20  # one minute's rate, or two when the flood straddles a minute boundary
    assert len(errors) >= 396 - 20 and {e["code"] for e in errors} == {"rate_limited"}
    assert all(1 <= e["retry_after_s"] <= 60 and e["client_id"] and "wait" in e["message"] for e in errors)
    answers = [t async for t in Turn.objects.filter(interview=interview, role="candidate").values_list("pk", flat=True)]
    assert sorted(assessment_jobs) == sorted(answers)


async def test_the_total_of_candidate_turns_holds_across_reconnects(backend, settings):
    settings.INTERVIEW_MAX_CANDIDATE_TURNS = 3
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        for i in range(3):
            await send(ws, {"type": "candidate.message", "text": f"My answer number {i}.", "client_id": f"a{i}"})
            await frames_until(ws, lambda f, i=i: is_turn("answer", "candidate")(f) and f"{i}." in f["text"])
        await send(ws, {"type": "candidate.message", "text": "One more.", "client_id": "a3"})
        error = (await errors_until_pong(ws))[0]
        assert (error["code"], error["client_id"]) == ("turn_limit_reached", "a3")
        assert "limit of 3 answers" in error["message"]
    async with socket(chat_path(interview, token)) as ws:  # a reconnect starts no new count
        await hello(ws, last_seq=100)
        await send(ws, {"type": "candidate.message", "text": "Again.", "client_id": "a4"})
        await send(ws, {"type": "candidate.message", "text": "My answer number 2.", "client_id": "a2"})  # a resend
        await send(ws, {"type": "candidate.partial", "text": "typing more"})
        codes = [e["code"] for e in await errors_until_pong(ws)]
        assert codes == ["turn_limit_reached", "turn_limit_reached"]  # the resend is no new answer
    assert await settled_candidate_turns(interview) == 3  # nothing stored was touched


# --- Connections ------------------------------------------------------------------------------------


async def test_connects_per_address_are_limited_with_an_error_then_4429(backend, settings):
    settings.WS_CONNECTS_PER_MINUTE_PER_IP = 3
    interview, token = await new_interview()
    for _ in range(3):
        async with socket(chat_path(interview, token)) as ws:
            await hello(ws, start=False)
    async with socket(chat_path(interview, token)) as ws:
        error = await ws.receive_json_from()
        assert error["code"] == "rate_limited" and 1 <= error["retry_after_s"] <= 60
        assert "reconnects by itself" in error["message"]
        assert await closed_with(ws) == 4429


async def test_a_socket_closed_for_flooding_cannot_come_straight_back(backend, settings):
    """The frame rate is per socket; a reconnect used to reset it. Now the interview waits out the window."""
    settings.WS_MAX_FRAMES_PER_10S = 5
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        for _ in range(6):
            await send(ws, {"type": "ping"})
        assert await closed_with(ws) == 4429
    async with socket(chat_path(interview, token)) as ws:
        error = await ws.receive_json_from()
        assert error["code"] == "rate_limited" and error["retry_after_s"] == 10
        assert await closed_with(ws) == 4429


# --- Assessment jobs -----------------------------------------------------------------------------------


async def test_an_answer_handed_in_twice_queues_one_assessment(assessment_jobs):
    interview, token = await new_interview()
    turn = await Turn.objects.acreate(interview=interview, seq=1, role="candidate", kind="answer", text="An answer.")

    def request_twice():
        analysis_services.answer_assessment_request(turn_id=turn.pk)
        analysis_services.answer_assessment_request(turn_id=turn.pk)

    await sync_to_async(request_twice)()
    assert assessment_jobs == [turn.pk]



async def test_with_the_counters_unavailable_the_candidate_is_not_refused(settings, caplog):
    settings.INTERVIEW_LIMITS_BACKEND = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    leases._clients.clear()
    interview, token = await new_interview()
    try:
        async with socket(chat_path(interview, token)) as ws:
            await hello(ws)
            await frames_until(ws, is_turn("greeting"))
            await send(ws, {"type": "signal", "name": "tab_hidden"})
            await send(ws, {"type": "candidate.message", "text": "My answer.", "client_id": "a1"})
            await frames_until(ws, is_turn("answer", "candidate"))
    finally:
        leases._clients.clear()
    assert await IntegritySignal.objects.filter(interview=interview).acount() == 1
    assert "counters are unavailable" in caplog.text
