"""interview_cli: its conversation loop against the real consumer in-process, and its URL handling.

The command's own socket (the `websockets` package against a running Daphne) is the one part not
run here: that needs a live server, and is the end-to-end smoke test.
"""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.management.base import CommandError

from interview_site.asgi import application
from interviews.management.commands.interview_cli import Conversation, resolve
from interviews.models import Interview

from .factories import RICH_ANSWERS, THIN_ANSWER, TOPICS, make_interview

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]


class CommunicatorConnection:
    """What the CLI needs of a websockets connection (`send`, `recv`), over a test communicator."""

    def __init__(self, communicator: WebsocketCommunicator):
        self.communicator = communicator

    async def send(self, text: str) -> None:
        await self.communicator.send_to(text_data=text)

    async def recv(self) -> str:
        return await self.communicator.receive_from(10)


async def talk(answers: list[str | None], **interview_fields) -> tuple[str, str, Interview]:
    interview, token = await sync_to_async(make_interview)(**interview_fields)
    path = f"/api/v1/interview/{interview.pk}/chat?token={token}"
    communicator = WebsocketCommunicator(application, path, headers=[(b"origin", b"http://testserver")])
    assert (await communicator.connect())[0]
    lines: asyncio.Queue = asyncio.Queue()
    for answer in answers:
        lines.put_nowait(answer)
    printed: list[str] = []
    try:
        conversation = Conversation(CommunicatorConnection(communicator), lines, printed.append, echo_answers=True)
        reason = await conversation.run()
    finally:
        await communicator.disconnect()
    return reason, "".join(printed), await Interview.objects.aget(pk=interview.pk)


async def test_piped_answers_take_the_whole_interview():
    answers = ["I lead a small platform team at Acme.", THIN_ANSWER, "", RICH_ANSWERS[0], RICH_ANSWERS[2],
               RICH_ANSWERS[1], "No questions, thanks."]
    reason, output, interview = await talk(answers, topics=TOPICS[:2])
    assert reason == "completed" and interview.end_reason == "completed"
    assert "Interviewer: Hello" in output and "AI interviewer" in output
    assert f"You: {THIN_ANSWER}" in output and TOPICS[1]["question"] in output
    assert output.rstrip().endswith("[interview ended: completed]")
    # greeting (with warm-up), question, follow-up, surprise, question, your questions, closing: each once
    assert output.count("Interviewer:") == 7


async def test_end_of_input_or_slash_end_ends_the_interview():
    reason, output, _ = await talk([None])
    assert reason == "candidate_ended" and "stop here" in output
    reason, _, _ = await talk([RICH_ANSWERS[0], "/end"])
    assert reason == "candidate_ended"


def test_resolve_builds_the_socket_url_from_the_candidate_link(db):
    interview, token = make_interview()
    ws_url, origin = resolve(f"http://127.0.0.1:8000/i/{token}/", None)
    assert ws_url == f"ws://127.0.0.1:8000/api/v1/interview/{interview.pk}/chat?token={token}"
    assert origin == "http://127.0.0.1:8000"
    ws_url, origin = resolve(f"https://interviews.example.com/i/{token}", None)
    assert ws_url.startswith("wss://interviews.example.com/") and origin == "https://interviews.example.com"


def test_resolve_takes_an_explicit_socket_url_and_refuses_nonsense(db):
    assert resolve(None, "wss://h.example/api/v1/interview/7/chat?token=t") == (
        "wss://h.example/api/v1/interview/7/chat?token=t",
        "https://h.example",
    )
    for url, ws in [(None, None), ("http://h/x/", None), ("ftp://h/i/abc/", None), (None, "http://h/chat")]:
        with pytest.raises(CommandError):
            resolve(url, ws)
