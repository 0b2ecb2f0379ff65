"""Code submissions: recording (idempotent per client_id), evaluation on the sandbox queue, the
report's `code` field."""

import pytest

from analysis.code import services
from analysis.code.execution import execute
from analysis.code.messages import RUN_TASK, SANDBOX_QUEUE, run_payload
from analysis.code.models import CodeSubmission
from analysis.code.services import code_result_for_report, code_submission_evaluate, code_submission_record
from analysis.code.tasks import code_evaluate_task, code_evaluation_finish_task
from analysis.reporting import ReportOutput, finalize_report
from interview_site.api import ApiError
from interview_site.celery import app

SOLUTION = "def is_balanced(text):\n    return text.count('(') == text.count(')')\n"
FORK_BOMB = "import os\nwhile True:\n    os.fork()\n"


@pytest.fixture
def interview(make_interview):
    return make_interview([])


def record(interview, code=SOLUTION, client_id="c1", **fields):
    fields = {"task_id": "valid_brackets", "language": "python", **fields}
    return code_submission_record(interview=interview, code=code, client_id=client_id, **fields)


def test_recording_queues_one_evaluation_after_commit(interview, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submission, created = record(interview)

    assert created and len(callbacks) == 1
    submission.refresh_from_db()
    assert submission.status == CodeSubmission.Status.DONE and submission.evaluated_at
    result = submission.result
    assert set(result) == {"tests", "metrics", "review", "isolation"}
    assert 0 < result["tests"]["passed"] < result["tests"]["total"] == 9
    assert result["review"]["text"].startswith("Passed") and result["isolation"]["level"]


def test_a_repeated_client_id_is_stored_once(interview, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first, created = record(interview)
        again, created_again = record(interview, code="something else")
        other, created_other = record(interview, client_id="c2")
        anonymous, _ = record(interview, client_id="")

    assert created and not created_again and again.pk == first.pk and again.code == SOLUTION
    assert created_other and other.pk != first.pk and anonymous.client_id is None
    assert len(callbacks) == 3


@pytest.mark.parametrize(("fields", "code"), [
    ({"task_id": "no_such_task"}, "unknown_task"),
    ({"language": "ruby"}, "unsupported_language"),
    ({"code": "   "}, "empty_code"),
    ({"code": "x" * (64 * 1024 + 1)}, "code_too_large"),
    ({"client_id": "x" * 65}, "invalid_field"),
])
def test_bad_submissions_are_refused(interview, fields, code):
    with pytest.raises(ApiError) as raised:
        record(interview, **fields)
    assert raised.value.code == code and not CodeSubmission.objects.exists()


def test_only_the_planned_task_is_accepted(interview):
    interview.plan.coding_task = {"id": "lru_cache"}
    interview.plan.save()

    with pytest.raises(ApiError) as raised:
        record(interview)

    assert raised.value.code == "wrong_task"


def test_evaluation_is_idempotent(interview, monkeypatch):
    submission, _ = record(interview)
    outcome = execute(run_payload(submission_id=submission.pk, task_id=submission.task_id, language="python",
                                  code=submission.code))
    code_evaluation_finish_task.apply(args=[submission.pk, outcome]).get()
    monkeypatch.setattr(services, "ReviewSession", lambda *a, **k: pytest.fail("evaluated twice"))
    monkeypatch.setattr(services, "execute", lambda payload: pytest.fail("sent to the sandbox again"))

    again = code_evaluation_finish_task.apply(args=[submission.pk, outcome]).get()  # a redelivered outcome
    code_evaluate_task.apply(args=[submission.pk]).get()  # a redelivered dispatch

    assert again == "done"


def test_a_hostile_submission_ends_done_with_the_limit_reported(interview):
    submission, _ = record(interview, code=FORK_BOMB)

    done = code_submission_evaluate(submission_id=submission.pk)

    assert done.status == CodeSubmission.Status.DONE
    assert "processes" in done.result["tests"]["limits_hit"] and done.result["tests"]["passed"] == 0


def test_no_interpreter_fails_the_evaluation_not_the_worker(interview, monkeypatch):
    monkeypatch.setattr("analysis.code.sandbox.runtime_for", lambda language: None)
    submission, _ = record(interview)

    failed = code_submission_evaluate(submission_id=submission.pk)

    assert failed.status == CodeSubmission.Status.FAILED and "no python interpreter" in failed.error


def test_report_code_comes_from_the_latest_evaluated_submission(interview):
    assert code_result_for_report(interview=interview) is None
    older, _ = record(interview, client_id="a")
    code_submission_evaluate(submission_id=older.pk)
    record(interview, client_id="b", code="def is_balanced(text):\n    return True\n")  # still pending

    code = code_result_for_report(interview=interview)

    assert {"task", "passed", "total", "review"} <= set(code)
    assert code["task"] == "Validate brackets" and code["submission_id"] == older.pk
    assert (code["passed"], code["total"]) == (older.__class__.objects.get(pk=older.pk).result["tests"]["passed"], 9)
    report = finalize_report(ReportOutput(), competency_names=[], turns=[], signals=[], code=code)
    assert report["code"] == code and ReportOutput.model_validate(report).code.passed == code["passed"]


def test_the_code_goes_to_the_sandbox_queue_as_data(interview, settings, django_capture_on_commit_callbacks):
    """Outside eager mode the application only publishes: `sandbox.run` on the sandbox queue, the code
    as data, nothing the sandbox worker would need a database or a secret for."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with django_capture_on_commit_callbacks(execute=True):
        submission, _ = record(interview)

    with app.connection_for_read() as connection:
        message = connection.SimpleQueue(SANDBOX_QUEUE).get(timeout=2)
    message.ack()
    args, kwargs, _ = message.decode()
    assert message.headers["task"] == RUN_TASK and kwargs == {}
    assert args == [{"submission_id": submission.pk, "task_id": "valid_brackets", "language": "python",
                     "code": SOLUTION}]
    submission.refresh_from_db()
    assert submission.status == CodeSubmission.Status.PENDING, "nothing ran in the application's process"


def test_the_report_carries_the_sandbox_result_and_the_admin_shows_it(interview, admin_client):
    from analysis.services import report_generate

    submission, _ = record(interview)
    tests = code_submission_evaluate(submission_id=submission.pk).result["tests"]
    report = report_generate(interview_id=interview.pk)

    assert tests["total"] > 0
    assert (report.data["code"]["passed"], report.data["code"]["total"]) == (tests["passed"], tests["total"])
    assert report.data["code"]["review"]
    listing = admin_client.get("/admin/analysis/codesubmission/").content.decode()
    assert f"{tests['passed']}/{tests['total']}" in listing
    assert admin_client.get(f"/admin/analysis/codesubmission/{submission.pk}/change/").status_code == 200


def test_a_result_landing_after_the_report_adds_a_report_version(interview, django_capture_on_commit_callbacks):
    from analysis.services import report_generate

    first = report_generate(interview_id=interview.pk)
    assert first.data["code"] is None
    submission, _ = record(interview)
    with django_capture_on_commit_callbacks(execute=True):
        code_submission_evaluate(submission_id=submission.pk)

    latest = interview.reports.order_by("-version").first()
    assert latest.version == first.version + 1 and latest.status == "ready"
    assert latest.data["code"]["submission_id"] == submission.pk
    first.refresh_from_db()
    assert first.data["code"] is None, "the earlier version is kept as it was"


def test_code_evaluated_while_the_report_is_pending_ends_up_in_it(interview, django_capture_on_commit_callbacks):
    from analysis.models import EvaluationReport
    from analysis.services import report_generate

    pending = EvaluationReport.objects.create(interview=interview, version=1)  # a worker is writing it
    submission, _ = record(interview)
    with django_capture_on_commit_callbacks(execute=True):
        code_submission_evaluate(submission_id=submission.pk)
    assert interview.reports.count() == 1, "the evaluation leaves a report being written alone"

    with django_capture_on_commit_callbacks(execute=True):
        written = report_generate(interview_id=interview.pk)
    assert written.pk == pending.pk and written.data["code"]["submission_id"] == submission.pk
    assert interview.reports.count() == 1, "nothing was missing, so no extra version"


def test_a_ready_report_missing_the_evaluated_code_gets_a_new_version(interview, django_capture_on_commit_callbacks):
    from analysis.code.services import report_refresh_for_code
    from analysis.services import report_generate

    first = report_generate(interview_id=interview.pk)
    submission, _ = record(interview)
    CodeSubmission.objects.filter(pk=submission.pk).update(  # evaluated, its own check already spent
        status=CodeSubmission.Status.DONE, result={"tests": {"passed": 1, "total": 9}, "review": {"text": "ok"}}
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_refresh_for_code(interview_id=interview.pk)
        report_refresh_for_code(interview_id=interview.pk)

    latest = interview.reports.order_by("-version").first()
    assert latest.version == first.version + 1 and latest.data["code"]["submission_id"] == submission.pk
    assert interview.reports.count() == 2, "once the latest report has the code, nothing more is written"


# --- Running the task's visible examples (the candidate's "Run examples") ----------------------------------


def run_examples(interview, code=SOLUTION, client_id="r1", **fields):
    fields = {"task_id": "valid_brackets", "language": "python", **fields}
    return services.code_examples_run_record(interview=interview, code=code, client_id=client_id, **fields)


@pytest.mark.parametrize("language", ["python", "javascript"])
def test_only_examples_runs_just_the_statements_examples_without_the_syntax_check(language, monkeypatch):
    from analysis.code import execution
    from analysis.code.bank import get_task

    task = get_task("merge_intervals")
    monkeypatch.setattr(execution, "node_syntax_error", lambda code: pytest.fail("no syntax check for examples"))
    payload = run_payload(submission_id=1, task_id=task.id, language=language,
                          code=task.version(language).solution, examples_only=True)
    outcome = execute(payload)

    assert payload["only"] == "examples"
    assert outcome["status"] == "ran" and outcome["syntax_error"] is None
    assert outcome["tests"]["passed"] == outcome["tests"]["total"] == len(task.examples) == 3
    assert [t["name"] for t in outcome["tests"]["tests"]] == [t.name for t in task.example_tests(language)]
    assert messages_clean(outcome) is not None


def messages_clean(outcome):
    from analysis.code.messages import outcome_clean

    return outcome_clean(outcome)


def test_an_examples_run_stores_the_examples_results_and_never_reaches_the_report(
    interview, django_capture_on_commit_callbacks, monkeypatch
):
    from analysis.code.selectors import code_examples_result
    from analysis.services import report_generate

    first = report_generate(interview_id=interview.pk)
    monkeypatch.setattr(services, "review_submission", lambda *a, **k: pytest.fail("an examples run is not reviewed"))
    with django_capture_on_commit_callbacks(execute=True):
        run = run_examples(interview)
    run.refresh_from_db()

    assert run.purpose == CodeSubmission.Purpose.EXAMPLES and run.status == CodeSubmission.Status.DONE
    assert set(run.result) == {"tests", "isolation"} and run.result["tests"]["total"] == 3
    shown = code_examples_result(run_id=run.pk)
    assert shown["status"] == "ran" and (shown["passed"], shown["total"]) == (2, 3)
    names = [t["name"] for t in shown["tests"]]
    assert names == ["interleaved", "left open", "other characters ignored"]
    interleaved = shown["tests"][0]
    assert interleaved == {"name": "interleaved", "call": 'is_balanced("([)]")', "expected": False, "got": True,
                           "passed": False}
    assert code_result_for_report(interview=interview) is None
    assert interview.reports.count() == 1 and interview.reports.get().pk == first.pk, "no new report version"
    assert report_generate(interview_id=interview.pk, regenerate=True).data["code"] is None


def test_an_examples_run_below_the_isolation_minimum_ends_not_run_and_the_report_ignores_it(interview):
    from analysis.code.selectors import code_examples_result

    run = run_examples(interview)
    refused = {"type": "evaluation", "submission_id": run.pk, "status": "refused", "code": "isolation_unavailable",
               "message": "below the minimum", "level": "rlimits", "minimum": "bubblewrap"}
    done = services.code_evaluation_finish(submission_id=run.pk, outcome=refused)

    assert done.status == CodeSubmission.Status.NOT_RUN
    assert code_examples_result(run_id=run.pk)["status"] == "not_run"
    assert "can't run right now" in code_examples_result(run_id=run.pk)["message"]
    assert code_result_for_report(interview=interview) is None


def test_one_examples_run_at_a_time_and_at_most_ten_per_task(interview, django_capture_on_commit_callbacks):
    pending = run_examples(interview, client_id="p")
    with pytest.raises(ApiError) as raised:
        run_examples(interview, client_id="p2")
    assert raised.value.code == "too_many_runs"
    assert run_examples(interview, client_id="p").pk == pending.pk, "a resent run is the same run"
    CodeSubmission.objects.filter(pk=pending.pk).update(status=CodeSubmission.Status.DONE)
    for number in range(services.MAX_EXAMPLE_RUNS - 1):
        run = run_examples(interview, client_id=f"r{number}")
        CodeSubmission.objects.filter(pk=run.pk).update(status=CodeSubmission.Status.DONE)
    with pytest.raises(ApiError) as raised:
        run_examples(interview, client_id="eleventh")
    assert raised.value.code == "too_many_runs"
    submission, created = record(interview, client_id="s1")
    assert created, "runs do not use up the submission"
