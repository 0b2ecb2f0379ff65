"""Runs inside the sandbox (system Python, standard library only): load solution.py, evaluate each
hidden test's expression, and print one line per test: `<nonce> {"i", "ok", "value" | "error", "ms"}`.

The expected values never enter the sandbox; the worker compares them outside, so code that
tampers with this harness can only lose points, never fake a pass.

argv: nonce, seconds allowed per test.
"""

import json
import os
import signal
import sys
import time
import traceback

NONCE, PER_TEST_S = sys.argv[1], float(sys.argv[2])
MAX_VALUE_CHARS = 20_000


class Timeout(BaseException):  # BaseException: a candidate's `except Exception` cannot swallow it
    pass


def _alarm(signum, frame):
    raise Timeout(f"took longer than {PER_TEST_S:g}s")


def _emit(record: dict) -> None:
    # Written straight to fd 1, on its own line, so a candidate's unflushed print cannot split it.
    os.write(1, f"\n{NONCE} {json.dumps(record)}\n".encode())


def _describe(exc: BaseException) -> dict:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "solution.py"]
    if isinstance(exc, SyntaxError) and exc.filename == "solution.py":
        return {"error": f"{type(exc).__name__}: {exc.msg}", "line": exc.lineno}
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return {"error": text[:500], "line": frames[-1].lineno if frames else None}


def _value(value) -> object:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        return {"__unserializable__": repr(value)[:200]}
    return json.loads(text) if len(text) <= MAX_VALUE_CHARS else {"__too_large__": len(text)}


def _timed(fn):
    signal.setitimer(signal.ITIMER_REAL, PER_TEST_S)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> None:
    signal.signal(signal.SIGALRM, _alarm)
    with open("tests.json", encoding="utf-8") as handle:
        spec = json.load(handle)
    namespace = {"__name__": "solution"}
    try:
        with open("solution.py", encoding="utf-8") as handle:
            source = handle.read()
        _timed(lambda: exec(compile(source, "solution.py", "exec"), namespace))  # noqa: S102 - the sandbox's job
    except BaseException as exc:  # noqa: BLE001 - anything the candidate's module does at import
        _emit({"load_error": _describe(exc)})
        return
    # Test helpers see the candidate's names but cannot overwrite them.
    scope = dict(namespace)
    exec(compile(spec.get("prelude") or "", "prelude.py", "exec"), scope)  # noqa: S102
    for i, test in enumerate(spec["tests"]):
        started = time.perf_counter()
        try:
            code = compile(test["code"], f"test_{i}", "eval")
            value = _timed(lambda code=code: eval(code, scope))  # noqa: S307 - evaluating tests is the point
            record = {"i": i, "ok": True, "value": _value(value)}
        except BaseException as exc:  # noqa: BLE001 - a failing test, whatever it raised
            record = {"i": i, "ok": False, **_describe(exc)}
        record["ms"] = round((time.perf_counter() - started) * 1000, 2)
        _emit(record)
    _emit({"done": True})


main()
