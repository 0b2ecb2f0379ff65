"""The candidate runs the coding task's visible examples over the socket (`code.run` -> `code.result`):
only while the task is open, one run at a time and at most ten per task, never a turn; with the
conductor here or in another process. The sandbox runs inline (eager mode, as in every unit test)."""

import pytest
from asgiref.sync import sync_to_async

from analysis.code.models import CodeSubmission
from analysis.code.services import MAX_EXAMPLE_RUNS, code_result_for_report
from interviews.models import Turn

from .factories import CODING_TASK, make_interview
from .test_consumers import chat_path, frames_until, hello, is_turn, send, socket
from .test_consumers_realtime import WARM_UP, elsewhere  # noqa: F401 - a fixture

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("report_tasks", "no_conductor_left"),
]
TASK = {**CODING_TASK, "id": "merge_intervals"}
# Sorts and merges, but forgets that touching intervals merge: one of the three examples fails.
ALMOST = (
    "def merge_intervals(intervals):\n"
    "    out = []\n"
    "    for start, end in sorted(intervals):\n"
    "        if out and start < out[-1][1]:\n"
    "            out[-1][1] = max(out[-1][1], end)\n"
    "        else:\n"
    "            out.append([start, end])\n"
    "    return out\n"
)
FIXED = ALMOST.replace("start < out[-1][1]", "start <= out[-1][1]")


def is_error(frame: dict) -> bool:
    return frame["type"] == "error"


def run_frame(code: str, client_id: str) -> dict:
    return {"type": "code.run", "language": "python", "code": code, "client_id": client_id}


async def at_the_task(ws) -> dict:
    await hello(ws)
    await frames_until(ws, is_turn("greeting"))
    await send(ws, run_frame(FIXED, "too-early"))
    error = (await frames_until(ws, is_error))[-1]
    assert error["code"] == "no_coding_task"
    await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})
    return (await frames_until(ws, lambda f: f["type"] == "code.task"))[-1]


async def test_running_the_examples_during_the_task_answers_with_their_results_and_is_never_evidence():
    interview, token = await sync_to_async(make_interview)(topics=[], coding_task=TASK)
    async with socket(chat_path(interview, token)) as ws:
        await at_the_task(ws)
        await send(ws, run_frame(ALMOST, "run-1"))
        result = (await frames_until(ws, lambda f: f["type"] == "code.result"))[-1]

        assert result["client_id"] == "run-1" and result["status"] == "ran"
        assert (result["passed"], result["total"]) == (2, 3)
        assert [t["name"] for t in result["tests"]] == ["classic example", "unsorted input", "touching intervals merge"]
        touching = result["tests"][2]
        assert touching == {"name": "touching intervals merge", "call": "merge_intervals([[1, 2], [2, 3]])",
                            "expected": [[1, 3]], "got": [[1, 2], [2, 3]], "passed": False}

        # Runs used up: the 11th for this task is refused (eight more stored as if run earlier).
        await CodeSubmission.objects.abulk_create([
            CodeSubmission(interview=interview, task_id="merge_intervals", language="python", code=ALMOST,
                           client_id=f"old-{n}", purpose="examples", status="done")
            for n in range(MAX_EXAMPLE_RUNS - 2)
        ])
        await send(ws, run_frame(FIXED, "run-10"))
        tenth = (await frames_until(ws, lambda f: f["type"] == "code.result"))[-1]
        assert (tenth["client_id"], tenth["passed"], tenth["total"]) == ("run-10", 3, 3)
        await send(ws, run_frame(FIXED, "run-11"))
        assert (await frames_until(ws, is_error))[-1]["code"] == "too_many_runs"

        # The task carries on: the submission is the evidence, the runs are not turns.
        await send(ws, {"type": "code.submit", "language": "python", "code": FIXED, "client_id": "k1"})
        await frames_until(ws, is_turn("question"))
    assert not await Turn.objects.filter(client_id__startswith="run-").aexists()
    submission = await CodeSubmission.objects.aget(interview=interview, purpose="submission")
    assert submission.client_id == "k1"
    assert await CodeSubmission.objects.filter(interview=interview, purpose="examples").acount() == MAX_EXAMPLE_RUNS
    code = await sync_to_async(code_result_for_report)(interview=interview)
    assert code is None or code["submission_id"] == submission.pk


async def test_a_run_with_bad_fields_gets_the_same_errors_as_a_submission():
    interview, token = await sync_to_async(make_interview)(topics=[], coding_task=TASK)
    async with socket(chat_path(interview, token)) as ws:
        await at_the_task(ws)
        await send(ws, run_frame("   ", "r"))
        assert (await frames_until(ws, is_error))[-1]["code"] == "empty_code"
        await send(ws, {"type": "code.run", "language": "python", "code": FIXED})
        assert (await frames_until(ws, is_error))[-1]["code"] == "missing_field"
        await send(ws, {**run_frame(FIXED, "r"), "language": "ruby"})
        assert (await frames_until(ws, is_error))[-1]["code"] == "unsupported_language"


async def test_a_conductor_in_another_process_runs_the_examples_too(elsewhere):  # noqa: F811
    interview, token = await sync_to_async(make_interview)(topics=[], coding_task=TASK)
    await elsewhere(interview)
    async with socket(chat_path(interview, token)) as ws:
        await hello(ws)
        await frames_until(ws, is_turn("greeting"))
        await send(ws, {"type": "candidate.message", "text": WARM_UP, "client_id": "w"})
        await frames_until(ws, lambda f: f["type"] == "code.task")
        await send(ws, run_frame(FIXED, "far"))
        result = (await frames_until(ws, lambda f: f["type"] == "code.result"))[-1]
        assert (result["client_id"], result["status"], result["passed"], result["total"]) == ("far", "ran", 3, 3)
