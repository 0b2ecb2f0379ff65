"""The review of a submission: an agent that calls the review tools, then writes for the recruiter.

With a real model, `CODE_REVIEW` runs through `llm.gateway.run_tools`: the model calls
run_tests / get_metrics / read_region by function calling and then writes the review. Offline, the
prompt's deterministic `offline_code_review` plays the agent in the same loop: it calls the same
tools, reads the region around the worst spot, and writes the review from what they returned.
If the model fails, the review is written the offline way from the session's cached results, and
says so. A review reports and suggests; it never scores or recommends.
"""

import json
import logging
import re

from interview_site.redaction import safe_error
from llm.gateway import Subject, run_tools_sync
from llm.prompts import Prompt, data_block
from llm.providers.base import ProviderError

from .review_tools import ReviewSession

log = logging.getLogger(__name__)
REVIEW_DEADLINE_S = 180
MAX_REVIEW_CHARS = 3000
LANGUAGE_NAMES = {"python": "Python", "javascript": "JavaScript"}
# Patterns that make a loop quadratic, looked for in the region read when a large input timed out.
_SLOW = {
    "python": [(r"\.pop\(0\)", "list.pop(0) shifts the whole list: use collections.deque.popleft()"),
               (r"\.insert\(0,", "list.insert(0, x) shifts the whole list: use a deque or append and reverse"),
               (r"\.index\(|\bin \w+\s*:|\.remove\(", "searching a list inside a loop is linear each time: use a "
                "dict or set")],
    "javascript": [(r"\.shift\(\)", "Array.shift() moves every element: keep a head index or use a deque"),
                   (r"\.indexOf\(|\.includes\(|\.splice\(", "searching or splicing an array inside a loop is linear "
                    "each time: use a Map or Set")],
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _quoted(names: list[str]) -> str:
    return ", ".join(f"\u201c{n}\u201d" for n in names)


LIMIT_ADVICE = {
    "processes": "it starts processes or threads without bound",
    "memory": "it allocates memory without bound",
    "output": "it prints far more output than a solution needs",
    "file_size": "it writes files larger than allowed",
    "cpu": "it runs without end",
    "timeout": "it did not finish in time",
}

LIMIT_SUGGESTIONS = {
    "processes": "Do not start processes or threads: the task needs none, and the sandbox allows only a few.",
    "memory": "Keep memory bounded by the input: nothing in the task needs more than a few megabytes.",
    "output": "Remove the bulk printing: a solution returns its answer and prints little or nothing.",
    "file_size": "Do not write large files: the task is solved in memory.",
}


def _outcome_sentence(tests: dict) -> str:
    language = LANGUAGE_NAMES.get(tests["language"], tests["language"])
    error = tests.get("load_error")
    if error:
        where = f" (line {error['line']})" if error.get("line") else ""
        return (f"The {language} code did not run: {error.get('error')}{where}, so none of the "
                f"{tests['total']} hidden tests could pass.")
    return f"Passed {tests['passed']} of {tests['total']} hidden tests in {language}."


def _failure_details(tests: dict) -> list[str]:
    failed = [t for t in tests["tests"] if t["status"] not in ("passed", "not_run")]
    if tests.get("load_error") or not failed:
        return []
    details = []
    for test in failed[:4]:
        if test.get("error"):
            line = f", line {test['line']}" if test.get("line") else ""
            details.append(f"\u201c{test['name']}\u201d ({test['error']}{line})")
        else:
            details.append(f"\u201c{test['name']}\u201d (expected {test['expected']}, got {test.get('got')})")
    more = f" and {len(failed) - 4} more" if len(failed) > 4 else ""
    return [f"Failed: {'; '.join(details)}{more}."]


def _tests_sentences(tests: dict) -> list[str]:
    sentences = [_outcome_sentence(tests), *_failure_details(tests)]
    not_run = sum(t["status"] == "not_run" for t in tests["tests"])
    if not_run and not tests.get("load_error"):
        sentences.append(f"{not_run} test{'s' if not_run > 1 else ''} never ran because the program was stopped.")
    limits = [hit for hit in tests.get("limits_hit", []) if hit in LIMIT_ADVICE]
    if limits:
        why = "; ".join(LIMIT_ADVICE[hit] for hit in limits)
        sentences.append(f"The sandbox stopped it at its {', '.join(limits)} limit{'s' if len(limits) > 1 else ''}: "
                         f"{why}.")
    if tests.get("repeated_reports"):
        sentences.append("Some test results were reported twice (the program printed lines imitating the test "
                         "harness, or forked while tests ran); only the first report of each was used.")
    return sentences


def _metrics_sentences(metrics: dict) -> list[str]:
    functions, sentences = metrics.get("functions", []), []
    if metrics.get("hot_spots"):
        spot = metrics["hot_spots"][0]
        sentences.append(
            f"{_count(len(functions), 'function')} in {_count(metrics['code_lines'], 'line')} of code; "
            f"the hot spot is `{spot['name']}` (cyclomatic complexity {spot['complexity']}, nesting depth "
            f"{spot['nesting']}, lines {spot['line']}-{spot['end_line']})."
        )
    elif functions:
        sentences.append(f"{_count(len(functions), 'function')} in {_count(metrics['code_lines'], 'line')} of code, "
                         f"none complex (highest cyclomatic complexity {metrics['max_complexity']}).")
    findings = [f for f in metrics.get("findings", []) if f["rule"] != "syntax-error"]
    if findings:
        shown = "; ".join(f"{f['message']} (line {f['line']})" for f in findings[:5])
        sentences.append(f"Lint: {shown}{'; …' if len(findings) > 5 else ''}.")
    return sentences


def _suggestions(tests: dict, metrics: dict, region: str) -> list[str]:
    found, errors = [], " ".join(str(t.get("error") or "") for t in tests["tests"])
    limits = [hit for hit in tests.get("limits_hit", []) if hit in ("processes", "memory", "output", "file_size")]
    if limits:
        found.append(LIMIT_SUGGESTIONS[limits[0]])
    elif tests.get("load_error") or metrics.get("syntax_error"):
        error = metrics.get("syntax_error") or tests["load_error"]
        where = f" at line {error['line']}" if error.get("line") else ""
        found.append(f"Fix the error{where} first: nothing can be judged until the code runs.")
    if "RecursionError" in errors or "Maximum call stack" in errors:
        found.append("Replace the recursion with an explicit stack or loop: deep inputs exceed the recursion limit.")
    if any(t["status"] == "timeout" for t in tests["tests"]) or "timeout" in tests.get("limits_hit", []):
        slow = next((advice for pattern, advice in _SLOW.get(tests["language"], []) if re.search(pattern, region)),
                    None)
        found.append(f"Large inputs ran out of time: {slow}." if slow else
                     "Large inputs ran out of time: look for work repeated inside loops and aim for O(n log n) or "
                     "better.")
    wrong = [t["name"] for t in tests["tests"] if t["status"] == "failed"]
    if wrong:
        found.append(f"Re-check the cases behind {_quoted(wrong[:2])}: the result differs from what the task "
                     "asks, so an edge case in the statement is probably missed.")
    if metrics.get("hot_spots"):
        spot = metrics["hot_spots"][0]
        found.append(f"Split `{spot['name']}` into smaller functions or use early returns to cut its branching.")
    rules = {f["rule"] for f in metrics.get("findings", [])}
    for rule, advice in (("mutable-default", "Default to None instead of a mutable value, which is shared between "
                          "calls."), ("bare-except", "Catch the specific exception instead of a bare except."),
                         ("loose-equality", "Use === and !== to avoid type coercion.")):
        if rule in rules:
            found.append(advice)
    return found[:2]


def write_review(tests: dict, metrics: dict, region: str = "") -> str:
    """The deterministic review: what passed and failed, complexity hot spots, lint, one or two suggestions.

    `tests` and `metrics` are what the run_tests and get_metrics tools return; `region` what
    read_region returned, if it was called.
    """
    sentences = _tests_sentences(tests) + _metrics_sentences(metrics)
    suggestions = _suggestions(tests, metrics, region)
    if suggestions:
        sentences.append("Suggestion" + ("s: " if len(suggestions) > 1 else ": ") + " ".join(suggestions))
    elif tests["passed"] == tests["total"]:
        sentences.append("No changes needed to pass; the code is clear enough to discuss extensions.")
    return " ".join(sentences)[:MAX_REVIEW_CHARS]


def _focus(tests: dict, metrics: dict) -> tuple[int, int] | None:
    """The lines most worth reading: the hot spot, else around the first failure's line."""
    if metrics.get("hot_spots"):
        spot = metrics["hot_spots"][0]
        return spot["line"], spot["end_line"]
    line = next((t.get("line") for t in tests["tests"] if t.get("line")), None)
    if line is None and any(t["status"] == "timeout" for t in tests["tests"]) and metrics.get("functions"):
        biggest = max(metrics["functions"], key=lambda f: f["complexity"])
        return biggest["line"], biggest["end_line"]
    return (max(1, line - 5), line + 5) if line else None


def offline_code_review(context: dict) -> dict:
    """`CODE_REVIEW.offline`: run the tests and the metrics, read the worst region, then write."""
    results = {r["name"]: r["content"] for r in context.get("tool_results", []) if not r.get("error")}
    if not {"run_tests", "get_metrics"} <= results.keys():
        if context.get("final"):
            return {"text": "The review could not be written: the tests or the metrics did not run."}
        return {"calls": [{"name": "run_tests"}, {"name": "get_metrics"}]}
    tests, metrics = json.loads(results["run_tests"]), json.loads(results["get_metrics"])
    focus = _focus(tests, metrics)
    if focus and "read_region" not in results and not context.get("final"):
        return {"calls": [{"name": "read_region", "arguments": {"start": focus[0], "end": focus[1]}}]}
    return {"text": write_review(tests, metrics, results.get("read_region", ""))}


CODE_REVIEW = Prompt(name="code_review", version=1, role="main", offline=offline_code_review, max_tokens=1200)


def _outline(session: ReviewSession) -> str:
    functions = session.metrics()["functions"]
    lines = [f"- {f['name']}: lines {f['line']}-{f['end_line']}" for f in functions] or ["- (no functions found)"]
    return "\n".join(lines)


def review_context(session: ReviewSession) -> dict:
    return {
        "language": LANGUAGE_NAMES.get(session.language, session.language),
        "title": session.task.title,
        "statement_block": data_block("task statement", session.task.statement),
        "line_count": len(session.lines),
        "outline_block": data_block("function outline", _outline(session)),
    }


def offline_review(session: ReviewSession) -> str:
    """The offline review straight from the session's tools, for when the model path failed."""
    tests, metrics = json.loads(session.run_tests_tool({})), json.loads(session.get_metrics_tool({}))
    focus = _focus(tests, metrics)
    region = session.read_region_tool({"start": focus[0], "end": focus[1]}) if focus else ""
    return write_review(tests, metrics, region)


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_REVIEW_CHARS]


def review_submission(session: ReviewSession, *, interview_id: int | None = None) -> dict:
    """{"text", "source", "model", "steps": [{"tool", "arguments", "error"}]} for one submission."""
    try:
        run = run_tools_sync(CODE_REVIEW, review_context(session), session.tools(),
                             subject=Subject(interview_id=interview_id), max_steps=6, deadline_s=REVIEW_DEADLINE_S)
    except ProviderError as exc:
        log.warning("code review by model failed, writing it offline: %s", exc)
        return {"text": offline_review(session), "source": "offline", "model": "", "steps": [],
                "note": f"model failed: {safe_error(exc)}"[:300]}
    text = _clean(run.text) or offline_review(session)
    steps = [{"tool": s.name, "arguments": s.arguments, "error": s.error} for s in run.steps]
    source = "offline" if run.provider == "offline" else "model"
    return {"text": text, "source": source, "model": f"{run.provider}:{run.model}", "steps": steps}
