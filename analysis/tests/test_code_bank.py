"""The task bank: well-formed tasks whose reference solutions pass their own hidden tests in the
sandbox, in both languages; the choice of a task for a role; the coding slot in a plan."""

import pytest

from analysis.code.bank import (
    DIFFICULTIES,
    TASK_DIR,
    all_tasks,
    get_task,
    load_task,
    plan_coding_task,
    role_languages,
    task_for_role,
)
from analysis.code.runner import run_tests
from analysis.planning import build_plan, time_budget

TASKS = sorted(all_tasks().values(), key=lambda t: t.id)
VERSIONS = [(task.id, language) for task in TASKS for language in task.languages]


def test_the_bank_spans_difficulties_and_both_languages():
    assert len(TASKS) >= 8
    assert {t.difficulty for t in TASKS} == set(DIFFICULTIES)
    for difficulty in DIFFICULTIES:
        assert sum(t.difficulty == difficulty for t in TASKS) >= 2, difficulty
    for task in TASKS:
        assert task.languages == ["python", "javascript"], task.id
        assert task.statement and task.title and task.skills and 5 <= task.minutes <= 30
        assert all(len(task.version(lang).tests) >= 7 for lang in task.languages)


def test_every_task_names_two_to_four_visible_examples_that_are_tests_in_both_languages(tmp_path):
    for task in TASKS:
        assert 2 <= len(task.examples) <= 4, task.id
        for language in task.languages:
            assert [t.name for t in task.example_tests(language)] == [
                t.name for t in task.version(language).tests if t.name in task.examples
            ]
            assert len(task.example_tests(language)) == len(task.examples), (task.id, language)
    source = (TASK_DIR / "valid_brackets.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(source.replace('examples = ["', 'examples = ["no such test", "'), encoding="utf-8")
    with pytest.raises(ValueError, match="no such test"):
        load_task(bad)


@pytest.mark.parametrize(("task_id", "language"), VERSIONS)
def test_reference_solution_passes_every_hidden_test_and_the_starter_none(task_id, language):
    task = get_task(task_id)
    version = task.version(language)

    solved = run_tests(task, language, version.solution)
    started = run_tests(task, language, version.starter)

    failures = [(t["name"], t.get("got"), t.get("error")) for t in solved["tests"] if not t["passed"]]
    assert solved["passed"] == solved["total"] == len(version.tests), failures
    assert started["passed"] == 0 and not solved["limits_hit"]


def test_python_and_javascript_tests_check_the_same_things():
    for task in TASKS:
        python, javascript = task.version("python").tests, task.version("javascript").tests
        assert [(t.name, t.expect) for t in python] == [(t.name, t.expect) for t in javascript], task.id


def test_what_the_candidate_sees_has_no_tests_and_no_solution():
    for task in TASKS:
        shown = task.for_candidate()
        assert set(shown) == {"id", "title", "difficulty", "minutes", "prompt", "languages", "starter_codes"}
        text = str(shown)
        assert all(t.code not in text for lang in task.languages for t in task.version(lang).tests)
        assert task.version("python").solution not in text


@pytest.mark.parametrize("skills", [
    ["Patient care", "Medication administration", "Electronic health records"],  # nursing
    ["Salesforce", "Negotiation", "Lead generation", "CRM"],  # sales
    [],
])
def test_roles_that_write_no_code_get_no_task(skills):
    assert role_languages(skills) == [] and task_for_role(skills, "senior") is None


def test_difficulty_follows_seniority_and_language_follows_skills():
    junior_js = task_for_role(["React", "JavaScript", "CSS"], "junior")
    senior_py = task_for_role(["Python", "Django", "REST APIs", "PostgreSQL"], "senior")
    mid_data = task_for_role(["Python", "pandas", "SQL"], "mid")

    assert junior_js.difficulty == "easy" and role_languages(["React", "JavaScript"])[0] == "javascript"
    assert senior_py.difficulty == "hard" and {"APIs", "backend"} & set(senior_py.skills)
    assert mid_data.difficulty == "medium" and "data processing" in mid_data.skills
    assert task_for_role(["Python"], None).difficulty == "medium"
    assert role_languages(["Java", "Spring Boot"]) == ["python", "javascript"]  # either bank language
    assert task_for_role(["Go"], "senior") == task_for_role(["Go"], "senior")  # deterministic


def test_plan_coding_task_fits_the_budget_and_names_its_reason():
    jd = {"required_skills": ["Python", "Django"], "seniority": "senior"}

    long = plan_coding_task(jd, time_budget(60))
    short = plan_coding_task(jd, time_budget(15))

    assert long["language"] == "python" and long["minutes"] == get_task(long["id"]).minutes
    assert "Python" in long["why"] and long["starter_code"] == long["starter_codes"]["python"]
    assert long["prompt"] == get_task(long["id"]).statement
    assert short is None or short["minutes"] <= time_budget(15) - 10
    assert plan_coding_task(jd, time_budget(8)) is None
    assert plan_coding_task({"required_skills": ["Nursing"], "seniority": "senior"}, 60) is None


def test_build_plan_reserves_the_coding_minutes_only_when_asked():
    jd = {"required_skills": ["Python", "Django"], "seniority": "mid", "title": "Backend Engineer"}
    fit = {"matched_required": ["Python", "Django"]}

    plain = build_plan(jd=jd, fit=fit, duration_minutes=45)
    coding = build_plan(jd=jd, fit=fit, duration_minutes=45, coding=True)

    assert plain.coding_task is None
    task = coding.coding_task
    assert task["difficulty"] == "medium" and task["language"] == "python"
    booked = [t for t in coding.topics if not t["reserve"]]  # reserve topics are asked only when time is left
    assert sum(t["minutes"] for t in booked) + task["minutes"] <= time_budget(45)
    assert sum(t["minutes"] for t in booked) < sum(t["minutes"] for t in plain.topics if not t["reserve"])


def test_the_planned_task_is_what_the_conductor_shows_the_candidate():
    from types import SimpleNamespace

    from interviews.selectors import coding_task_public

    planned = plan_coding_task({"required_skills": ["TypeScript", "React"], "seniority": "junior"}, 40)
    shown = coding_task_public(plan=SimpleNamespace(coding_task=planned))

    assert shown["language"] == "javascript" and shown["prompt"] == planned["prompt"]
    assert shown["starter_code"].startswith("/**") and "module.exports" in shown["starter_code"]
    assert shown["minutes"] == planned["minutes"]
