"""The coding task is a conversation too (offline engine, manual clock): a clarifying question is
answered from the task's text and never with the solution, "skip" and "I'm stuck" are honoured, the
task is time-boxed, and no message in it goes unanswered past FILLER_AFTER_MS."""

import asyncio

import pytest
from asgiref.sync import sync_to_async

from interviews.conductor import Conductor
from interviews.conductor.coding import wants_to_skip
from interviews.models import Interview

from .factories import RICH_ANSWERS, SECRETS, TOPICS, FakeEmitter, make_interview, run_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]
WARM_UP = "I lead a small platform team at Acme; lately I have been moving our billing jobs onto Celery."
TASK = {
    "prompt": (
        "Write `merge_intervals(intervals)` that merges overlapping `[start, end]` pairs.\n\n"
        "Constraints:\n"
        "- Use only the Python standard library.\n"
        "- The input may be unsorted and may be empty.\n\n"
        "Example: `[[1, 3], [2, 6], [8, 10]]` gives `[[1, 6], [8, 10]]`."
    ),
    "language": "python",
    "starter_code": "def merge_intervals(intervals):\n    pass\n",
    "minutes": 5,
    "tests": "SECRET-TESTS",
    "solution": "SECRET-SOLUTION: sort by start, then sweep",
}


@pytest.fixture(autouse=True)
def _timing(settings):
    settings.FILLER_AFTER_MS = 700
    settings.SURPRISE_QUESTIONS_MAX = 0


def is_turn(kind: str, role: str = "interviewer", after: int = 0):
    return lambda f: f["type"] == "turn" and f["kind"] == kind and f["role"] == role and f["seq"] > after


async def at_the_task(clock) -> tuple[Conductor, FakeEmitter, Interview, dict]:
    """An interview with one topic and the coding task, answered up to the task."""
    interview, _ = await sync_to_async(make_interview)(topics=TOPICS[:1], coding_task=TASK)
    emitter = FakeEmitter(interview.pk)
    conductor = Conductor(interview.pk, emitter=emitter, clock=clock)
    await conductor.hello()
    await run_until(clock, emitter, is_turn("greeting"))
    await conductor.candidate_message(WARM_UP, "w")
    await run_until(clock, emitter, is_turn("question"))
    await conductor.candidate_message(RICH_ANSWERS[0], "a1")
    task = await run_until(clock, emitter, is_turn("code_task"))
    await emitter.wait_for(lambda f: f["type"] == "code.task")
    return conductor, emitter, interview, task


async def reply_to(conductor, emitter, clock, text: str, client_id: str, kind: str = "nudge") -> dict:
    last = max(f["seq"] for f in emitter.turns())
    await conductor.candidate_message(text, client_id)
    return await run_until(clock, emitter, is_turn(kind, after=last))


def test_skip_is_read_narrowly():
    for text in ("I'd like to skip this", "skip", "Can I skip this one?", "I'm stuck", "I give up", "pass"):
        assert wants_to_skip(text), text
    for text in (
        "Should I skip empty lists?",
        "I'm stuck on the case where intervals touch, does [1,2],[2,3] merge?",
        "can I use collections?",
        "thinking out loud: sort first",
    ):
        assert not wants_to_skip(text), text


async def test_a_clarifying_question_is_answered_from_the_task_never_with_the_solution(clock):
    conductor, emitter, interview, task = await at_the_task(clock)
    help_turn = await reply_to(conductor, emitter, clock, "can I use collections?", "q1")
    assert "Use only the Python standard library" in help_turn["text"]
    assert "can't help with the solution" in help_turn["text"] and "offline stand-in" in help_turn["text"]
    again = await reply_to(conductor, emitter, clock, "What if the input is empty?", "q2")
    assert "may be unsorted and may be empty" in again["text"]
    third = await reply_to(conductor, emitter, clock, "What should the output look like for an example?", "q3")
    assert "[[1, 6], [8, 10]]" in third["text"]
    for text in (help_turn["text"], again["text"], third["text"]):
        assert "sort by start" not in text and not any(secret in text for secret in SECRETS)
    assert conductor.coding()  # questions do not end the task


async def test_skip_moves_on_with_a_word(clock):
    conductor, emitter, interview, task = await at_the_task(clock)
    after = await reply_to(conductor, emitter, clock, "I'd like to skip this", "s1", kind="question")
    assert after["text"].startswith("No problem, let's leave the coding task there.")
    assert "questions" in after["text"]  # on to the candidate's own questions
    assert not conductor.coding()
    assert await conductor.code_submit("python", "print(1)", "late") is False
    state = emitter.of_type("state")[-1]
    assert state["progress"]["part"] == "your_questions"


async def test_the_task_is_time_boxed(clock):
    conductor, emitter, interview, task = await at_the_task(clock)
    await reply_to(conductor, emitter, clock, "ok, thinking about it", "t1")
    assert conductor.coding()
    boxed = TASK["minutes"] * 60 + 30
    moved = await run_until(clock, emitter, is_turn("question", after=task["seq"]), step_s=1.0, max_s=boxed)
    assert moved["text"].startswith("That's the time for the coding task")
    assert not conductor.coding()
    stored = await Interview.objects.aget(pk=interview.pk)
    assert stored.state["stage"] == "questions" and stored.state["awaiting"] == "candidate_questions"


async def test_no_message_in_the_coding_task_goes_unanswered(clock, clocked_models):
    clocked_models(main={"ttft_s": 1.5}, mini={"ttft_s": 0.2})  # a slow main model: fillers must cover it
    conductor, emitter, interview, task = await at_the_task(clock)
    for number, text in enumerate(["can I use collections?", "hm, ok", "And negative numbers?", "still typing"]):
        last = max(f["seq"] for f in emitter.turns())
        before = len(emitter.frames)
        t0 = clock.time()
        await conductor.candidate_message(text, f"m{number}")
        await emitter.wait_for(lambda f, n=number: f["type"] == "turn" and f.get("client_id") == f"m{n}")
        while clock.time() - t0 < 0.7 - 1e-9:
            await clock.advance(0.01)
            await asyncio.sleep(0.001)
        said = [f for f in emitter.frames[before:] if f["type"] in ("interviewer.delta", "interviewer.filler")]
        assert said, f"message {number} met silence"
        await run_until(clock, emitter, is_turn("nudge", after=last))
    assert conductor.coding()
