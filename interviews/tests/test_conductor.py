"""The conductor driven directly: a fake emitter, a manual clock, the offline model, no sockets.
The flow of a whole interview, the time budget, restarts in every phase, and model failures."""

import asyncio

import pytest
from asgiref.sync import sync_to_async

from interviews.conductor import Conductor, ManualClock
from interviews.conductor.policy import Position
from interviews.models import Interview, Turn

from .factories import (
    CODING_TASK,
    JD_PARSED,
    RICH_ANSWERS,
    SECRETS,
    THIN_ANSWER,
    TOPICS,
    FakeEmitter,
    make_interview,
    run_until,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]
WARM_UP = "I lead a small platform team at Acme; lately I have been moving our billing jobs onto Celery."


def db_turns(interview_id: int) -> list[Turn]:
    return list(Turn.objects.filter(interview_id=interview_id).order_by("seq"))


async def started(interview: Interview, clock=None) -> tuple[Conductor, FakeEmitter]:
    emitter = FakeEmitter(interview.pk)
    conductor = Conductor(interview.pk, emitter=emitter, clock=clock or ManualClock())
    await conductor.hello()
    return conductor, emitter


async def answer(conductor, emitter, text: str, client_id: str, expect: str) -> dict:
    """Answer, and wait for the interviewer turn of kind `expect` that follows it."""
    last = max([f["seq"] for f in emitter.turns()] or [0])
    await conductor.candidate_message(text, client_id)
    return await emitter.turn(expect, after=last)


def assert_coherent(turns: list[Turn], emitter: FakeEmitter) -> None:
    """Seqs 1..n, deltas join to each stored interviewer turn, no secret anywhere, no question twice."""
    assert [t.seq for t in turns] == list(range(1, len(turns) + 1))
    asked = [t.text for t in turns if t.role == "interviewer"]
    assert len(set(asked)) == len(asked)
    for turn in turns:
        assert not any(secret in turn.text for secret in SECRETS)
        if turn.role == "interviewer":
            assert emitter.joined_deltas(turn.seq) == turn.text


# The plan's follow-ups per topic: one on the first topic, none on the second (these tests are about
# the flow; what a follow-up asks is tested in test_conductor_listening.py).
FLOW_TOPICS = [{**TOPICS[0], "follow_ups": 1}, {**TOPICS[1], "follow_ups": 0}]


async def test_a_whole_interview_follows_the_flow(report_tasks, settings):
    settings.SURPRISE_QUESTIONS_MAX = 1
    interview, _ = await sync_to_async(make_interview)(topics=FLOW_TOPICS, jd_parsed=JD_PARSED)
    conductor, emitter = await started(interview)

    greeting = await emitter.turn("greeting")
    assert "AI interviewer" in greeting["text"] and "Senior Backend Engineer" in greeting["text"]
    assert "?" in greeting["text"] and TOPICS[0]["question"] not in greeting["text"]  # a warm-up first
    question = await answer(conductor, emitter, WARM_UP, "w", "question")
    assert TOPICS[0]["question"] in question["text"]
    follow_up = await answer(conductor, emitter, THIN_ANSWER, "c1", "follow_up")
    assert '"Yes, I have done that a lot"' in follow_up["text"] and TOPICS[0]["question"] not in follow_up["text"]
    surprise = await answer(conductor, emitter, RICH_ANSWERS[0], "c2", "surprise")
    assert "scenario" in surprise["text"] and surprise["text"].rstrip().endswith("?")
    question = await answer(conductor, emitter, RICH_ANSWERS[2], "c3", "question")
    assert TOPICS[1]["question"] in question["text"]
    questions = await answer(conductor, emitter, RICH_ANSWERS[1], "c4", "question")
    assert "questions about the role" in questions["text"]
    await conductor.candidate_message("Yes: how big is the team I would join?", "c5")
    assert (await emitter.ended())["reason"] == "completed"

    turns = await sync_to_async(db_turns)(interview.pk)
    assert [(t.role, t.kind) for t in turns] == [
        ("interviewer", "greeting"), ("candidate", "answer"),
        ("interviewer", "question"), ("candidate", "answer"),
        ("interviewer", "follow_up"), ("candidate", "answer"),
        ("interviewer", "surprise"), ("candidate", "answer"),
        ("interviewer", "question"), ("candidate", "answer"),
        ("interviewer", "question"), ("candidate", "answer"),
        ("interviewer", "closing"),
    ]  # fmt: skip
    topics = ["", "", "t-api", "t-api", "t-api", "t-api", "", "", "t-db", "t-db", "", "", ""]
    assert [t.topic_id for t in turns] == topics
    assert all(t.status == "complete" for t in turns)
    assert_coherent(turns, emitter)
    assert "pass it on to the hiring team" in turns[-1].text and "person" in turns[-1].text
    assert [f["seq"] for f in emitter.of_type("turn")] == list(range(1, 14))
    states = emitter.of_type("state")
    assert list(dict.fromkeys(f["phase"] for f in states)) == ["greeting", "topics", "closing", "ended"]
    # The page's marker: each main question moves it on, out of the plan's topics.
    marks = [(f["progress"]["question"], f["progress"]["of"]) for f in states]
    assert list(dict.fromkeys(marks)) == [(0, 2), (1, 2), (2, 2)]
    interview = await Interview.objects.aget(pk=interview.pk)
    assert (interview.status, interview.phase, interview.end_reason) == ("ended", "ended", "completed")
    assert report_tasks == [interview.pk] and conductor.done


async def test_the_coding_task_comes_after_the_topics_and_its_code_is_stored(settings):
    settings.SURPRISE_QUESTIONS_MAX = 0
    interview, _ = await sync_to_async(make_interview)(topics=FLOW_TOPICS[1:], coding_task=CODING_TASK)
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    await answer(conductor, emitter, WARM_UP, "w", "question")
    assert await conductor.code_submit("python", "print(1)", "early") is False  # no task open yet
    intro = await answer(conductor, emitter, RICH_ANSWERS[0], "a1", "code_task")
    task = await emitter.wait_for(lambda f: f["type"] == "code.task")
    assert task == {
        "type": "code.task", "seq": intro["seq"], "prompt": CODING_TASK["prompt"], "language": "python",
        "starter_code": CODING_TASK["starter_code"],
    }  # fmt: skip
    help_turn = await answer(conductor, emitter, "Can I use sorted() here?", "q1", "nudge")
    assert "can't help with the solution" in help_turn["text"]
    # Every message in the coding task is answered (it used to be one word, then silence).
    second = await answer(conductor, emitter, "Another question while I type?", "q2", "nudge")
    assert second["seq"] > help_turn["seq"] and conductor.coding()
    code = "def merge_intervals(intervals):\n    return sorted(intervals)\n"
    assert await conductor.code_submit("python", code, "k1")
    after = await emitter.turn("question", after=intro["seq"])
    assert after["text"].startswith("Thanks for submitting your solution")
    stored = await Turn.objects.aget(interview=interview, client_id="k1")
    assert (stored.role, stored.kind, stored.text, stored.meta) == ("candidate", "code", code, {"language": "python"})
    assert await conductor.code_submit("python", code, "k2") is False  # the task is over
    assert not any(s in str(emitter.frames) for s in SECRETS)


async def test_duplicate_client_id_is_stored_once_and_answered_once():
    interview, _ = await sync_to_async(make_interview)()
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    await conductor.candidate_message(WARM_UP, "same")
    await conductor.candidate_message(WARM_UP, "same")
    await emitter.turn("question")
    await conductor.candidate_message("A different text, same id", "same")
    await asyncio.sleep(0.05)
    answers = await sync_to_async(list)(Turn.objects.filter(interview=interview, role="candidate"))
    assert [a.text for a in answers] == [WARM_UP]
    assert len(emitter.turns("candidate")) == 1 and len(emitter.turns("interviewer")) == 2


async def test_an_answer_stored_by_another_writer_meanwhile_loses_nothing_and_leaves_no_gap():
    """The conductor writes each step after the last seq it knows; a turn written behind its back (a
    conductor elsewhere that has not yet noticed it lost the lease) makes that guess stale: the step
    takes the careful path, and every word is stored once, in order."""
    from interviews import services

    interview, _ = await sync_to_async(make_interview)()
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    await sync_to_async(services.turn_record_candidate)(interview=interview, text="Said elsewhere", client_id="x1")
    await answer(conductor, emitter, WARM_UP, "w", "question")
    assert conductor._last_seq == 4  # the careful step told it where the seqs are: the next is the lean one
    await answer(conductor, emitter, THIN_ANSWER, "c1", "follow_up")
    turns = await sync_to_async(db_turns)(interview.pk)
    assert [(t.role, t.kind) for t in turns] == [
        ("interviewer", "greeting"), ("candidate", "answer"), ("candidate", "answer"), ("interviewer", "question"),
        ("candidate", "answer"), ("interviewer", "follow_up"),
    ]  # fmt: skip
    assert [t.seq for t in turns] == list(range(1, 7)) and conductor._last_seq == 6
    assert [t.text for t in turns if t.role == "candidate"] == ["Said elsewhere", WARM_UP, THIN_ANSWER]


async def test_an_answer_resent_to_a_new_conductor_is_not_stored_twice():
    """A socket hands its unacknowledged answer to the conductor that took over; the dead one had
    stored it already. The new conductor stores nothing and says nothing twice."""
    interview, _ = await sync_to_async(make_interview)()
    first, emitter = await started(interview)
    await emitter.turn("greeting")
    await answer(first, emitter, WARM_UP, "w", "question")
    await first.aclose(release=False)
    first_turns = await sync_to_async(db_turns)(interview.pk)

    second, emitter2 = await started(interview)
    await second.candidate_message(WARM_UP, "w")
    await asyncio.sleep(0.1)
    assert [t.text for t in await sync_to_async(db_turns)(interview.pk)] == [t.text for t in first_turns]
    assert emitter2.turns() == []
    await answer(second, emitter2, THIN_ANSWER, "c1", "follow_up")
    turns = await sync_to_async(db_turns)(interview.pk)
    assert [t.seq for t in turns] == list(range(1, 6))


def test_the_greeting_knows_the_candidates_name_from_the_upload_or_else_the_parsed_resume():
    from interviews.conductor import store

    interview, _ = make_interview()
    assert store.load.__wrapped__(interview.pk).candidate_name == "Ana Lopez"  # parsed from the résumé
    interview.resume.candidate_name = "Ana María López"
    interview.resume.save(update_fields=["candidate_name"])
    assert store.load.__wrapped__(interview.pk).candidate_name == "Ana María López"  # as the recruiter typed it


def test_a_conductor_step_is_a_few_statements():
    """An answer and the reply it opens: BEGIN, one INSERT of both turns, one UPDATE of the position,
    COMMIT (it was 21 round trips: savepoints, a row lock and MAX(seq) per turn); finishing a turn:
    BEGIN, two UPDATEs, COMMIT. (What runs after the commit, the answer's assessment, is the worker's.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from interviews.conductor import store

    def step(call, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            result = call.__wrapped__(interview.pk, **kwargs)
        statements = [q["sql"].split(" ", 1)[0] for q in queries.captured_queries]
        return result, statements[: statements.index("COMMIT") + 1]

    interview, _ = make_interview()
    position = Position()
    opened, statements = step(store.open_turn, position=position, phase="greeting", reply=("greeting", ""), after_seq=0)
    assert statements == ["BEGIN", "INSERT", "UPDATE", "COMMIT"]
    _, statements = step(
        store.complete_turn, seq=opened.seq, kind="greeting", text="Hello.", cancelled=False, position=position,
        phase="warm_up",
    )  # fmt: skip
    assert statements == ["BEGIN", "UPDATE", "UPDATE", "COMMIT"]
    write = store.CandidateWrite(text=WARM_UP, client_id="w")
    opened, statements = step(
        store.open_turn, candidate=[write], position=position, phase="warm_up", reply=("question", "t1"),
        after_seq=opened.last_seq,
    )  # fmt: skip
    assert statements == ["BEGIN", "INSERT", "UPDATE", "COMMIT"]
    assert (opened.seq, opened.last_seq, [f["seq"] for f in opened.frames]) == (3, 3, [2])
    assert [(t.seq, t.status) for t in db_turns(interview.pk)] == [(1, "complete"), (2, "complete"), (3, "streaming")]


async def test_time_budget_wraps_up_at_ninety_percent_then_stops_hard(report_tasks):
    clock = ManualClock()
    interview, _ = await sync_to_async(make_interview)(topics=TOPICS[:3], duration_minutes=10)
    conductor, emitter = await started(interview, clock)
    await emitter.turn("greeting")
    await answer(conductor, emitter, WARM_UP, "w", "question")
    await clock.advance(9 * 60 + 5)  # past 90 %: the next answer closes, whatever is left
    assert 50 <= conductor.time_left_s() <= 55 and emitter.of_type("state")[-1]["time_left_s"] <= 60
    closing = await answer(conductor, emitter, RICH_ANSWERS[0], "a1", "closing")
    assert "close to time" in closing["text"]
    assert (await emitter.ended())["reason"] == "completed"


async def test_the_hard_stop_ends_with_timeout(report_tasks):
    clock = ManualClock()
    interview, _ = await sync_to_async(make_interview)(duration_minutes=10)
    conductor, emitter = await started(interview, clock)
    await emitter.turn("greeting")
    await clock.advance(9 * 60)
    assert not emitter.of_type("ended") and 55 <= conductor.time_left_s() <= 60
    await clock.advance(61)
    assert (await emitter.ended())["reason"] == "timeout"
    interview = await Interview.objects.aget(pk=interview.pk)
    assert (interview.status, interview.end_reason) == ("ended", "timeout") and report_tasks == [interview.pk]
    assert {k: v for k, v in emitter.of_type("state")[-1].items() if k != "progress"} == {
        "type": "state", "phase": "ended", "time_left_s": 0
    }


async def test_a_short_topic_slice_skips_the_follow_up(settings):
    settings.SURPRISE_QUESTIONS_MAX = 0
    clock = ManualClock()
    interview, _ = await sync_to_async(make_interview)(topics=TOPICS[:2], duration_minutes=30)
    conductor, emitter = await started(interview, clock)
    await emitter.turn("greeting")
    await answer(conductor, emitter, WARM_UP, "w", "question")
    await clock.advance(9 * 60)  # longer than this topic's slice: a thin answer moves on anyway
    question = await answer(conductor, emitter, THIN_ANSWER, "a1", "question")
    assert TOPICS[1]["question"] in question["text"] and not emitter.of_type("ended")


async def test_the_time_limit_cancels_the_turn_being_streamed(clock, clocked_models):
    clocked_models(main={"gap_s": 0.5})
    interview, _ = await sync_to_async(make_interview)(duration_minutes=5)
    conductor, emitter = await started(interview, clock)
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and f["offset"] > 0)
    await clock.advance(5 * 60 + 1)
    cancelled = await emitter.wait_for(lambda f: f["type"] == "interviewer.cancelled")
    await emitter.ended()
    turn = await Turn.objects.aget(interview=interview, seq=cancelled["seq"])
    assert turn.status == "cancelled" and turn.text == emitter.joined_deltas(turn.seq) and turn.text
    assert emitter.of_type("turn")[-1]["text"] == turn.text


async def test_candidate_ends_the_interview():
    interview, _ = await sync_to_async(make_interview)()
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    await conductor.end()
    closing = await emitter.turn("closing")
    assert "stop here" in closing["text"]
    assert (await emitter.ended())["reason"] == "candidate_ended"
    assert await conductor.candidate_message("too late", "late") is False


async def test_an_answer_sent_as_the_interview_closes_is_still_stored(clock, clocked_models):
    clocked_models(main={"gap_s": 0.2})
    interview, _ = await sync_to_async(make_interview)(topics=[])
    conductor, emitter = await started(interview, clock)
    await run_until(clock, emitter, lambda f: f["type"] == "turn")
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and f["seq"] == 2)
    await conductor.candidate_message("One more thing before you go!", "late")  # the closing is streaming
    await run_until(clock, emitter, lambda f: f["type"] == "ended")
    late = await Turn.objects.aget(interview=interview, client_id="late")
    assert late.text == "One more thing before you go!"


# --- Restarts: a new process resumes from the database, in every phase ----------------------------------


async def _resume(interview, **kwargs) -> tuple[Conductor, FakeEmitter]:
    return await started(interview, **kwargs)


async def test_a_restarted_process_resumes_in_every_phase(settings):
    settings.SURPRISE_QUESTIONS_MAX = 1
    interview, _ = await sync_to_async(make_interview)(topics=FLOW_TOPICS, coding_task=CODING_TASK)
    script = [
        (WARM_UP, "question"),
        (THIN_ANSWER, "follow_up"),
        (RICH_ANSWERS[0], "surprise"),
        (RICH_ANSWERS[2], "question"),
        (RICH_ANSWERS[1], "code_task"),
    ]
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    for number, (text, expect) in enumerate(script):
        await conductor.aclose(release=False)  # the process dies while the candidate thinks
        conductor, emitter = await _resume(interview)
        await asyncio.sleep(0.02)
        assert emitter.turns() == []  # nothing owed: it waits for the answer, as before
        await answer(conductor, emitter, text, f"a{number}", expect)
    await conductor.aclose(release=False)
    conductor, emitter = await _resume(interview)
    assert conductor.coding()  # still in the coding task after a restart
    await conductor.code_submit("python", "print('ok')", "k1")
    await emitter.turn("question")
    await conductor.aclose(release=False)
    conductor, emitter = await _resume(interview)
    await conductor.candidate_message("No questions, thank you.", "last")
    await emitter.ended()
    turns = await sync_to_async(db_turns)(interview.pk)
    kinds = [t.kind for t in turns if t.role == "interviewer"]
    assert kinds == ["greeting", "question", "follow_up", "surprise", "question", "code_task", "question", "closing"]
    asked = [t.text for t in turns if t.role == "interviewer"]
    assert len(set(asked)) == len(asked) and [t.seq for t in turns] == list(range(1, len(turns) + 1))


async def test_a_turn_left_streaming_by_a_dead_process_is_regenerated(clock, clocked_models):
    clocked_models(main={"gap_s": 0.5})
    interview, _ = await sync_to_async(make_interview)()
    first, emitter = await started(interview, clock)
    await run_until(clock, emitter, lambda f: f["type"] == "interviewer.delta" and f["offset"] > 0)
    await first.aclose(release=False)  # dies mid-greeting: the row stays "streaming"
    assert (await Turn.objects.aget(interview=interview, seq=1)).status == "streaming"

    clocked_models()
    second, emitter2 = await started(interview, ManualClock())
    greeting = await emitter2.turn("greeting")
    assert greeting["seq"] == 1 and emitter2.joined_deltas(1) == greeting["text"]
    assert emitter2.of_type("interviewer.delta")[0]["offset"] == 0
    assert emitter2.of_type("interviewer.delta")[0]["_stream"] != emitter.of_type("interviewer.delta")[0]["_stream"]
    assert await Turn.objects.filter(interview=interview).acount() == 1


async def test_resumed_after_the_time_ran_out_it_ends_without_a_word():
    interview, _ = await sync_to_async(make_interview)(duration_minutes=5)
    first, emitter = await started(interview, ManualClock())
    await emitter.turn("greeting")
    await first.aclose()
    clock = ManualClock()
    await clock.advance(6 * 60)
    second, emitter2 = await started(interview, clock)
    assert (await emitter2.ended())["reason"] == "timeout"
    assert not emitter2.of_type("interviewer.delta") and await Turn.objects.filter(interview=interview).acount() == 1


async def test_a_version_one_state_resumes():
    state = {"v": 1, "topic_index": 0, "follow_ups": 0, "pending": None, "awaiting_answer": True,
             "asked": ["t-api:question"]}  # fmt: skip
    assert Position.from_state(state).awaiting == "question"
    interview, _ = await sync_to_async(make_interview)(status="in_progress", state=state)
    conductor, emitter = await started(interview)
    follow_up = await answer(conductor, emitter, THIN_ANSWER, "a1", "follow_up")
    assert '"Yes, I have done that a lot"' in follow_up["text"]


# --- Models that fail ----------------------------------------------------------------------------------


async def test_a_model_failure_still_gives_a_whole_turn(clocked_models):
    def half_then_fail(request):
        raise RuntimeError("provider went away")

    main, _ = clocked_models(main={"script": half_then_fail})
    interview, _ = await sync_to_async(make_interview)()
    conductor, emitter = await started(interview)
    greeting = await emitter.turn("greeting")
    assert "AI interviewer" in greeting["text"] and emitter.joined_deltas(1) == greeting["text"]


async def test_a_plan_without_topics_greets_and_closes():
    interview, _ = await sync_to_async(make_interview)(topics=[])
    conductor, emitter = await started(interview)
    greeting = await emitter.turn("greeting")
    assert "AI interviewer" in greeting["text"] and "?" not in greeting["text"]
    assert (await emitter.ended())["reason"] == "completed"
    assert [f["kind"] for f in emitter.of_type("turn")] == ["greeting", "closing"]


async def test_hello_on_an_ended_interview_does_nothing():
    interview, _ = await sync_to_async(make_interview)(status="ended")
    conductor, emitter = await started(interview)
    assert conductor.done and emitter.frames == []


async def test_submitted_code_also_goes_to_the_analysis_evaluation(settings, monkeypatch):
    code_services = pytest.importorskip("analysis.code.services")
    from analysis.code import tasks as code_tasks

    queued: list[int] = []
    monkeypatch.setattr(code_tasks, "evaluation_queue", queued.append)  # no sandbox run in this test
    settings.SURPRISE_QUESTIONS_MAX = 0
    task = {**CODING_TASK, "id": "merge_intervals"}
    interview, _ = await sync_to_async(make_interview)(topics=[], coding_task=task)
    conductor, emitter = await started(interview)
    await emitter.turn("greeting")
    await answer(conductor, emitter, WARM_UP, "w", "code_task")
    await conductor.code_submit("python", "def merge_intervals(intervals):\n    return intervals\n", "k1")
    await emitter.turn("question")
    submission = await code_services.CodeSubmission.objects.aget(interview=interview)
    assert (submission.task_id, submission.language, submission.client_id) == ("merge_intervals", "python", "k1")
    assert queued == [submission.pk]
