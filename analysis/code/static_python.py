"""Static analysis of Python submissions with the standard library's `ast` (no code is executed).

Per function: length, cyclomatic complexity (1 + decision points) and block nesting depth. Lint
findings: syntax errors, unused imports and local variables, bare `except:`, mutable default
arguments and names that shadow builtins. The parser is CPython's own, which refuses absurd
nesting with a SyntaxError; the walk is guarded against recursion errors all the same.
"""

import ast
import builtins

BUILTIN_NAMES = {name for name in dir(builtins) if not name.startswith("_") and name.islower()}
_DECISIONS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.Assert,
              ast.comprehension, ast.match_case)
_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "deque"}


def _finding(rule: str, line: int | None, message: str, severity: str = "warning") -> dict:
    return {"rule": rule, "line": line, "message": message, "severity": severity}


def complexity(node: ast.AST) -> int:
    """McCabe's number for one function, not counting functions nested inside it."""
    count = 1
    for child in _walk_own(node):
        if isinstance(child, _DECISIONS):
            count += 1 + (len(child.ifs) if isinstance(child, ast.comprehension) else 0)
        elif isinstance(child, ast.BoolOp):
            count += len(child.values) - 1
    return count


def _walk_own(node: ast.AST):
    """Every node in a function's body, stopping at nested functions, lambdas and classes."""
    for child in ast.iter_child_nodes(node):
        yield child
        if not isinstance(child, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)):
            yield from _walk_own(child)


def nesting(node: ast.AST, depth: int = 0) -> int:
    deepest = depth
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (*_FUNCTIONS, ast.ClassDef)):
            continue
        deepest = max(deepest, nesting(child, depth + isinstance(child, _BLOCKS)))
    return deepest


def _functions(tree: ast.Module) -> list[dict]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, _FUNCTIONS):
            end = getattr(node, "end_lineno", node.lineno) or node.lineno
            found.append({"name": node.name, "line": node.lineno, "end_line": end, "length": end - node.lineno + 1,
                          "complexity": complexity(node), "nesting": nesting(node)})
    return sorted(found, key=lambda f: f["line"])


def _loaded_names(tree: ast.AST) -> set[str]:
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    for node in ast.walk(tree):  # names listed in __all__ count as used
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            names |= {e.value for e in ast.walk(node.value) if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return names


def _unused_imports(tree: ast.Module) -> list[dict]:
    used, findings = _loaded_names(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and getattr(node, "module", None) != "__future__":
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if alias.name != "*" and bound not in used:
                    findings.append(_finding("unused-import", node.lineno, f"'{alias.name}' is imported but not used"))
    return findings


def _unused_locals(function: ast.AST) -> list[dict]:
    stored: dict[str, int] = {}
    loaded: set[str] = set()
    declared: set[str] = set()
    for node in _walk_own(function):
        if isinstance(node, ast.Global | ast.Nonlocal):
            declared |= set(node.names)
        elif isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loaded.add(node.id)
            else:
                stored.setdefault(node.id, node.lineno)
    # Closures read their parent's names: a nested function's loads count as uses.
    for nested in (n for n in ast.walk(function) if n is not function and isinstance(n, (*_FUNCTIONS, ast.Lambda))):
        loaded |= _loaded_names(nested)
    # Unpacking (a, _ = pair) and loop variables (for i in range(3)) are not flagged, as in pyflakes.
    unpacked = {n.id for t in ast.walk(function) if isinstance(t, ast.Tuple | ast.List)
                for n in t.elts if isinstance(n, ast.Name)}
    unpacked |= {t.target.id for t in ast.walk(function)
                 if isinstance(t, ast.For | ast.AsyncFor | ast.comprehension) and isinstance(t.target, ast.Name)}
    return [
        _finding("unused-variable", line, f"local variable '{name}' is assigned but never used")
        for name, line in stored.items()
        if name not in loaded and name not in declared and name not in unpacked and not name.startswith("_")
    ]


def _mutable_defaults(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[dict]:
    findings = []
    for default in [*function.args.defaults, *(d for d in function.args.kw_defaults if d is not None)]:
        literal = isinstance(default, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp)
        call = isinstance(default, ast.Call) and isinstance(default.func, ast.Name) and \
            default.func.id in _MUTABLE_CALLS
        if literal or call:
            findings.append(_finding(
                "mutable-default", default.lineno,
                f"mutable default argument in '{function.name}': it is shared between calls; default to None",
            ))
    return findings


def _bound_names(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            yield node.name, node.lineno
        elif isinstance(node, ast.arg):
            yield node.arg, node.lineno
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            yield node.id, node.lineno


def _shadowed_builtins(tree: ast.Module) -> list[dict]:
    seen, findings = set(), []
    for name, line in _bound_names(tree):
        if name in BUILTIN_NAMES and name not in seen:
            seen.add(name)
            findings.append(_finding("shadowed-builtin", line, f"'{name}' shadows the builtin of the same name"))
    return findings


def _lint(tree: ast.Module) -> list[dict]:
    findings = _unused_imports(tree) + _shadowed_builtins(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is None:
            findings.append(_finding("bare-except", node.lineno,
                                     "bare 'except:' also catches KeyboardInterrupt and SystemExit"))
        elif isinstance(node, _FUNCTIONS):
            findings += _unused_locals(node) + _mutable_defaults(node)
    return sorted(findings, key=lambda f: (f["line"] or 0, f["rule"]))


def analyze_python(code: str) -> dict:
    """Metrics and lint findings for one Python source text."""
    lines = code.splitlines()
    base = {"language": "python", "lines": len(lines),
            "code_lines": sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))}
    try:
        tree = ast.parse(code, filename="solution.py")
        functions, findings = _functions(tree), _lint(tree)
    except SyntaxError as error:
        message = f"SyntaxError: {error.msg}"
        return {**base, "functions": [], "syntax_error": {"line": error.lineno, "message": message},
                "findings": [_finding("syntax-error", error.lineno, message, "error")]}
    except (RecursionError, MemoryError, ValueError) as error:
        message = f"could not be analysed ({type(error).__name__})"
        return {**base, "functions": [], "syntax_error": None, "findings": [_finding("unanalysable", None, message)]}
    return {**base, "functions": functions, "syntax_error": None, "findings": findings}
