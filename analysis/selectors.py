"""Queries that read analysis data."""

from django.db.models import QuerySet

from documents.models import Document
from interviews.models import Interview, Turn

from .models import EvaluationReport, FitAnalysis


def fit_ranked_for_jd(*, jd: Document) -> QuerySet[FitAnalysis]:
    """The fit analyses of a JD's candidates, best score first."""
    return FitAnalysis.objects.filter(jd=jd).select_related("resume").order_by("-score", "-updated_at", "-pk")


def fit_get(*, jd: Document, resume: Document) -> FitAnalysis | None:
    return FitAnalysis.objects.filter(jd=jd, resume=resume).first()


def report_latest_for_interview(*, interview_id: int) -> EvaluationReport | None:
    """The newest report version of an interview, whatever its status; None before the first."""
    return EvaluationReport.objects.filter(interview_id=interview_id).order_by("-version").first()


def report_get(*, interview_id: int, version: int) -> EvaluationReport | None:
    return EvaluationReport.objects.filter(interview_id=interview_id, version=version).first()


def report_versions_for_interview(*, interview_id: int) -> QuerySet[EvaluationReport]:
    return EvaluationReport.objects.filter(interview_id=interview_id).order_by("-version")


def transcript_for_recruiter(*, interview: Interview) -> QuerySet[Turn]:
    """Every turn with text, in order, as the recruiter reads it (names and all)."""
    return interview.turns.exclude(text="").order_by("seq")
