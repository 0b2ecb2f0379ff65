"""What the application knows about the sandbox workers (from their heartbeats), and what an examples run found."""

import json
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .isolation import level_rank
from .models import CodeSubmission, SandboxHeartbeat


def sandbox_status() -> dict:
    """{ready, level, minimum, hostname, seen_at, reason}: whether candidate code can run safely now.

    Ready when a sandbox worker reported within `CODE_SANDBOX_HEARTBEAT_STALE_S` a level at or above
    `CODE_SANDBOX_MIN_LEVEL`. The application's own machine is never probed: it does not run code.
    """
    minimum = settings.CODE_SANDBOX_MIN_LEVEL
    fresh_after = timezone.now() - timedelta(seconds=settings.CODE_SANDBOX_HEARTBEAT_STALE_S)
    beats = list(SandboxHeartbeat.objects.filter(seen_at__gte=fresh_after))
    best = max(beats, key=lambda b: (level_rank(b.level), b.seen_at), default=None)
    status = {"ready": False, "level": best.level if best else None, "minimum": minimum,
              "hostname": best.hostname if best else None, "seen_at": best.seen_at if best else None}
    if best is None:
        status["reason"] = ("no sandbox worker has reported in the last "
                            f"{settings.CODE_SANDBOX_HEARTBEAT_STALE_S} s, so candidate code cannot run")
    elif level_rank(best.level) < level_rank(minimum):
        status["reason"] = (f"the sandbox worker offers only '{best.level}' isolation and the minimum is "
                            f"'{minimum}', so candidate code cannot run safely")
    else:
        status["ready"], status["reason"] = True, ""
    return status


EXAMPLE_TEXT = 500  # what came back or the error, per example, as the page shows it


def _shown(value) -> object:
    """A value the candidate's code returned, kept as it is unless its JSON is long (then a cut string)."""
    text = json.dumps(value, ensure_ascii=False)
    return value if len(text) <= EXAMPLE_TEXT else text[:EXAMPLE_TEXT] + "…"


def code_examples_result(*, run_id: int) -> dict | None:
    """The `code.result` fields of an examples run once it has settled, None while it runs:
    {status: ran|not_run|failed, passed, total, tests: [{name, call, expected, got?, error?, passed}]}."""
    run = CodeSubmission.objects.filter(pk=run_id, purpose=CodeSubmission.Purpose.EXAMPLES).first()
    if run is None:
        return examples_failed()
    if run.status in (CodeSubmission.Status.PENDING, CodeSubmission.Status.RUNNING):
        return None
    if run.status == CodeSubmission.Status.NOT_RUN:
        return {"status": "not_run", "passed": 0, "total": 0, "tests": [],
                "message": "The examples can't run right now: this server cannot isolate code safely at the moment."}
    if run.status == CodeSubmission.Status.FAILED:
        return examples_failed()
    graded = (run.result or {}).get("tests") or {}
    tests = []
    for test in graded.get("tests") or []:
        shown = {"name": test.get("name"), "call": test.get("code"), "expected": test.get("expected"),
                 "passed": bool(test.get("passed"))}
        if "got" in test:
            shown["got"] = _shown(test["got"])
        if test.get("error"):
            shown["error"] = str(test["error"])[:EXAMPLE_TEXT]
        tests.append(shown)
    return {"status": "ran", "passed": int(graded.get("passed") or 0), "total": int(graded.get("total") or 0),
            "tests": tests}


def examples_failed() -> dict:
    return {"status": "failed", "passed": 0, "total": 0, "tests": [],
            "message": "The examples could not be run this time. Your code is unchanged; you can still submit it."}
