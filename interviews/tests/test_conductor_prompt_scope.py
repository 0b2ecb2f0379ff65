"""The interviewer model sees the current topic, never the plan (issue 13): through the real conductor,
gateway and Anthropic SDK, with Claude answered from recordings (`claude_server`), what each
interviewer call was sent holds its own topic's question and a count of the topics left, and none of
the questions still to come, which a candidate could otherwise talk the model into revealing."""

import json

import pytest
from asgiref.sync import sync_to_async

from llm.tests.recordings import anthropic_events

from .factories import TOPICS, make_interview
from .test_conductor import WARM_UP, answer, started

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]

REPLIES = [
    "Hello, I'm an AI interviewer for this role. What have you been working on lately?",
    "Moving billing jobs onto Celery sounds like a big change. How would you design a REST API for a booking system?",
]


def _sent_text(body: dict) -> str:
    system = body["system"] if isinstance(body["system"], str) else "".join(b["text"] for b in body["system"])
    messages = [m["content"] if isinstance(m["content"], str) else "".join(b.get("text", "") for b in m["content"])
                for m in body["messages"]]
    return "\n".join([system, *messages])


@pytest.fixture
def main_model(claude_server, settings):
    settings.LLM_MINI = "offline"  # fillers and follow-up decisions stay offline; the turns are Claude's
    for reply in REPLIES:
        claude_server.stream(anthropic_events([reply[:30], reply[30:]]))
    return claude_server


async def test_each_interviewer_call_holds_its_topic_and_none_of_the_questions_to_come(main_model):
    interview, _ = await sync_to_async(make_interview)(topics=TOPICS)
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    asked = await answer(conductor, emitter, WARM_UP, "c1", "question")
    await conductor.aclose()

    assert asked["text"] == REPLIES[1]  # the model's words reached the candidate
    calls = [json.loads(r.content) for r in main_model.requests]
    turns = [_sent_text(b) for b in calls if "You are the interviewer" in _sent_text(b)]
    greeting, first_topic = turns[:2]
    # The greeting knows how many topics there are, and no question at all.
    assert "3 topics" in greeting and not any(t["question"] in greeting for t in TOPICS)
    # The first topic's turn: its question, how many are left, and not the two questions still to come.
    assert TOPICS[0]["question"] in first_topic and "Topics left after this one: 2" in first_topic
    assert TOPICS[1]["question"] not in first_topic and TOPICS[2]["question"] not in first_topic
    assert TOPICS[1]["name"] not in first_topic and TOPICS[2]["name"] not in first_topic
    assert "SECRET" not in greeting + first_topic
