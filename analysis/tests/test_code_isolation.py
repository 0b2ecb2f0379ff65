"""Fail closed: candidate code never runs below `CODE_SANDBOX_MIN_LEVEL`.

The decisive case is reproduced as Docker's default seccomp profile leaves a container: user,
mount and other namespaces refused (unshare, setns, mount, pivot_root and namespace flags of clone
get EPERM; clone3 ENOSYS). The filter is built with libseccomp's own Python binding (Debian's
python3-seccomp, for the system interpreter), loaded in a child process, and inherited by the
project's interpreter it then executes: the same `execute` the sandbox worker runs.
"""

import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from analysis.code.isolation import minimum_level
from analysis.code.messages import outcome_clean
from analysis.code.models import CodeSubmission, SandboxHeartbeat
from analysis.code.selectors import sandbox_status
from analysis.code.services import code_evaluation_finish, code_submission_record, sandbox_heartbeat_record
from analysis.services import plan_create, report_generate

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
# Docker's default profile, as far as namespaces go (moby/profiles/seccomp: clone is allowed only
# without namespace flags, clone3 answers ENOSYS so libc falls back to clone).
DOCKER_LIKE_FILTER = r"""
import errno, os, sys
import seccomp
flt = seccomp.SyscallFilter(seccomp.ALLOW)
eperm = seccomp.ERRNO(errno.EPERM)
for name in ("unshare", "setns", "mount", "umount2", "pivot_root"):
    flt.add_rule(eperm, name)
for flag in (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000):
    flt.add_rule(eperm, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
flt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
flt.load()
os.execv(sys.argv[1], sys.argv[1:])
"""
# The profile the compose file gives the sandbox service, loaded the way Docker loads it.
SHIPPED_PROFILE_FILTER = r"""
import json, os, sys
import seccomp
profile = json.load(open(sys.argv[1]))
assert profile["defaultAction"] == "SCMP_ACT_ALLOW"
flt = seccomp.SyscallFilter(seccomp.ALLOW)
for group in profile["syscalls"]:
    assert group["action"] == "SCMP_ACT_ERRNO"
    for name in group["names"]:
        try:
            flt.add_rule(seccomp.ERRNO(group.get("errnoRet", 1)), name)
        except (RuntimeError, ValueError):
            pass  # not a call on this architecture
flt.load()
os.execv(sys.argv[2], sys.argv[2:])
"""
EXECUTE = ("import json, sys; from analysis.code.execution import execute; "
           "print(json.dumps(execute(json.loads(sys.argv[1]))))")


def _seccomp_binding() -> bool:
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import seccomp"], capture_output=True, check=False) \
        if os.access(SYSTEM_PYTHON, os.X_OK) else None
    return bool(probe and probe.returncode == 0)


needs_seccomp = pytest.mark.skipif(
    not _seccomp_binding() and os.environ.get("CI") != "true",
    reason="needs libseccomp's Python binding for /usr/bin/python3 (Debian: python3-seccomp; .ci/run installs it)",
)


def under_docker_default_seccomp(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"}
    return subprocess.run([SYSTEM_PYTHON, "-c", DOCKER_LIKE_FILTER, sys.executable, *args], cwd=ROOT,
                          env={**base, **(env or {})}, capture_output=True, text=True, timeout=120, check=False)


def under_shipped_profile(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SYSTEM_PYTHON, "-c", SHIPPED_PROFILE_FILTER, str(ROOT / "deploy" / "seccomp-sandbox.json"),
                           sys.executable, *args], cwd=ROOT, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
                          capture_output=True, text=True, timeout=120, check=False)


def hostile(marker: Path) -> str:
    """Writes a file on the host and reads its parent's environment, at import time."""
    return (f"import os\nopen({str(marker)!r}, 'w').write(open(f'/proc/{{os.getppid()}}/environ').read())\n"
            "def is_balanced(text):\n    return True\n")


def test_the_minimum_defaults_to_namespaces_and_weak_levels_are_a_developer_opt_in():
    assert minimum_level({}) == "namespaces"
    assert minimum_level({"CODE_SANDBOX_MIN_LEVEL": "bubblewrap"}) == "bubblewrap"
    assert minimum_level({"CODE_SANDBOX_MIN_LEVEL": "rlimits", "DJANGO_DEBUG": "1"}) == "rlimits"
    for weak in ("uid", "rlimits"):
        with pytest.raises(ValueError, match="only in development"):
            minimum_level({"CODE_SANDBOX_MIN_LEVEL": weak})
    with pytest.raises(ValueError, match="must be one of"):
        minimum_level({"CODE_SANDBOX_MIN_LEVEL": "docker"})


def test_the_application_refuses_to_start_with_a_weak_minimum_in_production():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "CODE_SANDBOX"))}
    env |= {"DJANGO_SECRET_KEY": "x" * 50, "CODE_SANDBOX_MIN_LEVEL": "uid"}

    checked = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120, check=False)

    assert checked.returncode != 0 and "CODE_SANDBOX_MIN_LEVEL=uid" in checked.stderr


@needs_seccomp
def test_under_dockers_default_seccomp_the_code_is_refused_and_nothing_escapes(interview_factory, recruiter_client,
                                                                                request):
    marker = Path("/tmp") / f"escaped-{uuid.uuid4().hex}.txt"  # the host's /tmp, writable by any uid
    request.addfinalizer(lambda: marker.unlink(missing_ok=True))
    interview = interview_factory()
    submission, _ = code_submission_record(interview=interview, task_id="valid_brackets", language="python",
                                           code=hostile(marker), client_id="c1")
    payload = {"submission_id": submission.pk, "task_id": "valid_brackets", "language": "python",
               "code": submission.code}

    ran = under_docker_default_seccomp("-c", EXECUTE, json.dumps(payload))

    assert ran.returncode == 0, ran.stderr
    outcome = json.loads(ran.stdout)
    assert outcome["status"] == "refused" and outcome["code"] == "isolation_unavailable"
    assert outcome["level"] in ("uid", "rlimits") and outcome["minimum"] == "namespaces"
    assert not marker.exists(), "the candidate's code ran"
    # What the fallback used to do (and still does as a developer's explicit opt-in): run it anyway.
    weak = under_docker_default_seccomp("-c", EXECUTE, json.dumps(payload),
                                        env={"CODE_SANDBOX_MIN_LEVEL": "rlimits", "DJANGO_DEBUG": "1"})
    assert json.loads(weak.stdout)["status"] == "ran" and marker.exists(), "the opt-in level really is weaker"

    # The outcome travels as data to the application, which records the reason and tells the recruiter.
    done = code_evaluation_finish(submission_id=submission.pk, outcome=outcome_clean(outcome))
    assert done.status == CodeSubmission.Status.NOT_RUN and done.error.startswith("isolation_unavailable")
    report = report_generate(interview_id=interview.pk)
    assert report.data["code"]["status"] == "not_run"
    assert report.data["code"]["review"].startswith("Code not run: isolation unavailable")
    page = recruiter_client.get(f"/interviews/{interview.pk}/report/").content.decode()
    assert "Code not run: isolation unavailable" in page


@needs_seccomp
def test_the_worker_check_says_not_safe_under_that_profile_and_ok_without_it():
    refused = under_docker_default_seccomp("-m", "analysis.code.worker", "--check")
    assert refused.returncode == 1 and "NOT SAFE" in refused.stdout, refused.stdout + refused.stderr

    plain = subprocess.run([sys.executable, "-m", "analysis.code.worker", "--check"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120, check=False, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})
    if os.environ.get("CI") == "true" or "level: bubblewrap" in plain.stdout:
        assert plain.returncode == 0 and "OK: candidate code will run" in plain.stdout, plain.stdout


@needs_seccomp
def test_the_shipped_seccomp_profile_lets_bubblewrap_contain_the_same_code(request):
    marker = Path("/tmp") / f"escaped-{uuid.uuid4().hex}.txt"
    request.addfinalizer(lambda: marker.unlink(missing_ok=True))
    payload = {"submission_id": 1, "task_id": "valid_brackets", "language": "python", "code": hostile(marker)}

    check = under_shipped_profile("-m", "analysis.code.worker", "--check")
    ran = under_shipped_profile("-c", EXECUTE, json.dumps(payload))

    assert check.returncode == 0 and "isolation level: bubblewrap" in check.stdout, check.stdout + check.stderr
    outcome = json.loads(ran.stdout)
    assert outcome["status"] == "ran" and outcome["level"] == "bubblewrap"
    assert outcome["tests"]["load_error"] and not marker.exists(), "contained: the host's /tmp is not the sandbox's"


def test_no_fresh_heartbeat_means_no_coding_task_and_the_plan_says_why(jd, resume, settings):
    settings.INTERVIEW_CODING_TASKS = True

    plan = plan_create(jd=jd, resume=resume, duration_minutes=45)

    assert plan.coding_task is None and "no sandbox worker has reported" in plan.coding_note


def test_a_heartbeat_below_the_minimum_or_too_old_gives_no_coding_task(jd, resume, settings):
    settings.INTERVIEW_CODING_TASKS = True
    sandbox_heartbeat_record(status={"hostname": "weak", "level": "uid", "minimum": "namespaces"})
    below = plan_create(jd=jd, resume=resume, duration_minutes=45)
    too_old = timezone.now() - timedelta(seconds=settings.CODE_SANDBOX_HEARTBEAT_STALE_S + 5)
    SandboxHeartbeat.objects.create(hostname="old", level="bubblewrap", seen_at=too_old)
    stale = plan_create(jd=jd, resume=resume, duration_minutes=45)

    assert below.coding_task is None and "only 'uid' isolation" in below.coding_note
    assert stale.coding_task is None and not sandbox_status()["ready"]


def test_a_fresh_heartbeat_at_the_minimum_brings_the_coding_task_back(jd, resume, settings):
    settings.INTERVIEW_CODING_TASKS = True
    sandbox_heartbeat_record(status={"hostname": "sandbox-1", "level": "bubblewrap", "minimum": "namespaces"})

    plan = plan_create(jd=jd, resume=resume, duration_minutes=45)

    assert plan.coding_task and plan.coding_note == "" and sandbox_status()["ready"]


@pytest.mark.parametrize("body", [
    "not a dict",
    {"type": "evaluation", "status": "ran", "submission_id": "1", "tests": {}},
    {"type": "evaluation", "status": "ran", "submission_id": 1, "tests": {"tests": "x"}},
    {"type": "evaluation", "status": "done", "submission_id": 1},
    {"task": "analysis.tasks.report_generate_task", "args": [1]},  # a task dressed as a result
    {"type": "heartbeat", "level": 3},
])
def test_the_results_queue_accepts_outcomes_and_heartbeats_only(body):
    assert outcome_clean(body) is None


@pytest.fixture
def interview_factory(make_interview):
    def make():
        interview = make_interview([])
        interview.plan.coding_task = {"id": "valid_brackets"}
        interview.plan.save()
        return interview

    return make
