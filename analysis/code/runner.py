"""Run a submission against its task's hidden tests in the sandbox, and grade it outside.

The sandbox receives the candidate's code, the test expressions and a small harness; it reports
each expression's value. The expected values stay here: grading compares them with what came
back, so nothing the submitted code does inside can turn a failure into a pass.
"""

import json
import re
import secrets
import signal
from pathlib import Path

from .bank import CodingTask
from .isolation import Limits
from .sandbox import SandboxRun, sandbox_run

HARNESS_DIR = Path(__file__).resolve().parent / "harness"
HARNESS = {"python": "run_python.py", "javascript": "run_javascript.js"}
SOLUTION = {"python": "solution.py", "javascript": "solution.js"}
TEXT_KEEP = 4000
_LIMIT_PATTERNS = {
    "memory": re.compile(
        r"MemoryError|heap out of memory|Array buffer allocation failed|Cannot allocate memory|ENOMEM|std::bad_alloc"
    ),
    "processes": re.compile(r"Resource temporarily unavailable|EAGAIN|BlockingIOError"),
    "file_size": re.compile(r"File too large|EFBIG|No space left on device|ENOSPC"),
    "open_files": re.compile(r"Too many open files|EMFILE"),
    "test_timeout": re.compile(r"^Timeout: "),
}
_SIGNAL_LIMITS = {signal.SIGXCPU: "cpu", signal.SIGXFSZ: "file_size"}
SYNTAX_LIMITS = Limits(wall_s=10, cpu_s=5)
_NODE_SYNTAX = re.compile(r"solution\.js:(\d+)")


def _same(got, expected) -> bool:
    """JSON equality that keeps booleans apart from numbers (True == 1 in Python, not here)."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(got) is type(expected) and got == expected
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return got == expected
    if isinstance(expected, list) and isinstance(got, list):
        return len(got) == len(expected) and all(_same(g, e) for g, e in zip(got, expected, strict=True))
    if isinstance(expected, dict) and isinstance(got, dict):
        return got.keys() == expected.keys() and all(_same(got[k], expected[k]) for k in expected)
    return type(got) is type(expected) and got == expected


def _records(stdout: str, nonce: str) -> tuple[dict[int, dict], dict | None, bool, str, bool]:
    """The harness's lines by test index, a load error, whether it finished, the candidate's own output,
    and whether a test or the end was reported twice (the program printed imitations, or forked
    mid-run); the first report of each counts."""
    by_index, load_error, done, own, seen = {}, None, False, [], []
    for line in stdout.splitlines():
        if not line.startswith(nonce + " "):
            own.append(line)
            continue
        try:
            record = json.loads(line[len(nonce) + 1:])
        except ValueError:
            continue
        if "load_error" in record:
            load_error = load_error or record["load_error"]
            continue  # forked copies of a failing import each report it: not an imitation
        elif record.get("done"):
            done, key = True, "done"
        elif isinstance(record.get("i"), int):
            by_index.setdefault(record["i"], record)
            key = record["i"]
        else:
            continue
        seen.append(key)
    # The harness writes each key once. Repeats cannot fake a pass (expected values never enter the
    # sandbox), but a recruiter should know.
    return by_index, load_error, done, "\n".join(own).strip("\n"), len(seen) != len(set(seen))


def _outcome(test, record: dict | None, load_error: dict | None, stopped: str) -> dict:
    base = {"name": test.name, "code": test.code, "expected": test.expect}
    if load_error is not None:
        return {**base, "passed": False, "status": "error", "error": load_error.get("error"),
                "line": load_error.get("line")}
    if record is None:
        return {**base, "passed": False, "status": "not_run", "error": stopped}
    if not record.get("ok"):
        status = "timeout" if str(record.get("error", "")).startswith("Timeout: ") else "error"
        return {**base, "passed": False, "status": status, "error": record.get("error"), "line": record.get("line"),
                "ms": record.get("ms")}
    passed = _same(record.get("value"), test.expect)
    return {**base, "passed": passed, "status": "passed" if passed else "failed", "got": record.get("value"),
            "ms": record.get("ms")}


def _limits_hit(run: SandboxRun, outcomes: list[dict]) -> list[str]:
    hits = list(run.limits_hit)
    if run.signal in _SIGNAL_LIMITS:
        hits.append(_SIGNAL_LIMITS[run.signal])
    texts = [str(o.get("error") or "") for o in outcomes] + [run.stderr]
    texts += [json.dumps(o["got"]) for o in outcomes if "got" in o]  # errors the code caught and returned
    for name, pattern in _LIMIT_PATTERNS.items():
        if any(pattern.search(text) for text in texts):
            hits.append(name)
    return list(dict.fromkeys(hits))


def _stopped_reason(run: SandboxRun, done: bool) -> str:
    if done:
        return "not reported"
    hits = run.limits_hit + [name for name, pattern in _LIMIT_PATTERNS.items() if pattern.search(run.stderr)]
    if hits:
        return f"not run: the program was stopped ({', '.join(dict.fromkeys(hits))})"
    how = f" (signal {run.signal})" if run.signal else f" (exit {run.exit_code})" if run.exit_code else ""
    return f"not run: the program ended early{how}"


def limits_summary(limits: Limits) -> dict:
    return {"wall_s": limits.wall_s, "cpu_s": limits.cpu_s, "per_test_s": limits.per_test_s,
            "memory_mb": limits.memory_bytes // 2**20, "node_heap_mb": limits.node_heap_mb,
            "processes": limits.processes, "file_mb": limits.file_bytes // 2**20,
            "output_kb": limits.output_bytes // 1024}


def run_tests(task: CodingTask, language: str, code: str, *, limits: Limits | None = None,
              examples_only: bool = False) -> dict:
    """Passed/total, each hidden test's outcome, the program's output (truncated), timing, limit hits, isolation.

    With `examples_only`, just the tests the statement shows (`task.examples`) run.
    """
    limits = limits or Limits()
    version = task.version(language)
    tests = task.example_tests(language) if examples_only else version.tests
    nonce = secrets.token_hex(8)
    harness = HARNESS[language]
    spec = {"prelude": version.prelude, "tests": [{"name": t.name, "code": t.code} for t in tests]}
    files = {SOLUTION[language]: code, "tests.json": json.dumps(spec),
             harness: (HARNESS_DIR / harness).read_text(encoding="utf-8")}
    per_test = str(limits.per_test_s) if language == "python" else str(int(limits.per_test_s * 1000))
    run = sandbox_run(files, language=language, script=harness, args=[nonce, per_test], limits=limits)
    by_index, load_error, done, own_output, repeated = _records(run.stdout, nonce)
    stopped = _stopped_reason(run, done)
    outcomes = [_outcome(t, by_index.get(i), load_error, stopped) for i, t in enumerate(tests)]
    return {
        "task": task.id, "language": language,
        "passed": sum(o["passed"] for o in outcomes), "total": len(outcomes), "tests": outcomes,
        "load_error": load_error, "stdout": own_output[:TEXT_KEEP], "stderr": run.stderr[-TEXT_KEEP:],
        "exit_code": run.exit_code, "signal": run.signal, "duration_ms": run.duration_ms, "cpu_ms": run.cpu_ms,
        "limits_hit": _limits_hit(run, outcomes), "limits": limits_summary(limits), "isolation": run.isolation,
        "repeated_reports": repeated,
    }


def node_syntax_error(code: str) -> dict | None:
    """`node --check` in the sandbox: compiles without running. None when the syntax is fine."""
    run = sandbox_run({"solution.js": code}, language="javascript", script="solution.js", args=[],
                      limits=SYNTAX_LIMITS, flags=("--check",))
    if run.exit_code == 0:
        return None
    line = _NODE_SYNTAX.search(run.stderr)
    message = next((m for m in run.stderr.splitlines() if "Error" in m), "the syntax check failed")
    return {"line": int(line.group(1)) if line else None, "message": message.strip()[:300]}
