"""The real-time interview engine across real processes: two Daphne servers sharing PostgreSQL and the
Redis channel layer. Barge-in, a reconnect to the other server mid-turn, the lease handing over when
the conducting server is killed (-9), the newest socket winning across servers, idempotent resends."""

import asyncio
import json
import os
import signal
import time
from contextlib import ExitStack
from dataclasses import dataclass

import pytest
import websockets
from django.conf import settings

from interviews.models import ConductorLease, Turn
from interviews.tests.factories import RICH_ANSWERS, TOPICS, make_interview

from . import live
from .conftest import require_real_services

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]
WARM_UP = "I lead a small platform team at Acme; lately I have been moving our billing jobs onto Celery."
SLOW_MODEL = "offline?tokens_per_s=25"


@dataclass
class Server:
    port: int
    proc: object

    def url(self, interview, token: str) -> str:
        return f"ws://127.0.0.1:{self.port}/api/v1/interview/{interview.pk}/chat?token={token}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def redis_env() -> dict[str, str]:
    """REDIS_URL for the servers with a socket timeout above channels_redis's 5 s blocking pop: redis-py 8
    defaults to 5 s too, and an idle socket's receive then fails with 1011 (until settings pass it)."""
    url = os.environ["REDIS_URL"]
    if "socket_timeout" not in url:
        url += ("&" if "?" in url else "?") + "socket_timeout=15&max_connections=1000"
    return {"REDIS_URL": url, "CELERY_BROKER_URL": os.environ["REDIS_URL"]}


@pytest.fixture
def servers(transactional_db, tmp_path):
    """Two Daphne processes on the test database and the Redis channel layer, the model slow enough to
    be interrupted (25 tokens a second)."""
    require_real_services()
    env = live.process_env(settings.DATABASES["default"], tmp_path / "media", LLM_MAIN=SLOW_MODEL, **redis_env())
    with ExitStack() as stack:
        started = []
        for name in ("a", "b"):
            port = live.free_port()
            proc = stack.enter_context(live.running(live.daphne_args(port), env, tmp_path / f"{name}.log", port=port))
            started.append(Server(port, proc))
        yield started


class Candidate:
    """One candidate's socket: frames in order, helpers to wait for the ones that matter."""

    def __init__(self, ws):
        self.ws, self.frames = ws, []

    @classmethod
    async def connect(cls, server: Server, interview, token: str, last_seq: int = 0) -> "Candidate":
        ws = await websockets.connect(server.url(interview, token), origin=server.origin, open_timeout=10)
        candidate = cls(ws)
        await candidate.send(type="hello", last_seq=last_seq)
        await candidate.send(type="start", consent=True)  # starts a scheduled interview; ignored once started
        assert (await candidate.until(lambda f: f["type"] == "session"))["type"] == "session"
        return candidate

    async def send(self, **frame) -> None:
        await self.ws.send(json.dumps(frame))

    async def until(self, predicate, timeout_s: float = 30) -> dict:
        deadline = time.monotonic() + timeout_s
        while True:
            frame = json.loads(await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.monotonic())))
            self.frames.append(frame)
            if predicate(frame):
                return frame

    def shown(self, seq: int) -> str:
        text = ""
        for f in self.frames:
            if f["type"] == "interviewer.delta" and f["seq"] == seq:
                text = text[: f["offset"]] + f["text"]
        return text


def turn(kind: str, role: str = "interviewer"):
    return lambda f: f["type"] == "turn" and f["kind"] == kind and f["role"] == role


def test_barge_in_cancels_the_turn_and_keeps_only_what_was_sent(servers):
    interview, token = make_interview(topics=TOPICS[:2])

    async def play():
        me = await Candidate.connect(servers[0], interview, token)
        await me.until(lambda f: f["type"] == "interviewer.delta" and "AI" in me.shown(1))
        await me.send(type="candidate.message", text=WARM_UP, client_id="w")
        cancelled = await me.until(lambda f: f["type"] == "interviewer.cancelled")
        cut = await me.until(lambda f: f["type"] == "turn" and f["seq"] == cancelled["seq"])
        await me.until(turn("question"))
        await me.ws.close()
        return me, cut

    me, cut = asyncio.run(play())
    stored = Turn.objects.get(interview=interview, seq=cut["seq"])
    assert stored.status == "cancelled" and stored.text == cut["text"] == me.shown(cut["seq"])
    assert 0 < len(stored.text) and "?" not in stored.text


def test_a_reconnect_to_the_other_server_mid_turn_resumes_the_turn(servers):
    interview, token = make_interview(topics=TOPICS[:2])
    a, b = servers

    async def play():
        first = await Candidate.connect(a, interview, token)  # server a conducts the interview
        await first.until(lambda f: f["type"] == "interviewer.delta" and f["offset"] > 30)
        seen_before = first.shown(1)
        await first.ws.close()
        await asyncio.sleep(0.3)
        second = await Candidate.connect(b, interview, token)
        greeting = await second.until(turn("greeting"))
        deltas = [f for f in second.frames if f["type"] == "interviewer.delta"]
        await second.send(type="candidate.message", text=WARM_UP, client_id="w")  # heard by a, through Redis
        question = await second.until(turn("question"))
        await second.ws.close()
        return seen_before, deltas, greeting, question

    seen_before, deltas, greeting, question = asyncio.run(play())
    assert deltas[0]["offset"] == 0 and deltas[0]["text"].startswith(seen_before)  # from its start
    assert "".join(d["text"] for d in deltas) == greeting["text"] == Turn.objects.get(interview=interview, seq=1).text
    assert TOPICS[0]["question"] in question["text"]
    assert ConductorLease.objects.count() == 0  # with Redis, the lease lives in Redis, not in a table


def test_the_lease_hands_over_when_the_conducting_server_is_killed(servers):
    interview, token = make_interview(topics=TOPICS[:2])
    a, b = servers

    async def play():
        first = await Candidate.connect(a, interview, token)
        await first.until(turn("greeting"))
        second = await Candidate.connect(b, interview, token)  # the newest socket wins, across servers
        closed = None
        try:
            await first.until(lambda f: False, timeout_s=10)
        except websockets.ConnectionClosed as error:
            closed = error.rcvd.code if error.rcvd else None
        os.kill(a.proc.pid, signal.SIGKILL)  # server a dies with the lease: nobody conducts for a while
        started = time.monotonic()
        await second.send(type="candidate.message", text=WARM_UP, client_id="w")
        question = await second.until(turn("question"), timeout_s=40)
        took_s = time.monotonic() - started
        await second.ws.close()
        return closed, second, question, took_s

    closed, second, question, took_s = asyncio.run(play())
    assert closed == 4409
    assert TOPICS[0]["question"] in question["text"] and took_s < 20
    answers = Turn.objects.filter(interview=interview, role="candidate")
    assert [a.client_id for a in answers] == ["w"]  # handed over once, stored once
    seqs = list(Turn.objects.filter(interview=interview).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_resent_answer_is_stored_once_on_either_server(servers):
    interview, token = make_interview(topics=TOPICS[:2])
    a, b = servers

    async def play():
        me = await Candidate.connect(a, interview, token)
        greeting = await me.until(turn("greeting"))
        await me.send(type="candidate.message", text=WARM_UP, client_id="same")
        await me.send(type="candidate.message", text=WARM_UP, client_id="same")
        await me.until(lambda f: f["type"] == "turn" and f.get("client_id") == "same")
        await me.ws.close()
        again = await Candidate.connect(b, interview, token, last_seq=greeting["seq"])
        await again.send(type="candidate.message", text=WARM_UP, client_id="same")  # the page resends it
        question = await again.until(turn("question"))
        await asyncio.sleep(1.0)
        await again.ws.close()
        return question, again

    question, again = asyncio.run(play())
    assert Turn.objects.filter(interview=interview, role="candidate").count() == 1
    assert Turn.objects.filter(interview=interview, kind="question").count() == 1
    assert TOPICS[0]["question"] in question["text"] and RICH_ANSWERS
