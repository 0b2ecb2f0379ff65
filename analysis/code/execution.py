"""What the sandbox worker does with one submission: run its hidden tests, and say what happened.

No Django and no database: the worker that runs candidate code holds no secret. Grading happens
here, outside the sandbox (`runner.run_tests`); the review, the storage and the report happen in
the application's worker once the outcome comes back (`services.code_evaluation_finish`).
"""

import logging
import os

from .bank import get_task
from .isolation import IsolationUnavailable, detect_level, level_rank, minimum_level, node_runtime, python_runtime
from .messages import ONLY_EXAMPLES
from .runner import node_syntax_error, run_tests
from .sandbox import SandboxUnavailable

log = logging.getLogger(__name__)


def execute(payload: dict) -> dict:
    """The outcome of one `sandbox.run`: {type, submission_id, status: ran|refused|error, ...}.

    `ran` carries the graded `tests` (and `syntax_error` for JavaScript; with `only: "examples"`, just
    the statement's examples, and no syntax check); `refused` means the code
    was not run because this machine cannot isolate it at the minimum level (`code`
    `isolation_unavailable`, with `level` and `minimum`); `error` is an operator problem (no
    interpreter, a misconfigured minimum, an unknown task). Never raises for what the code does.
    """
    base = {"type": "evaluation", "submission_id": payload.get("submission_id")}
    task, language, code = get_task(str(payload.get("task_id"))), payload.get("language"), payload.get("code")
    if task is None or language not in task.languages or not isinstance(code, str):
        return {**base, "status": "error", "code": "invalid_submission",
                "message": f"no task {payload.get('task_id')!r} in {language!r} on this sandbox worker"}
    examples_only = payload.get("only") == ONLY_EXAMPLES
    try:
        tests = run_tests(task, language, code, examples_only=examples_only)
        syntax_error = node_syntax_error(code) if language == "javascript" and not examples_only else None
    except IsolationUnavailable as exc:
        log.error("submission %s not run: %s", base["submission_id"], exc)
        return {**base, "status": "refused", "code": exc.code, "level": exc.level, "minimum": exc.minimum,
                "message": str(exc)}
    except SandboxUnavailable as exc:
        return {**base, "status": "error", "code": "sandbox_unavailable", "message": str(exc)}
    except ValueError as exc:  # CODE_SANDBOX_MIN_LEVEL is not a level this deployment may use
        return {**base, "status": "error", "code": "sandbox_misconfigured", "message": str(exc)}
    return {**base, "status": "ran", "level": tests["isolation"]["level"], "tests": tests,
            "syntax_error": syntax_error}


def worker_status(hostname: str | None = None) -> dict:
    """The heartbeat a sandbox worker publishes: the level it can offer now and the minimum it holds."""
    level = detect_level()
    try:
        minimum, error = minimum_level(), ""
    except ValueError as exc:
        minimum, error = "", str(exc)
    if not error and level_rank(level) < level_rank(minimum):
        error = f"isolation '{level}' is below the minimum '{minimum}': candidate code will not run"
    languages = [name for name, runtime in (("python", python_runtime()), ("javascript", node_runtime())) if runtime]
    return {"type": "heartbeat", "hostname": hostname or os.uname().nodename, "level": level, "minimum": minimum,
            "languages": languages, "error": error}
