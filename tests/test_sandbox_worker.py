"""The sandbox worker as docker-compose.yml deploys it, with real processes: Redis started with the
compose file's own ACL, the sandbox worker holding only its broker account, the application's worker
on PostgreSQL. A submission goes out as data, runs, and comes back; the sandbox's account reaches
nothing of the application's."""

import re
import subprocess
import time
import uuid

import pytest
import redis
import yaml
from celery import Celery
from django.conf import settings

from analysis.code.messages import RUN_TASK, SANDBOX_QUEUE, run_payload
from analysis.code.models import CodeSubmission, SandboxHeartbeat
from analysis.code.results import sandbox_connection

from . import live
from .conftest import require_real_services

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]
SOLUTION = "def is_balanced(text):\n    return text.count('(') == text.count(')')\n"


def compose_redis(port: int, passwords: dict[str, str]) -> list[str]:
    """The compose file's Redis command, its ${…} filled in, on a port of the test's own."""
    command = yaml.safe_load((live.ROOT / "docker-compose.yml").read_text())["services"]["redis"]["command"]
    filled = [re.sub(r"\$\{(\w+)(?::[?-][^}]*)?\}", lambda m: passwords[m.group(1)], arg) for arg in command]
    return ["redis-server", "--port", str(port), "--bind", "127.0.0.1", *filled[1:]]


def wait_for(predicate, timeout_s: float, what: str, logs) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {timeout_s} s\n" + "\n".join(
                f"--- {p.name}\n{p.read_text(errors='replace')[-2500:]}" for p in logs))
        time.sleep(0.2)


@pytest.fixture
def interview(transactional_db):
    from analysis.models import InterviewPlan
    from analysis.tests.conftest import JD_PARSED, RESUME_PARSED
    from documents.models import Document
    from interviews.models import Interview

    require_real_services()
    jd = Document.objects.create(kind="jd", parsed=JD_PARSED, text="jd", status="ready")
    resume = Document.objects.create(kind="resume", parsed=RESUME_PARSED, text="resume", status="ready", jd=jd)
    plan = InterviewPlan.objects.create(jd=jd, resume=resume, duration_minutes=30, coding_task={"id": "valid_brackets"})
    return Interview.objects.create(jd=jd, resume=resume, plan=plan, duration_minutes=30, status="ended",
                                    token_hash=uuid.uuid4().hex * 2, token_expires_at="2999-01-01T00:00:00Z")


def test_a_submission_runs_through_the_compose_broker_accounts(interview, tmp_path):
    passwords = {"REDIS_PASSWORD": uuid.uuid4().hex, "SANDBOX_REDIS_PASSWORD": uuid.uuid4().hex}
    port = live.free_port()
    app_url = f"redis://:{passwords['REDIS_PASSWORD']}@127.0.0.1:{port}/0"
    sandbox_url = f"redis://sandbox:{passwords['SANDBOX_REDIS_PASSWORD']}@127.0.0.1:{port}/0"
    env = live.process_env(settings.DATABASES["default"], tmp_path / "media", REDIS_URL=app_url,
                           CELERY_BROKER_URL=app_url)
    logs = [tmp_path / "worker.log", tmp_path / "sandbox.log"]
    with (
        live.running(compose_redis(port, passwords), {"PATH": "/usr/bin:/bin"}, tmp_path / "redis.log", port=port),
        live.running(live.worker_args(), env, logs[0]),
        live.running(live.sandbox_worker_args(), live.sandbox_env(sandbox_url), logs[1]) as sandbox,
    ):
        environ = open(f"/proc/{sandbox.pid}/environ", "rb").read().decode()
        assert "DATABASE_URL" not in environ and "DJANGO_SECRET_KEY" not in environ and "REDIS_PASSWORD" not in environ

        wait_for(SandboxHeartbeat.objects.exists, 60, "a heartbeat", logs)
        assert SandboxHeartbeat.objects.get().level == "bubblewrap"

        # Stored directly, without the service's on-commit dispatch (which runs inline in the test
        # process): only the real sandbox worker and the application's worker can settle this row.
        submission = CodeSubmission.objects.create(interview=interview, task_id="valid_brackets", language="python",
                                                   code=SOLUTION, client_id="c1")
        publisher = Celery("web", broker=app_url)
        with sandbox_connection(publisher, write=True) as connection:  # what the web process does on commit
            publisher.send_task(RUN_TASK, queue=SANDBOX_QUEUE, connection=connection, args=[run_payload(
                submission_id=submission.pk, task_id="valid_brackets", language="python", code=SOLUTION)])
        wait_for(lambda: CodeSubmission.objects.get(pk=submission.pk).status == "done", 60, "the evaluation", logs)

        done = CodeSubmission.objects.get(pk=submission.pk)
        assert done.result["tests"]["total"] == 9 and done.result["isolation"]["level"] == "bubblewrap"
        assert done.result["review"]["text"]
        sandbox_log = logs[1].read_text()
        assert "sandbox.run[" in sandbox_log and "succeeded" in sandbox_log, "the sandbox worker ran it"
        assert "code_evaluation_finish_task" in logs[0].read_text(), "the application's worker stored it"

        # The candidate's "Run examples" takes the same path, with only the statement's examples. The row
        # is stored directly: the service's on-commit dispatch would run it inline (eager in tests).
        run = CodeSubmission.objects.create(interview=interview, task_id="valid_brackets", language="python",
                                            code=SOLUTION, client_id="r1", purpose="examples")
        with sandbox_connection(publisher, write=True) as connection:
            publisher.send_task(RUN_TASK, queue=SANDBOX_QUEUE, connection=connection, args=[run_payload(
                submission_id=run.pk, task_id="valid_brackets", language="python", code=SOLUTION,
                examples_only=True)])
        wait_for(lambda: CodeSubmission.objects.get(pk=run.pk).status == "done", 60, "the examples run", logs)
        ran = CodeSubmission.objects.get(pk=run.pk)
        assert ran.result["tests"]["total"] == 3 and "review" not in ran.result

        # What the sandbox's account cannot do: queue the application's tasks, read its keys, list or
        # configure the server, publish on its channels, or get around any of that with a script.
        limited = redis.Redis(port=port, username="sandbox", password=passwords["SANDBOX_REDIS_PASSWORD"])
        for command in (("LPUSH", "celery", "{}"), ("SMEMBERS", "_kombu.binding.celery"), ("GET", "anything"),
                        ("KEYS", "*"), ("SCAN", "0"), ("CONFIG", "GET", "*"), ("PUBLISH", "channel", "x"),
                        ("EVAL", "return redis.call('LPUSH', 'celery', '{}')", "0"), ("FLUSHALL",)):
            with pytest.raises(redis.exceptions.ResponseError):
                limited.execute_command(*command)
        assert limited.execute_command("LLEN", "sandbox:sandbox") == 0, "its own keys it can use"


def test_the_check_command_reports_the_level_here():
    checked = subprocess.run([live.BIN / "python", "-m", "analysis.code.worker", "--check"], cwd=live.ROOT,
                             env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"}, capture_output=True, text=True,
                             timeout=60, check=False)
    assert "isolation level: " in checked.stdout and "minimum: namespaces" in checked.stdout
