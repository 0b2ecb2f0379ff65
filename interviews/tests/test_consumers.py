"""The candidate WebSocket end to end inside the process: the real ASGI app, in-memory channel layer."""

import asyncio
import json
from contextlib import asynccontextmanager

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore

from interview_site.asgi import application
from interviews.models import IntegritySignal, Interview, Turn
from interviews.selectors import CANDIDATE_SESSION_KEY

from .factories import RICH_ANSWERS, THIN_ANSWER, TOPICS, make_interview

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]
ORIGIN = (b"origin", b"http://testserver")


def chat_path(interview: Interview, token: str | None = None) -> str:
    path = f"/api/v1/interview/{interview.pk}/chat"
    return f"{path}?token={token}" if token is not None else path


@asynccontextmanager
async def socket(path: str, headers=()):
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN, *headers])
    connected, _ = await communicator.connect()
    assert connected
    try:
        yield communicator
    finally:
        await communicator.disconnect()


async def closed_with(communicator: WebsocketCommunicator) -> int:
    """Read until the server closes; return the close code."""
    while True:
        output = await communicator.receive_output(2)
        if output["type"] == "websocket.close":
            return output.get("code", 1000)


async def frames_until(communicator, predicate) -> list[dict]:
    """Frames received up to and including the first one matching `predicate`."""
    frames = []
    while True:
        frame = await communicator.receive_json_from(5)
        frames.append(frame)
        if predicate(frame):
            return frames


def is_turn(kind: str, role: str = "interviewer"):
    return lambda f: f["type"] == "turn" and f["kind"] == kind and f["role"] == role


async def send(communicator, frame: dict) -> None:
    await communicator.send_to(text_data=json.dumps(frame))


async def hello(communicator, last_seq: int = 0, *, start: bool = True) -> dict:
    """hello, and (unless start=False) the start page's `start` when the interview has not started."""
    await send(communicator, {"type": "hello", "last_seq": last_seq})
    session = await communicator.receive_json_from(5)
    assert session["type"] == "session"
    if start and session["status"] == "scheduled":
        await send(communicator, {"type": "start", "consent": True})
        session = await communicator.receive_json_from(5)
        assert session["type"] == "session"
    return session


async def new_interview(**kwargs):
    return await sync_to_async(make_interview)(**kwargs)


# --- Who may connect -----------------------------------------------------------------------------


async def test_bad_expired_missing_or_foreign_tokens_close_4401():
    interview, token = await new_interview()
    expired, expired_token = await new_interview(expires_in_hours=-1)
    other, other_token = await new_interview()
    for path in (
        chat_path(interview, "nope"),
        chat_path(interview),
        chat_path(expired, expired_token),
        chat_path(interview, other_token),
    ):
        async with socket(path) as ws:
            assert await closed_with(ws) == 4401


async def test_unknown_interview_closes_like_a_wrong_token():
    # One code for both, so that probing ids does not reveal which interviews exist.
    interview, token = await new_interview()
    for path in (
        f"/api/v1/interview/{interview.pk + 1000}/chat?token={token}",
        f"/api/v1/interview/{interview.pk + 1000}/chat?token=nope",
        f"/api/v1/interview/{interview.pk + 1000}/chat",
    ):
        async with socket(path) as ws:
            assert await closed_with(ws) == 4401


async def test_ended_interview_closes_4410():
    interview, token = await new_interview(status="ended")
    async with socket(chat_path(interview, token)) as ws:
        assert await closed_with(ws) == 4410


async def test_the_candidate_page_session_authenticates_the_socket():
    interview, _ = await new_interview()

    def make_session():
        session = SessionStore()
        session[CANDIDATE_SESSION_KEY] = {str(interview.pk): interview.token_hash}
        session.create()
        return session.session_key

    key = await sync_to_async(make_session)()
    cookie = (b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={key}".encode())
    async with socket(chat_path(interview), headers=[cookie]) as ws:
        session = await hello(ws)
        assert session["interview_id"] == interview.pk


async def test_a_newer_socket_replaces_the_older_with_4409():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as older:
        async with socket(chat_path(interview, token)) as newer:
            assert await closed_with(older) == 4409
            await send(newer, {"type": "ping"})
            assert await newer.receive_json_from() == {"type": "pong"}


async def test_an_older_socket_that_announces_late_is_told_again_to_close():
    """Two tabs opened at once: the older socket can join the group after the newer one announced
    itself, and announce itself late. The newer answers with its own announcement again, which the
    older one (here a bare channel standing in for it) receives and closes on."""
    from channels.layers import get_channel_layer

    from interviews.events import group_name, send_replaced

    interview, token = await new_interview()
    layer = get_channel_layer()
    async with socket(chat_path(interview, token)) as newer:
        await send(newer, {"type": "ping"})
        assert await newer.receive_json_from() == {"type": "pong"}  # connected and in the group
        older = await layer.new_channel()
        await layer.group_add(group_name(interview.pk), older)
        await send_replaced(interview.pk, older, opened_at=0.0)  # the late announcement of an older socket

        while (event := await asyncio.wait_for(layer.receive(older), 3))["channel_name"] == older:
            pass  # its own announcement, back from the group
        assert event["type"] == "interview.replaced" and event["opened_at"] > 0.0, "the newer one said it again"
        await send(newer, {"type": "ping"})
        assert await newer.receive_json_from() == {"type": "pong"}, "and the newer socket stays open"


# --- Frames the server refuses -------------------------------------------------------------------


async def test_oversize_frame_closes_4413(settings):
    settings.WS_MAX_FRAME_BYTES = 1000
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await ws.send_to(text_data=json.dumps({"type": "ping", "pad": "é" * 600}))
        assert await closed_with(ws) == 4413


async def test_flooding_closes_4429(settings):
    settings.WS_MAX_FRAMES_PER_10S = 5
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        for _ in range(6):
            await send(ws, {"type": "ping"})
        for _ in range(5):
            assert await ws.receive_json_from() == {"type": "pong"}
        assert await closed_with(ws) == 4429


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "invalid_json"),
        ("[1, 2]", "invalid_frame"),
        ('{"last_seq": 0}', "missing_field"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "hello"}', "missing_field"),
        ('{"type": "hello", "last_seq": "0"}', "invalid_field"),
        ('{"type": "hello", "last_seq": -1}', "invalid_field"),
        ('{"type": "candidate.message", "text": "hi", "client_id": "c"}', "hello_required"),
        ('{"type": "signal", "name": "tab_hidden"}', "hello_required"),
    ],
)
async def test_bad_frames_get_an_error_and_keep_the_connection(raw, code):
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await ws.send_to(text_data=raw)
        error = await ws.receive_json_from()
        assert error["type"] == "error" and error["code"] == code and error["message"]
        await send(ws, {"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong"}


async def test_bad_answers_get_specific_errors():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        cases = [
            ({"text": " \u200b\u200d ", "client_id": "c1"}, "empty_message"),
            ({"text": "x" * 10_001, "client_id": "c1"}, "message_too_long"),
            ({"text": "fine", "client_id": "c" * 65}, "invalid_field"),
        ]
        is_error = lambda f: f["type"] == "error"  # noqa: E731
        for fields, code in cases:
            await send(ws, {"type": "candidate.message", **fields})
            assert (await frames_until(ws, is_error))[-1]["code"] == code
        await send(ws, {"type": "code.submit", "language": "python", "code": "", "client_id": "k"})
        assert (await frames_until(ws, is_error))[-1]["code"] == "no_coding_task"
        await send(ws, {"type": "candidate.partial", "text": 5})
        assert (await frames_until(ws, is_error))[-1]["code"] == "invalid_field"
    assert not await Turn.objects.filter(role="candidate").aexists()


# --- Start when ready -------------------------------------------------------------------------------


async def test_hello_before_start_shows_the_start_page_with_no_clock_and_no_greeting():
    interview, token = await new_interview(duration_minutes=20)
    async with socket(chat_path(interview, token)) as ws:
        session = await hello(ws, start=False)
        assert session == {
            "type": "session",
            "interview_id": interview.pk,
            "status": "scheduled",
            "phase": "waiting",
            "time_left_s": 20 * 60,
            "last_seq": 0,
            "progress": {"question": 0, "of": 2, "part": "introduction"},
        }
        assert await ws.receive_nothing(1.2)  # no greeting, no state: nothing runs yet
        await send(ws, {"type": "candidate.message", "text": "Hello?", "client_id": "early"})
        assert (await ws.receive_json_from(5))["code"] == "not_started"
    # The clock did not run: a second visit still has the whole duration.
    async with socket(chat_path(interview, token)) as ws:
        assert (await hello(ws, start=False))["time_left_s"] == 20 * 60
    interview = await Interview.objects.aget(pk=interview.pk)
    assert (interview.status, interview.started_at, interview.consented_at) == ("scheduled", None, None)
    assert not await Turn.objects.filter(interview=interview).aexists()


async def test_start_needs_hello_and_consent():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await send(ws, {"type": "start", "consent": True})
        assert (await ws.receive_json_from(5))["code"] == "hello_required"
        await hello(ws, start=False)
        for frame in ({"type": "start"}, {"type": "start", "consent": False}, {"type": "start", "consent": "yes"}):
            await send(ws, frame)
            error = await ws.receive_json_from(5)
            assert (error["type"], error["code"]) == ("error", "consent_required")
    interview = await Interview.objects.aget(pk=interview.pk)
    assert (interview.status, interview.consented_at) == ("scheduled", None)


async def test_start_records_consent_starts_the_clock_and_greets_once():
    interview, token = await new_interview(duration_minutes=20)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws, start=False)
        await send(ws, {"type": "start", "consent": True})
        session = await ws.receive_json_from(5)
        assert (session["type"], session["status"], session["phase"]) == ("session", "in_progress", "greeting")
        assert 20 * 60 - 2 <= session["time_left_s"] <= 20 * 60
        greeting = (await frames_until(ws, is_turn("greeting")))[-1]
        assert "AI" in greeting["text"]
        stored = await Interview.objects.aget(pk=interview.pk)
        assert stored.consented_at is not None and stored.started_at is not None
        assert stored.consented_at <= stored.started_at
        await send(ws, {"type": "start", "consent": True})  # a repeated start is ignored
        await send(ws, {"type": "ping"})
        assert (await ws.receive_json_from(5)) == {"type": "pong"}
    again = await Interview.objects.aget(pk=interview.pk)
    assert (again.consented_at, again.started_at) == (stored.consented_at, stored.started_at)
    assert await Turn.objects.filter(interview=interview, kind="greeting").acount() == 1


async def test_a_reconnect_after_start_resumes_without_a_second_start():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
    async with socket(chat_path(interview, token)) as ws:
        session = await hello(ws, last_seq=1, start=False)
        assert session["status"] == "in_progress"
        await send(ws, {"type": "start", "consent": True})  # a page that sends it anyway changes nothing
        await send(ws, {"type": "candidate.message", "text": RICH_ANSWERS[0], "client_id": "a1"})
        assert (await frames_until(ws, is_turn("answer", "candidate")))[-1]["client_id"] == "a1"


# --- The conversation ----------------------------------------------------------------------------


async def test_hello_then_replay_of_missed_turns_in_order():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        session = await hello(ws)
        assert session == {
            "type": "session",
            "interview_id": interview.pk,
            "status": "in_progress",
            "phase": "greeting",
            "time_left_s": session["time_left_s"],
            "last_seq": 0,
            "progress": {"question": 0, "of": 2, "part": "introduction"},
        }
        assert 1790 <= session["time_left_s"] <= 1800
        frames = await frames_until(ws, is_turn("greeting"))
        greeting = frames[-1]
        deltas = [f for f in frames if f["type"] == "interviewer.delta"]
        assert "".join(d["text"] for d in deltas) == greeting["text"] and greeting["seq"] == 1
        await send(ws, {"type": "candidate.message", "text": f"  {THIN_ANSWER}\u200b ", "client_id": "c1"})
        frames = await frames_until(ws, is_turn("question"))
        assert [f["seq"] for f in frames if f["type"] == "turn"] == [2, 3]
        answer = next(f for f in frames if f["type"] == "turn")
        assert answer == {
        "type": "turn", "seq": 2, "role": "candidate", "kind": "answer", "text": THIN_ANSWER, "client_id": "c1"
    }

    async with socket(chat_path(interview, token)) as ws:
        session = await hello(ws, last_seq=0)
        assert (session["last_seq"], session["phase"]) == (3, "topics")
        replay = [await ws.receive_json_from() for _ in range(3)]
        assert [(f["type"], f["seq"]) for f in replay] == [("turn", 1), ("turn", 2), ("turn", 3)]
        assert replay[0]["text"] == greeting["text"]

    async with socket(chat_path(interview, token)) as ws:
        await hello(ws, last_seq=2)
        only = await ws.receive_json_from()
        assert (only["seq"], only["kind"]) == (3, "question")
        assert await ws.receive_nothing(0.1)


async def test_a_reconnect_mid_turn_gets_the_turn_from_its_start(settings):
    settings.LLM_MAIN = "offline?tokens_per_s=100"
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, lambda f: f["type"] == "interviewer.delta" and f["offset"] > 0)
    await asyncio.sleep(0.05)  # the greeting goes on streaming with no socket at all

    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        frames = await frames_until(ws, is_turn("greeting"))
        deltas = [f for f in frames if f["type"] == "interviewer.delta"]
        assert deltas[0]["offset"] == 0 and len(deltas[0]["text"]) > 0
        assert "".join(d["text"] for d in deltas) == frames[-1]["text"]


async def test_a_dropped_socket_does_not_stop_the_turn(settings):
    settings.LLM_MAIN = "offline?tokens_per_s=200"
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, lambda f: f["type"] == "interviewer.delta")
    for _ in range(200):
        turn = await Turn.objects.filter(interview=interview, seq=1).afirst()
        if turn.status == "complete":
            break
        await asyncio.sleep(0.02)
    assert turn.status == "complete" and "AI interviewer" in turn.text


async def test_a_whole_short_interview_over_the_socket(report_tasks, settings):
    settings.SURPRISE_QUESTIONS_MAX = 0
    interview, token = await new_interview(topics=TOPICS[:1])
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await send(ws, {"type": "signal", "name": "tab_hidden", "detail": {"ms": 1200}})
        await send(ws, {"type": "candidate.message", "text": RICH_ANSWERS[2], "client_id": "a0"})
        await send(ws, {"type": "candidate.message", "text": RICH_ANSWERS[2], "client_id": "a0"})  # a resend
        await frames_until(ws, is_turn("question"))
        await send(ws, {"type": "candidate.message", "text": RICH_ANSWERS[0], "client_id": "a1"})
        await frames_until(ws, is_turn("question"))
        await send(ws, {"type": "candidate.message", "text": "No questions, thank you.", "client_id": "a2"})
        frames = await frames_until(ws, lambda f: f["type"] == "ended")
        assert frames[-1] == {"type": "ended", "reason": "completed"}
        assert any(f["type"] == "turn" and f["kind"] == "closing" for f in frames)
        assert await closed_with(ws) == 1000
    interview = await Interview.objects.aget(pk=interview.pk)
    assert (interview.status, interview.end_reason) == ("ended", "completed") and report_tasks == [interview.pk]
    assert await Turn.objects.filter(interview=interview, role="candidate").acount() == 3
    signal = await IntegritySignal.objects.aget(interview=interview)
    assert (signal.name, signal.detail) == ("tab_hidden", '{"ms": 1200}')


async def test_the_candidate_ends_over_the_socket():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await send(ws, {"type": "end"})
        frames = await frames_until(ws, lambda f: f["type"] == "ended")
        assert frames[-1]["reason"] == "candidate_ended"
        assert [f["kind"] for f in frames if f["type"] == "turn"] == ["closing"]
        assert await closed_with(ws) == 1000


async def test_ping_pong_needs_no_hello():
    interview, token = await new_interview()
    async with socket(chat_path(interview, token)) as ws:
        await send(ws, {"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong"}
        assert await (await Interview.objects.aget(pk=interview.pk)).turns.aexists() is False
