"""Static metrics for JavaScript submissions, from a small tokenizer (no JavaScript parser needed).

Comments, strings, template literals and regular-expression literals are blanked out first, so
braces and keywords inside them do not count. Functions (`function`, arrows with a block body,
class methods) are found with their brace-delimited bodies; per function: length, cyclomatic
complexity (1 + if/for/while/case/catch/&&/||/??/ternary) and brace nesting. Lint findings:
`var`, loose equality, `eval`/`new Function`. Syntax errors come from `node --check` (in the
sandbox, see `review_tools`), which this module does not replace.
"""

import re
from bisect import bisect_left, bisect_right

_KEYWORDS_BEFORE_REGEX = {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
                          "do", "else", "yield", "await"}
_NOT_METHODS = {"if", "for", "while", "switch", "catch", "function", "return", "with", "else", "do", "try"}
_DECISION = re.compile(r"\b(?:if|for|while|case|catch)\b|&&|\|\||\?\?|\?(?![.?])")
_TOKEN = re.compile(r"[\w$]+|=>|\S")
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_BEFORE_METHOD = {"{", "}", ";", "static", "async", "get", "set", "*"}
MAX_FUNCTIONS = 100  # an interview answer has a handful; the cap bounds the work on hostile input


def _finding(rule: str, line: int | None, message: str, severity: str = "warning") -> dict:
    return {"rule": rule, "line": line, "message": message, "severity": severity}


def _regex_allowed(out: list[str]) -> bool:
    """Whether a `/` here starts a regular expression (after an operator or keyword) or divides."""
    text = "".join(out[-40:]).rstrip()
    if not text:
        return True
    if text[-1] in "(,=:[!&|?{};+-*%<>~^":
        return True
    word = re.search(r"[\w$]+$", text)
    return bool(word) and word.group() in _KEYWORDS_BEFORE_REGEX


def _skip_quoted(code: str, i: int, quote: str) -> int:
    """The index just past the string, template or regex literal that starts at code[i]."""
    j, in_class = i + 1, False
    while j < len(code):
        char = code[j]
        if char == "\\":
            j += 2
            continue
        if quote == "/" and char == "[":
            in_class = True
        elif quote == "/" and char == "]":
            in_class = False
        elif char == quote and not in_class:
            return j + 1
        elif char == "\n" and quote in "'\"/":
            return j  # unterminated: stop at the line end
        j += 1
    return j


def blank_literals(code: str) -> str:
    """The code with comments and literals replaced by spaces (newlines kept, so lines still match)."""
    out: list[str] = []
    i = 0
    while i < len(code):
        two, char = code[i:i + 2], code[i]
        if two == "//":
            end = code.find("\n", i)
            end = len(code) if end < 0 else end
        elif two == "/*":
            end = code.find("*/", i + 2)
            end = len(code) if end < 0 else end + 2
        elif char in "'\"`" or (char == "/" and _regex_allowed(out)):
            end = _skip_quoted(code, i, char)
        else:
            out.append(char)
            i += 1
            continue
        out.append("".join(c if c == "\n" else " " for c in code[i:end]))
        i = max(end, i + 1)
    return "".join(out)


def _pairs(tokens: list[tuple[str, int]]) -> dict[int, int]:
    """Token index of each bracket's partner (both ways); unbalanced brackets have none."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, (lexeme, _) in enumerate(tokens):
        if lexeme in "({[":
            stack.append(i)
        elif lexeme in ")}]" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def _arrow_name(tokens: list[tuple[str, int]], pairs: dict[int, int], arrow: int) -> str:
    """The name a function expression is assigned to (`name = (a) => {`, `name: function () {`)."""
    params = pairs.get(arrow - 1, arrow - 1) if tokens[arrow - 1][0] == ")" else arrow - 1
    before = params - 1 - (params >= 2 and tokens[params - 1][0] == "async")
    if before >= 1 and tokens[before][0] in ("=", ":") and _IDENTIFIER.fullmatch(tokens[before - 1][0]):
        return tokens[before - 1][0]
    return "(anonymous)"


def _heads(tokens: list[tuple[str, int]], pairs: dict[int, int]) -> list[tuple[str, int, int]]:
    """(name, head lexeme, opening-brace lexeme) of each function with a block body: `function`,
    arrows with a block body, and methods (`name(...) {` after `{`, `}`, `;` or a modifier)."""
    heads, n = [], len(tokens)

    def after_params(open_paren: int) -> int | None:
        close = pairs.get(open_paren) if open_paren < n and tokens[open_paren][0] == "(" else None
        return close + 1 if close is not None and close + 1 < n and tokens[close + 1][0] == "{" else None

    for i, (lexeme, _) in enumerate(tokens):
        if lexeme == "function":
            j = i + 1 + (i + 1 < n and tokens[i + 1][0] == "*")
            named = j < n and _IDENTIFIER.fullmatch(tokens[j][0]) is not None
            brace = after_params(j + named)
            if brace is not None:
                name = tokens[j][0] if named else _arrow_name(tokens, pairs, i + 1) if i else "(anonymous)"
                heads.append((name, i, brace))
        elif lexeme == "=>" and i and i + 1 < n and tokens[i + 1][0] == "{":
            heads.append((_arrow_name(tokens, pairs, i), i, i + 1))
        elif _IDENTIFIER.fullmatch(lexeme) and lexeme not in _NOT_METHODS and (
                i == 0 or tokens[i - 1][0] in _BEFORE_METHOD):
            brace = after_params(i + 1)
            if brace is not None:
                heads.append((lexeme, i, brace))
        if len(heads) >= MAX_FUNCTIONS:
            break
    return heads


def _nesting(braces: list[tuple[int, int]], start: int, end: int) -> int:
    """Deepest brace level inside [start, end] below the function's own braces."""
    depths = [depth for _, depth in braces[bisect_left(braces, (start, -1)):bisect_right(braces, (end, 10**9))]]
    return max(depths, default=0) - min(depths, default=0)


def _functions(clean: str) -> list[dict]:
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(clean)]
    pairs = _pairs(tokens)
    decisions = [m.start() for m in _DECISION.finditer(clean)]
    braces, depth = [], 0
    for lexeme, position in tokens:
        if lexeme in "{}":
            depth += lexeme == "{"
            braces.append((position, depth))
            depth -= lexeme == "}"
    spans = [(name, tokens[head][1], tokens[brace][1], tokens[pairs.get(brace, len(tokens) - 1)][1])
             for name, head, brace in _heads(tokens, pairs)]
    found = []
    for name, head, start, end in spans:
        # Decisions of nested functions are theirs, not this one's.
        inner = [(s, e) for _, _, s, e in spans if start < s and e <= end]
        direct = [(s, e) for s, e in inner if not any(s2 < s and e <= e2 for s2, e2 in inner)]
        count = bisect_right(decisions, end) - bisect_left(decisions, start)
        count -= sum(bisect_right(decisions, e) - bisect_left(decisions, s) for s, e in direct)
        line, end_line = clean.count("\n", 0, head) + 1, clean.count("\n", 0, end) + 1
        found.append({"name": name, "line": line, "end_line": end_line, "length": end_line - line + 1,
                      "complexity": 1 + count, "nesting": _nesting(braces, start, end)})
    return found


def _lint(clean: str) -> list[dict]:
    rules = [
        ("var", re.compile(r"\bvar\b"), "'var' is function-scoped; prefer 'let' or 'const'"),
        ("loose-equality", re.compile(r"(?<![=!<>])[=!]=(?!=)"), "loose equality ('==' / '!='); prefer '===' / '!=='"),
        ("eval", re.compile(r"\beval\s*\(|\bnew\s+Function\s*\("), "'eval' / 'new Function' runs text as code"),
    ]
    findings = []
    for number, line in enumerate(clean.splitlines(), start=1):
        for rule, pattern, message in rules:
            if pattern.search(line):
                findings.append(_finding(rule, number, message))
    return findings


def analyze_javascript(code: str) -> dict:
    """Metrics and lint findings for one JavaScript source text (syntax is checked separately)."""
    clean = blank_literals(code)
    lines = code.splitlines()
    code_lines = sum(1 for line in clean.splitlines() if line.strip())
    return {"language": "javascript", "lines": len(lines), "code_lines": code_lines,
            "functions": _functions(clean), "syntax_error": None, "findings": _lint(clean)}
