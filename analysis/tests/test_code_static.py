"""Static analysis: Python through `ast`, JavaScript through the tokenizer and `node --check`."""

import time

from analysis.code.review_tools import hot_spots, node_syntax_error
from analysis.code.static_js import analyze_javascript, blank_literals
from analysis.code.static_python import analyze_python

PYTHON = '''import os
import json as j
from typing import List


def messy(x, items=[], list=None, *, opts={}):
    total = 0
    unused = 5
    for i in range(3):
        if x and i or x > 2:
            try:
                total += i
            except:
                pass
    return total


def fine(values):
    first, _ = values
    return [v for v in values if v if v > 0] + [first]
'''


def rules(findings) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in findings]


def test_python_metrics_per_function():
    result = analyze_python(PYTHON)

    messy, fine = result["functions"]
    assert (messy["name"], messy["line"], messy["end_line"], messy["length"]) == ("messy", 6, 15, 10)
    assert messy["complexity"] == 6 and messy["nesting"] == 3  # for, if, and/or (2), except
    assert fine["complexity"] == 4 and fine["nesting"] == 0  # comprehension + 2 ifs
    assert result["lines"] == 20 and result["syntax_error"] is None


def test_python_lint_findings():
    found = rules(analyze_python(PYTHON)["findings"])

    assert ("unused-import", 1) in found and ("unused-import", 2) in found and ("unused-import", 3) in found
    assert found.count(("mutable-default", 6)) == 2
    assert ("shadowed-builtin", 6) in found
    assert ("unused-variable", 8) in found
    assert ("bare-except", 13) in found
    assert not any(rule == "unused-variable" and line in (9, 19) for rule, line in found)  # loop var, unpacking


def test_python_syntax_errors_and_absurd_input_do_not_raise():
    broken = analyze_python("def f(:\n    pass\n")
    nested = analyze_python("x = " + "(" * 400 + ")" * 400)
    unary = analyze_python("x = " + "-" * 200_000 + "1")

    assert broken["syntax_error"]["line"] == 1 and broken["findings"][0]["rule"] == "syntax-error"
    assert nested["findings"][0]["rule"] == "syntax-error"
    assert unary["findings"][0]["rule"] in ("syntax-error", "unanalysable")


JAVASCRIPT = '''// a comment with { braces } and if (x) && y
var label = "if { } && ||";
const re = /[{}]+/g;
function merge(a, b) {
  if (a == b) { return a / 2 / b; }
  for (const i of a) {
    while (i && b || label) { if (i) { eval("1"); } }
  }
  return `tmpl ${a} {`;
}
const square = (y) => {
  return y ? y * y : 0;
};
class Cache {
  constructor(n) { this.n = n; }
  get(k) {
    if (k != null) return 1;
    return this.n?.x ?? 0;
  }
}
'''


def test_javascript_literals_do_not_count():
    clean = blank_literals(JAVASCRIPT)

    assert "braces" not in clean and "tmpl" not in clean and "[{}]" not in clean
    assert clean.count("\n") == JAVASCRIPT.count("\n")


def test_javascript_metrics_per_function():
    functions = {f["name"]: f for f in analyze_javascript(JAVASCRIPT)["functions"]}

    assert set(functions) == {"merge", "square", "constructor", "get"}
    assert functions["merge"]["complexity"] == 7 and functions["merge"]["nesting"] == 3
    assert (functions["merge"]["line"], functions["merge"]["end_line"]) == (4, 10)
    assert functions["square"]["complexity"] == 2
    assert functions["get"]["complexity"] == 3  # if, ?? (optional chaining is not a branch)


def test_javascript_lint_findings():
    found = rules(analyze_javascript(JAVASCRIPT)["findings"])

    assert ("var", 2) in found and ("loose-equality", 5) in found and ("loose-equality", 17) in found
    assert ("eval", 7) in found and len(found) == 4


def test_node_check_finds_syntax_errors_without_running_the_code():
    assert node_syntax_error("function ok() { return 1; }\nwhile (true) {}\n") is None
    error = node_syntax_error("const a = 1;\nconst b = ;\nconst c = 2;\n")
    assert error["line"] == 2 and "SyntaxError" in error["message"]


def test_hot_spots_are_the_complex_or_deep_functions():
    functions = [{"name": "a", "line": 1, "complexity": 3, "nesting": 1},
                 {"name": "b", "line": 9, "complexity": 12, "nesting": 2},
                 {"name": "c", "line": 30, "complexity": 4, "nesting": 5}]

    assert [f["name"] for f in hot_spots(functions)] == ["b", "c"]


def test_hostile_javascript_is_analysed_in_linear_time():
    size = 64 * 1024
    for code in ["a" * size, " " * size + "x", "(" * size, "x=>{" * (size // 4), "m(){" * (size // 4),
                 "/*" * (size // 2), "`${" * (size // 3), "function f(){" * (size // 13)]:
        started = time.perf_counter()
        result = analyze_javascript(code)
        assert time.perf_counter() - started < 5, code[:10]  # the regex version took minutes
        assert len(result["functions"]) <= 100
