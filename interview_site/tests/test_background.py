"""The ASGI server's after-commit thread: jobs run in order, batched jobs in one call, nothing queued
is lost at a normal exit, and one failing job does not stop the others."""

import threading

import pytest

from interview_site.background import Background


def test_off_by_default_a_job_runs_at_once_in_the_caller():
    ran = []
    background = Background()
    background.submit(lambda arg: ran.append((arg, threading.current_thread().name)), "a")
    background.submit(ran.append, "b", batch=True)
    assert ran == [("a", threading.current_thread().name), ["b"]]


def test_started_it_runs_jobs_in_its_thread_and_batches_rows_into_one_call():
    calls, threads, done = [], set(), threading.Event()

    def rows(batch):
        calls.append(list(batch))
        threads.add(threading.current_thread().name)

    background = Background()
    background.start()
    try:
        for n in range(50):
            background.submit(rows, n, batch=True)
        background.submit(lambda _: done.set(), None)
        assert done.wait(5)
    finally:
        background.stop()
    assert calls == [list(range(50))]  # fifty rows, one INSERT's worth of call
    assert threads == {"background-after-commit"}


def test_stop_runs_what_is_queued_and_later_jobs_run_inline():
    ran = []
    background = Background()
    background.start()
    for n in range(20):
        background.submit(ran.append, n)
    background.stop()
    assert ran == list(range(20))
    background.submit(ran.append, "after")
    assert ran[-1] == "after"


def test_a_failing_job_is_logged_and_the_next_still_runs(caplog):
    ran = []

    def broken(_):
        raise RuntimeError("broker down")

    background = Background()
    background.start()
    background.submit(broken, None)
    background.submit(ran.append, "next")
    background.stop()
    assert ran == ["next"]
    assert "broker down" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_model_call_rows_written_in_the_background_are_all_stored():
    from llm.models import ModelCall
    from llm.providers.base import Usage
    from llm.services import model_calls_record

    background = Background()
    background.start()
    for n in range(30):
        fields = dict(role="main", provider="offline", model="offline", prompt_name="question", prompt_version=1,
                      usage=Usage(input_tokens=n, output_tokens=1), total_ms=1.0, outcome="ok")  # fmt: skip
        background.submit(model_calls_record, fields, batch=True)
    background.stop()
    assert sorted(ModelCall.objects.values_list("input_tokens", flat=True)) == list(range(30))


def test_a_full_queue_drops_jobs_loudly_instead_of_growing_without_bound(monkeypatch, caplog):
    """The broker or database is down for long: memory stays bounded, and the log says what was lost."""
    import interview_site.background as module

    monkeypatch.setattr(module, "MAX_QUEUED", 3)
    stuck, gate, ran = threading.Event(), threading.Event(), []
    background = Background()
    background.start()
    background.submit(lambda _: (stuck.set(), gate.wait(5)), None)  # the thread is stuck on this one
    assert stuck.wait(5)
    for n in range(10):
        background.submit(ran.append, n)
    assert background.dropped == 7 and "background queue full" in caplog.text
    gate.set()
    background.stop()
    assert ran == [0, 1, 2]
