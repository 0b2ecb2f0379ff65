"""Grading: correct, partially correct, wrong and broken submissions in both languages."""

from analysis.code.bank import get_task
from analysis.code.isolation import Limits
from analysis.code.runner import _same, run_tests

BRACKETS = get_task("valid_brackets")
LRU = get_task("lru_cache")

PY_PARTIAL = '''
def is_balanced(text):
    # only counts, ignores order: wrong for "([)]" and "}{"
    return all(text.count(o) == text.count(c) for o, c in ("()", "[]", "{}"))
'''
JS_PARTIAL = '''
function isBalanced(text) {
  let depth = 0;
  for (const ch of text) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}
module.exports = { isBalanced };
'''
PY_SLOW_LRU = '''
class LRUCache:
    # correct, but every eviction scans all keys for the oldest: O(capacity) per put
    def __init__(self, capacity):
        self.capacity, self.clock, self.items = capacity, 0, {}

    def get(self, key):
        if key not in self.items:
            return -1
        self.clock += 1
        self.items[key][1] = self.clock
        return self.items[key][0]

    def put(self, key, value):
        self.clock += 1
        self.items[key] = [value, self.clock]
        if len(self.items) > self.capacity:
            oldest = None
            for candidate, (_, used) in self.items.items():
                if oldest is None or used < self.items[oldest][1]:
                    oldest = candidate
            del self.items[oldest]
'''


def test_correct_python_and_javascript_pass_everything():
    for language in ("python", "javascript"):
        result = run_tests(BRACKETS, language, BRACKETS.version(language).solution)
        assert (result["passed"], result["total"]) == (9, 9)
        assert result["load_error"] is None and result["limits_hit"] == [] and not result["repeated_reports"]
        assert all(t["status"] == "passed" and t["ms"] is not None for t in result["tests"])


def test_partially_correct_python_reports_each_failure_with_expected_and_got():
    result = run_tests(BRACKETS, "python", PY_PARTIAL)

    failed = {t["name"]: t for t in result["tests"] if not t["passed"]}
    assert set(failed) == {"interleaved", "closing first"} and result["passed"] == 7
    assert failed["interleaved"]["expected"] is False and failed["interleaved"]["got"] is True
    assert failed["interleaved"]["status"] == "failed"


def test_partially_correct_javascript():
    result = run_tests(BRACKETS, "javascript", JS_PARTIAL)

    assert 0 < result["passed"] < result["total"]
    assert {t["name"] for t in result["tests"] if not t["passed"]} == {"wrong partner", "interleaved"}


def test_exceptions_and_syntax_errors_are_reported_with_lines():
    raising = run_tests(BRACKETS, "python", "def is_balanced(text):\n    return text[0] == '('\n")
    broken = run_tests(BRACKETS, "python", "def is_balanced(text)\n    return True\n")
    broken_js = run_tests(BRACKETS, "javascript", "function isBalanced(text) {\n  return (;\n}\n")

    empty = next(t for t in raising["tests"] if t["name"] == "empty string")
    assert empty["status"] == "error" and empty["error"].startswith("IndexError") and empty["line"] == 2
    assert broken["passed"] == 0 and broken["load_error"]["error"].startswith("SyntaxError")
    assert broken["load_error"]["line"] == 1
    assert broken_js["passed"] == 0 and "SyntaxError" in broken_js["load_error"]["error"]


def test_slow_but_correct_code_times_out_only_on_the_large_test():
    result = run_tests(LRU, "python", PY_SLOW_LRU, limits=Limits(per_test_s=1.0))

    statuses = {t["name"]: t["status"] for t in result["tests"]}
    assert statuses["many operations"] == "timeout"
    assert all(s == "passed" for name, s in statuses.items() if name != "many operations")
    assert "test_timeout" in result["limits_hit"]


def test_the_candidates_own_output_is_kept_apart_from_the_harness():
    code = "print('debugging', 42)\n" + BRACKETS.version("python").solution

    result = run_tests(BRACKETS, "python", code)

    assert result["passed"] == 9 and result["stdout"] == "debugging 42"


def test_grading_keeps_booleans_apart_from_numbers():
    assert _same(1, 1.0) and _same([[1, 6]], [[1, 6]]) and _same({"a": [1]}, {"a": [1]})
    assert not _same(1, True) and not _same(0, False) and not _same([1], [1, 2]) and not _same("1", 1)
    assert not _same({"a": 1}, {"a": 1, "b": 2}) and not _same(None, [])
