"""The candidate WebSocket in real time (in-process, in-memory channel layer): barge-in, partials, fillers,
coding, expired links; and a conductor in "another process" — it holds the lease under another
owner and hears the socket only through the channel layer — including its death and the takeover."""

import asyncio
import time

import pytest
from asgiref.sync import sync_to_async

from interviews import hosting
from interviews.conductor import Conductor
from interviews.conductor.lease import Lease
from interviews.events import GroupEmitter
from interviews.models import Turn

from .factories import CODING_TASK, RICH_ANSWERS, TOPICS, make_interview
from .test_consumers import chat_path, closed_with, frames_until, hello, is_turn, send, socket

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]
WARM_UP = "I lead a small platform team at Acme; lately I have been moving our billing jobs onto Celery."


@pytest.fixture
async def elsewhere():
    """Start conductors as if in another process; each dies (without releasing its lease) at the end."""
    started: list[Conductor] = []

    async def start(interview, *, ttl_s: float = 30.0) -> Conductor:
        lease = Lease(interview.pk, owner="another-process:1", ttl_s=ttl_s)
        assert await lease.acquire()
        # Its frames reach this process's sockets only through the channel layer, as from elsewhere.
        emitter = GroupEmitter(interview.pk, origin="another-process:1", local=False)
        conductor = Conductor(interview.pk, emitter=emitter, lease=lease)
        await conductor.hello()
        conductor.attach(asyncio.create_task(hosting._inbox(conductor, emitter)))
        started.append(conductor)
        return conductor

    yield start
    for conductor in started:
        await conductor.aclose(release=False)


async def new_interview(**kwargs):
    return await sync_to_async(make_interview)(**kwargs)


def delta_of(seq: int):
    return lambda f: f["type"] == "interviewer.delta" and f["seq"] == seq


def shown(frames: list[dict], seq: int) -> str:
    """What a page shows for `seq` after these frames (each delta written at its offset)."""
    text = ""
    for f in frames:
        if f["type"] == "interviewer.delta" and f["seq"] == seq:
            text = text[: f["offset"]] + f["text"]
    return text


# --- In this process ----------------------------------------------------------------------------------


async def test_a_message_while_the_interviewer_streams_cancels_it(settings):
    settings.LLM_MAIN = "offline?tokens_per_s=40"
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        before = await frames_until(ws, lambda f: f["type"] == "interviewer.delta" and "AI" in f["text"])
        await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})
        frames = before + await frames_until(ws, lambda f: f["type"] == "interviewer.cancelled")
        cut = (await frames_until(ws, lambda f: f["type"] == "turn" and f["seq"] == 1))[-1]
        assert cut["text"] == shown(frames, 1) and cut["text"].endswith(shown(frames, 1)[-5:])
        stored = await Turn.objects.aget(interview=interview, seq=1)
        assert stored.status == "cancelled" and stored.text == cut["text"]
        await frames_until(ws, lambda f: f["type"] == "turn" and f.get("client_id") == "w")
        await frames_until(ws, delta_of(3))


async def test_a_partial_that_settles_is_the_answer(settings):
    settings.END_OF_TURN_MS = 200
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await send(ws, {"type": "candidate.partial", "text": "I lead a"})
        await send(ws, {"type": "candidate.partial", "text": " I lead a small\u200b team "})
        answer = (await frames_until(ws, is_turn("answer", role="candidate")))[-1]
        assert answer["text"] == "I lead a small team" and answer["client_id"].startswith("eot-")
        await frames_until(ws, is_turn("question"))


async def test_a_slow_model_gets_a_filler_in_time(settings):
    settings.LLM_MAIN = "offline?ttft_ms=1200"
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        sent_at = time.monotonic()
        await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})
        frames = await frames_until(ws, lambda f: f["type"] in ("interviewer.filler", "interviewer.delta"))
        assert frames[-1]["type"] == "interviewer.filler" and time.monotonic() - sent_at <= 0.7
        frames = await frames_until(ws, is_turn("question"))
        assert not [f for f in frames if f["type"] == "interviewer.filler"]  # one filler, not two


async def test_the_coding_task_over_the_socket_and_after_a_reconnect(settings):
    settings.SURPRISE_QUESTIONS_MAX = 0
    interview, token = await new_interview(topics=[], coding_task=CODING_TASK)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})
        task = (await frames_until(ws, lambda f: f["type"] == "code.task"))[-1]
        assert task["prompt"] == CODING_TASK["prompt"] and "SECRET" not in str(task)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws, last_seq=task["seq"])
        assert (await ws.receive_json_from(5)) == task  # the task again: the page rebuilds its panel
        await send(ws, {"type": "code.submit", "language": "Python", "code": "  ", "client_id": "k0"})
        assert (await ws.receive_json_from(5))["code"] == "empty_code"
        code = "def merge_intervals(intervals):\n    return intervals\n"
        await send(ws, {"type": "code.submit", "language": "Python", "code": code, "client_id": "k1"})
        frames = await frames_until(ws, is_turn("question"))
        stored = [f for f in frames if f["type"] == "turn" and f["role"] == "candidate"]
        assert stored[0]["kind"] == "code" and stored[0]["text"] == code
    turn = await Turn.objects.aget(interview=interview, client_id="k1")
    assert turn.meta == {"language": "python"}


async def test_an_interview_under_way_reconnects_after_its_link_expired():
    interview, token = await new_interview(status="in_progress", expires_in_hours=-1)
    async with socket(chat_path(interview, token)) as ws:
        session = await hello(ws)
        assert session["status"] == "in_progress"
    scheduled, scheduled_token = await new_interview(expires_in_hours=-1)
    async with socket(chat_path(scheduled, scheduled_token)) as ws:
        assert await closed_with(ws) == 4401  # an expired link still cannot start an interview


# --- A conductor in another process ---------------------------------------------------------------------


async def test_a_socket_talks_to_a_conductor_in_another_process(elsewhere):
    interview, token = await new_interview(topics=TOPICS[:1])
    conductor = await elsewhere(interview)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})
        frames = await frames_until(ws, is_turn("question"))
        assert any(f["type"] == "turn" and f.get("client_id") == "w" for f in frames)
        await send(ws, {"type": "end"})
        assert (await frames_until(ws, lambda f: f["type"] == "ended"))[-1]["reason"] == "candidate_ended"
    assert conductor.done and hosting.conductor_get(interview.pk) is None  # nothing ran in "this" process


async def test_a_reconnect_to_another_process_mid_turn_gets_the_turn_from_its_start(elsewhere, settings):
    settings.LLM_MAIN = "offline?tokens_per_s=60"
    interview, token = await new_interview()
    await elsewhere(interview)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        first = await frames_until(ws, lambda f: f["type"] == "interviewer.delta" and f["offset"] > 20)
    await asyncio.sleep(0.2)  # the greeting goes on streaming with no socket at all
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        frames = await frames_until(ws, is_turn("greeting"))
    deltas = [f for f in frames if f["type"] == "interviewer.delta"]
    assert deltas[0]["offset"] == 0 and len(deltas[0]["text"]) > len(shown(first, 1))
    assert "".join(d["text"] for d in deltas) == frames[-1]["text"] == shown(frames, 1)


async def test_the_lease_hands_over_when_the_conducting_process_dies(elsewhere, settings):
    settings.CONDUCTOR_LEASE_S = 0.6
    interview, token = await new_interview()
    conductor = await elsewhere(interview, ttl_s=0.6)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await conductor.aclose(release=False)  # the other process is killed: its lease just expires
        await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})  # heard by nobody
        frames = await frames_until(ws, is_turn("question"))  # this process took over, with the answer
        assert any(f["type"] == "turn" and f.get("client_id") == "w" for f in frames)
        here = hosting.conductor_get(interview.pk)
        assert here is not None and not here.done
    turns = await sync_to_async(list)(Turn.objects.filter(interview=interview).order_by("seq"))
    assert [(t.seq, t.role, t.kind) for t in turns] == [
        (1, "interviewer", "greeting"), (2, "candidate", "answer"), (3, "interviewer", "question")
    ]  # fmt: skip


async def test_the_newest_socket_wins_across_processes(elsewhere):
    interview, token = await new_interview()
    await elsewhere(interview)
    async with socket(chat_path(interview, token)) as older:
        await hello(older)
        async with socket(chat_path(interview, token)) as newer:
            assert await closed_with(older) == 4409
            await hello(newer)
            await send(newer, {"type": "candidate.message", "text": RICH_ANSWERS[2], "client_id": "x"})
            await frames_until(newer, is_turn("question"))


# --- The lease ---------------------------------------------------------------------------------------------


async def test_the_lease_is_exclusive_renewed_and_expires(settings):
    settings.CONDUCTOR_LEASE_BACKEND = "db"
    interview, _ = await new_interview()
    first, second = Lease(interview.pk, owner="a", ttl_s=0.5), Lease(interview.pk, owner="b", ttl_s=0.5)
    assert await first.acquire() and first.valid()
    assert not await second.acquire() and not second.valid()
    assert await first.renew() and await first.acquire()  # taking it again is renewing it
    await asyncio.sleep(0.6)
    assert not first.valid()  # it knows on its own, before any renewal fails
    assert await second.acquire()
    assert not await first.renew()
    await first.release()  # not its lease any more: nothing happens
    assert not await first.acquire()
    await second.release()
    assert await first.acquire()


def test_a_socket_shows_each_piece_once_and_restarts_a_regenerated_turn():
    from interviews.catchup import SocketView

    view = SocketView()
    view.replayed(2)
    assert view.unseen({"type": "turn", "seq": 2, "role": "interviewer", "kind": "question", "text": "x"}) is None
    assert view.live(3, "Hello the", "s1") == {"type": "interviewer.delta", "seq": 3, "text": "Hello the", "offset": 0}
    piece = {"type": "interviewer.delta", "seq": 3, "offset": 6, "text": "there, ", "_stream": "s1"}
    assert view.unseen(piece) == {"type": "interviewer.delta", "seq": 3, "offset": 9, "text": "re, "}
    assert view.unseen(piece) is None  # already shown
    again = {"type": "interviewer.delta", "seq": 3, "offset": 0, "text": "Hi", "_stream": "s2"}
    assert view.unseen(again) == {"type": "interviewer.delta", "seq": 3, "offset": 0, "text": "Hi"}  # starts over
    view.answered("c1", "my answer")
    view.unseen({"type": "turn", "seq": 4, "role": "candidate", "kind": "answer", "text": "a", "client_id": "c1"})
    assert view.unacked == {}
