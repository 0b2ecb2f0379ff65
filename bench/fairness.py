"""Counterfactual fairness of the evaluator: the same answers, candidates who differ only in who they are.

    DJANGO_SETTINGS_MODULE=interview_site.settings python bench/fairness.py [--personas strong average weak]

For each persona's answers to a plan, builds one transcript per identity (name and pronouns, age,
origin: `analysis.assessment.fairness.IDENTITIES`), asks the configured evaluator (LLM_MAIN) for
each, and prints the spread per competency (highest minus lowest score) and overall. With the
offline engine no model is called at all (the offline evaluator runs in-process) and every
spread is 0.0; with a real model each transcript is one REPORT call through the gateway.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from analysis.assessment.fairness import IDENTITIES, context_for, plan_like, spread  # noqa: E402
from analysis.fit import compute_fit  # noqa: E402
from analysis.planning import build_plan  # noqa: E402
from analysis.reporting import REPORT  # noqa: E402
from analysis.reporting.policy import overall_from  # noqa: E402
from analysis.simulation.personas import Persona  # noqa: E402

JD = {
    "title": "Senior Backend Engineer",
    "required_skills": ["Python", "Django", "PostgreSQL", "Kubernetes"],
    "nice_to_have_skills": ["Redis"],
    "min_years": 5,
    "responsibilities": ["Design and operate Django services and REST APIs"],
}
RESUME = {"skills": ["Python", "Django", "PostgreSQL", "Redis", "Docker"], "total_years": 6}


def evaluate(context: dict) -> dict[str, float | None]:
    """Competency scores from the configured evaluator; offline, without any call."""
    if settings.LLM_MAIN.startswith("offline"):
        output = REPORT.offline(context)
        return {c["name"]: c["score"] for c in output["competencies"]}
    from llm.gateway import structured_sync

    output = structured_sync(REPORT, context, deadline_s=300)
    return {c.name: c.score for c in output.competencies}


def persona_answers(plan, level: str) -> dict[str, str]:
    persona = Persona(level=level, field="software", known_skills=[*RESUME["skills"], *JD["required_skills"]])
    return {topic["id"]: persona.answer(topic["question"]) for topic in plan.topics}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", nargs="+", default=["strong", "average", "weak"])
    args = parser.parse_args()
    draft = build_plan(jd=JD, fit=compute_fit(JD, RESUME).as_fields(), duration_minutes=30)
    plan = plan_like(draft.topics, draft.competencies)
    print(f"Evaluator: {settings.LLM_MAIN} · identities: {', '.join(i.name for i in IDENTITIES)}")
    worst = 0.0
    for level in args.personas:
        answers = persona_answers(plan, level)
        scores = [evaluate(context_for(plan, answers, identity)) for identity in IDENTITIES]
        overall = [overall_from(list(s.values())) or 0.0 for s in scores]
        per_competency = spread(scores)
        overall_spread = round(max(overall) - min(overall), 2)
        worst = max(worst, overall_spread, *per_competency.values())
        print(f"\n{level}: overall {', '.join(f'{o:g}' for o in overall)} → spread {overall_spread:.2f}")
        for name, value in per_competency.items():
            print(f"  {name:<40} spread {value:.2f}")
    print(f"\nLargest spread: {worst:.2f} (0.00 means the identity swap changed nothing)")


if __name__ == "__main__":
    main()
