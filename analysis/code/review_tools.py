"""The tools a reviewer calls on one submission: run the hidden tests, get metrics, read a region.

A model calls them through function calling (`llm.gateway.run_tools`); the offline engine calls
the same ones through the same loop. Results are computed once per submission and cached, so a
reviewer that asks twice does not run the sandbox twice. Everything derived from the candidate's
code (the code itself, its output, its error messages) is untrusted text: regions come inside a
data block, and the review prompt tells the model that tool results are data, never instructions.
"""

import json

from llm.prompts import data_block
from llm.sanitize import strip_invisible
from llm.tooling import Tool

from .bank import CodingTask
from .isolation import Limits
from .runner import node_syntax_error, run_tests
from .static_js import analyze_javascript
from .static_python import analyze_python

HOT_SPOT_COMPLEXITY = 8
HOT_SPOT_NESTING = 4
MAX_REGION_LINES = 60
SHOWN_CHARS = 300


def hot_spots(functions: list[dict]) -> list[dict]:
    """Functions worth a reviewer's attention, most complex first."""
    flagged = [f for f in functions if f["complexity"] >= HOT_SPOT_COMPLEXITY or f["nesting"] >= HOT_SPOT_NESTING]
    return sorted(flagged, key=lambda f: (-f["complexity"], -f["nesting"], f["line"]))[:3]


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    text = strip_invisible(text)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


class ReviewSession:
    """One submission under review, with the tools' results cached."""

    def __init__(self, task: CodingTask, language: str, code: str, *, limits: Limits | None = None,
                 tests: dict | None = None, syntax_error: dict | None | bool = False):
        """`tests` and `syntax_error` (JavaScript) may come already computed by the sandbox worker;
        `syntax_error=False` means "not computed yet" (None means the syntax is fine)."""
        self.task, self.language, self.code, self.limits = task, language, code, limits
        self.lines = code.splitlines()
        self._tests: dict | None = tests
        self._syntax_error = syntax_error
        self._metrics: dict | None = None

    def tests(self) -> dict:
        if self._tests is None:
            self._tests = run_tests(self.task, self.language, self.code, limits=self.limits)
        return self._tests

    def metrics(self) -> dict:
        if self._metrics is None:
            if self.language == "python":
                metrics = analyze_python(self.code)
            else:
                metrics = analyze_javascript(self.code)
                metrics["syntax_error"] = (
                    node_syntax_error(self.code) if self._syntax_error is False else self._syntax_error
                )
                if metrics["syntax_error"]:
                    error = metrics["syntax_error"]
                    metrics["findings"].insert(0, {"rule": "syntax-error", "line": error["line"],
                                                   "message": error["message"], "severity": "error"})
            functions = metrics["functions"]
            metrics["max_complexity"] = max((f["complexity"] for f in functions), default=0)
            metrics["max_nesting"] = max((f["nesting"] for f in functions), default=0)
            metrics["hot_spots"] = hot_spots(functions)
            self._metrics = metrics
        return self._metrics

    # --- what the model sees -------------------------------------------------------------------

    def run_tests_tool(self, arguments: dict) -> str:
        result = self.tests()
        shown = []
        for test in result["tests"]:
            item = {"name": test["name"], "status": test["status"]}
            if not test["passed"]:
                item |= {"call": _short(test["code"]), "expected": _short(test["expected"])}
                item |= {"got": _short(test["got"])} if "got" in test else {"error": _short(test.get("error") or "")}
                if test.get("line"):
                    item["line"] = test["line"]
            shown.append(item)
        return json.dumps({
            "language": result["language"], "passed": result["passed"], "total": result["total"], "tests": shown,
            "load_error": result["load_error"] and {k: _short(v) for k, v in result["load_error"].items() if v},
            "limits_hit": result["limits_hit"], "program_output": _short(result["stdout"]),
            "repeated_reports": result.get("repeated_reports", False),
            "duration_ms": result["duration_ms"],
        })

    def get_metrics_tool(self, arguments: dict) -> str:
        metrics = self.metrics()
        keys = ("lines", "code_lines", "functions", "max_complexity", "max_nesting", "hot_spots", "findings",
                "syntax_error")
        return json.dumps({key: metrics[key] for key in keys})

    def read_region_tool(self, arguments: dict) -> str:
        start = max(1, int(arguments.get("start", 1)))
        end = min(len(self.lines), int(arguments.get("end", start)), start + MAX_REGION_LINES - 1)
        if end < start:
            return f"error: the code has {len(self.lines)} lines; ask for a range within 1-{len(self.lines)}"
        numbered = "\n".join(f"{n}: {self.lines[n - 1]}" for n in range(start, end + 1))
        return data_block(f"{self.language} code lines {start}-{end}", numbered)

    def tools(self) -> list[Tool]:
        nothing = {"type": "object", "properties": {}, "additionalProperties": False}
        region = {
            "type": "object",
            "properties": {"start": {"type": "integer", "minimum": 1, "description": "first line, 1-based"},
                           "end": {"type": "integer", "minimum": 1, "description": "last line, inclusive"}},
            "required": ["start", "end"], "additionalProperties": False,
        }
        return [
            Tool("run_tests", "Run the candidate's code against the task's hidden tests in the sandbox. Returns "
                 "passed/total, each test's status, and for failures the call, expected and actual value or error.",
                 nothing, self.run_tests_tool),
            Tool("get_metrics", "Static analysis of the code: per-function length, cyclomatic complexity and "
                 "nesting, hot spots, and lint findings (with line numbers).", nothing, self.get_metrics_tool),
            Tool("read_region", f"Read lines start..end of the candidate's code (at most {MAX_REGION_LINES} "
                 "lines), numbered.", region, self.read_region_tool),
        ]
