"""The coding-task bank shipped with the project (`analysis/code_tasks/*.toml`), and the choice of a
task for a role.

Each task has a statement, and per language (Python, JavaScript) starter code, a reference
solution and hidden tests. A test is an expression evaluated against the candidate's code
(`code`) and the JSON value it must produce (`expect`); a task's `prelude` holds helpers the
tests call, e.g. to drive a class through a sequence of operations. `examples` names the tests
whose inputs and results the statement itself shows: the candidate may run those before
submitting. What the candidate sees (`for_candidate`) never includes the other tests or solutions.
"""

import functools
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TASK_DIR = Path(__file__).resolve().parent.parent / "code_tasks"
LANGUAGES = ("python", "javascript")
DIFFICULTIES = ("easy", "medium", "hard")

# Canonical skill names (documents/data/skills.txt), lower-cased, that make a role a coding role.
PYTHON_SKILLS = {
    "python", "django", "flask", "fastapi", "django rest framework", "pandas", "numpy", "scipy", "pytest",
    "celery", "sqlalchemy", "pyspark", "scikit-learn", "pytorch", "tensorflow", "jupyter", "asyncio",
}
JAVASCRIPT_SKILLS = {
    "javascript", "typescript", "node.js", "react", "vue.js", "angular", "express", "next.js", "nestjs",
    "svelte", "jest", "redux", "deno", "react native",
}
OTHER_CODE_SKILLS = {
    "java", "go", "rust", "c", "c++", "c#", "ruby", "php", "kotlin", "swift", "scala", "elixir", "haskell",
    "clojure", "f#", "dart", "ocaml", "erlang", "perl", "lua", "julia", "r", "objective-c", "spring boot",
    "spring", ".net", "asp.net", "ruby on rails", "laravel", "flutter", "android", "ios",
}
API_SKILLS = {"rest", "rest apis", "graphql", "grpc", "microservices", "django rest framework", "fastapi", "express",
              "openapi", "api design", "nestjs", "flask", "django"}
DATA_SKILLS = {"pandas", "numpy", "sql", "etl", "apache spark", "pyspark", "data analysis", "data engineering",
               "airflow", "apache kafka", "dbt", "postgresql", "mysql"}
DIFFICULTY_FOR_SENIORITY = {
    "intern": "easy", "junior": "easy", "mid": "medium", "senior": "hard", "staff": "hard", "principal": "hard",
    "lead": "hard", "manager": "medium", "director": "medium",
}


@dataclass(frozen=True)
class TestCase:
    name: str
    code: str
    expect: Any


@dataclass(frozen=True)
class LanguageVersion:
    starter: str
    solution: str
    prelude: str
    tests: tuple[TestCase, ...]


@dataclass(frozen=True)
class CodingTask:
    id: str
    title: str
    difficulty: str
    skills: tuple[str, ...]
    minutes: int
    statement: str
    versions: dict[str, LanguageVersion]
    examples: tuple[str, ...] = ()

    @property
    def languages(self) -> list[str]:
        return [language for language in LANGUAGES if language in self.versions]

    def version(self, language: str) -> LanguageVersion:
        return self.versions[language]

    def example_tests(self, language: str) -> tuple[TestCase, ...]:
        """The tests the statement shows (its examples), in the bank's order."""
        return tuple(t for t in self.versions[language].tests if t.name in self.examples)

    def for_candidate(self) -> dict:
        """What the plan stores and the candidate may see: no tests, no solutions."""
        return {
            "id": self.id, "title": self.title, "difficulty": self.difficulty, "minutes": self.minutes,
            "prompt": self.statement, "languages": self.languages,
            "starter_codes": {language: self.versions[language].starter for language in self.languages},
        }


def _version(raw: dict, where: str) -> LanguageVersion:
    tests = tuple(TestCase(str(t["name"]), str(t["code"]), json.loads(t["expect"])) for t in raw["tests"])
    if not tests:
        raise ValueError(f"{where} has no tests")
    return LanguageVersion(raw["starter"].strip("\n") + "\n", raw["solution"].strip("\n") + "\n",
                           raw.get("prelude", ""), tests)


def load_task(path: Path) -> CodingTask:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    if raw["difficulty"] not in DIFFICULTIES:
        raise ValueError(f"{path.name}: difficulty must be one of {DIFFICULTIES}")
    versions = {language: _version(raw[language], f"{path.name} [{language}]") for language in LANGUAGES
                if language in raw}
    examples = tuple(str(name) for name in raw.get("examples") or [])
    for language, version in versions.items():
        missing = set(examples) - {t.name for t in version.tests}
        if missing:
            raise ValueError(f"{path.name} [{language}]: examples {sorted(missing)} are not tests")
    if len(set(examples)) != len(examples):
        raise ValueError(f"{path.name}: an example is named twice")
    return CodingTask(
        id=raw["id"], title=raw["title"], difficulty=raw["difficulty"], skills=tuple(raw["skills"]),
        minutes=int(raw["minutes"]), statement=raw["statement"].strip(), versions=versions, examples=examples,
    )


@functools.cache
def all_tasks() -> dict[str, CodingTask]:
    tasks = [load_task(path) for path in sorted(TASK_DIR.glob("*.toml"))]
    return {task.id: task for task in tasks}


def get_task(task_id: str) -> CodingTask | None:
    return all_tasks().get(task_id)


def role_languages(required_skills: list[str]) -> list[str]:
    """The bank languages a role calls for, most relevant first; [] when the role writes no code."""
    skills = {str(s).strip().lower() for s in required_skills or []}
    python, javascript = bool(skills & PYTHON_SKILLS), bool(skills & JAVASCRIPT_SKILLS)
    if python or javascript:
        ordered = [s.strip().lower() for s in required_skills]
        first_js = min((i for i, s in enumerate(ordered) if s in JAVASCRIPT_SKILLS), default=len(ordered))
        first_py = min((i for i, s in enumerate(ordered) if s in PYTHON_SKILLS), default=len(ordered))
        return ["javascript", "python"] if first_js < first_py else ["python", "javascript"]
    # A coding role in a language the bank does not have: either bank language will do.
    return list(LANGUAGES) if skills & OTHER_CODE_SKILLS else []


def _role_tags(skills: set[str], languages: list[str]) -> set[str]:
    tags = {"algorithms"}
    if skills & API_SKILLS:
        tags |= {"APIs", "backend"}
    if skills & DATA_SKILLS:
        tags.add("data processing")
    return tags | {"Python" if lang == "python" else "JavaScript" for lang in languages[:1]}


def task_for_role(required_skills: list[str], seniority: str | None) -> CodingTask | None:
    """The bank task that best fits a role, or None when the role calls for no code (nursing, sales).

    Difficulty follows seniority (junior: easy, mid or unknown: medium, senior and above: hard),
    stepping to the nearest difficulty when none fits; then the task sharing the most skills with
    the role wins, ties broken by id so the choice is deterministic.
    """
    languages = role_languages(required_skills)
    if not languages:
        return None
    skills = {str(s).strip().lower() for s in required_skills}
    tags = _role_tags(skills, languages)
    wanted = DIFFICULTY_FOR_SENIORITY.get((seniority or "").lower(), "medium")
    order = sorted(DIFFICULTIES, key=lambda d: abs(DIFFICULTIES.index(d) - DIFFICULTIES.index(wanted)))
    for difficulty in order:
        fitting = [t for t in all_tasks().values() if t.difficulty == difficulty and languages[0] in t.versions]
        if fitting:
            return min(fitting, key=lambda t: (-len(tags & set(t.skills)), t.id))
    return None


MIN_TOPIC_MINUTES = 10  # a coding task never squeezes the conversation below two topics
MIN_CODE_MINUTES = 8


def plan_coding_task(jd: dict, topic_budget: int) -> dict | None:
    """The coding task for an interview plan, or None when the role writes no code or the interview
    is too short for it.

    {id, title, difficulty, minutes, prompt (the statement), languages, language (the role's),
    starter_code (in `language`), starter_codes (per language), why (recruiter-facing)}: what the
    `code.task` frame needs, and never the hidden tests or the reference solution.
    """
    skills = [str(s) for s in jd.get("required_skills") or [] if isinstance(s, str)]
    task = task_for_role(skills, jd.get("seniority") if isinstance(jd.get("seniority"), str) else None)
    # At most half the conversation's time, and never below two topics' worth of it.
    minutes = min(task.minutes, topic_budget // 2, topic_budget - MIN_TOPIC_MINUTES) if task else 0
    if task is None or minutes < MIN_CODE_MINUTES:
        return None
    preferred = next((lang for lang in role_languages(skills) if lang in task.languages), task.languages[0])
    named = next((s for s in skills if s.lower() in PYTHON_SKILLS | JAVASCRIPT_SKILLS | OTHER_CODE_SKILLS), "code")
    shown = task.for_candidate()
    return {
        **shown, "language": preferred, "starter_code": shown["starter_codes"][preferred], "minutes": minutes,
        "why": f"The role calls for {named}; a short {task.difficulty} exercise shows how the candidate writes, "
               "tests and explains working code.",
    }
