"""A report as the recruiter's team acts on it: the evaluator's scores with recruiters' overrides on top.

Each competency keeps the evaluator's score as `model_score` and shows the newest override (if
any) as `score`, with who, when and why in `override`; the overall score is recomputed from the
effective scores (`model_overall_score` keeps the evaluator's). The recommendation stays the
evaluator's: it is advisory, and the decision is a separate record made by a person.
"""

import copy

from ..reporting.policy import overall_from
from .models import Decision, ScoreOverride
from .services import COMMUNICATION


def override_item(override: ScoreOverride) -> dict:
    return {"competency": override.competency, "score": override.score, "original_score": override.original_score,
            "reason": override.reason, "user": override.user_name, "at": override.created_at.isoformat()}


def decision_item(decision: Decision | None) -> dict | None:
    if decision is None:
        return None
    return {"decision": decision.decision, "label": decision.get_decision_display(), "note": decision.note,
            "user": decision.user_name, "at": decision.created_at.isoformat()}


def _apply(item: dict, override: ScoreOverride | None) -> None:
    item["model_score"] = item.get("score")
    item["override"] = override_item(override) if override else None
    if override:
        item["score"] = override.score


def report_effective(data: dict, overrides: list[ScoreOverride]) -> dict:
    """The report data with overrides applied (see the module docstring); `overrides` newest first."""
    data = copy.deepcopy(data or {})
    newest: dict[str, ScoreOverride] = {}
    for override in overrides:
        newest.setdefault(override.competency.casefold(), override)
    for item in data.get("competencies") or []:
        _apply(item, newest.get(item["name"].casefold()))
    if isinstance(data.get("communication"), dict):
        _apply(data["communication"], newest.get(COMMUNICATION.casefold()))
    data["model_overall_score"] = data.get("overall_score")
    if any(item.get("override") for item in data.get("competencies") or []):
        data["overall_score"] = overall_from([item["score"] for item in data["competencies"]])
    data["overrides"] = [override_item(o) for o in overrides]
    return data
