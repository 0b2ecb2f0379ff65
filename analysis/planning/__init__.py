"""Interview plans: which topics, in which order, for how long, and what a strong answer covers."""

from .build import PlanDraft, build_plan, time_budget

__all__ = ["PlanDraft", "build_plan", "time_budget"]
