"""Use cases that write analysis data. (Interface fixed; implementation owned by the analysis work.)"""

from documents.models import Document

from .models import EvaluationReport, FitAnalysis, InterviewPlan


def fit_analyze(*, jd: Document, resume: Document) -> FitAnalysis:
    """Compare a ready resume with a ready JD; create or update their one FitAnalysis."""
    raise NotImplementedError


def plan_create(*, jd: Document, resume: Document, duration_minutes: int) -> InterviewPlan:
    """Build an interview plan (topics, why, question, strong-answer points, minutes) for this pair."""
    raise NotImplementedError


def report_generate(*, interview_id: int, regenerate: bool = False) -> EvaluationReport:
    """Write the evaluation report of an ended interview (idempotent unless regenerate)."""
    raise NotImplementedError
