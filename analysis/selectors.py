"""Queries that read analysis data."""

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from documents.models import Document
from interviews.models import Interview, Turn

from .models import AnswerAssessment, Decision, EvaluationReport, FitAnalysis, ScoreOverride


def fit_ranked_for_jd(*, jd: Document) -> QuerySet[FitAnalysis]:
    """The fit analyses of a JD's candidates, best score first."""
    return FitAnalysis.objects.filter(jd=jd).select_related("resume").order_by("-score", "-updated_at", "-pk")


def fit_get(*, jd: Document, resume: Document) -> FitAnalysis | None:
    return FitAnalysis.objects.filter(jd=jd, resume=resume).first()


def _with_oversight(reports: QuerySet[EvaluationReport]) -> QuerySet[EvaluationReport]:
    """Reports annotated with whether overrides exist and the decision in force, so serving a report
    without any costs no extra query (see `report_oversight`)."""
    latest_decision = Decision.objects.filter(interview_id=OuterRef("interview_id")).order_by("-created_at", "-pk")
    return reports.annotate(
        oversight_has_overrides=Exists(ScoreOverride.objects.filter(report_id=OuterRef("pk"))),
        oversight_decision_id=Subquery(latest_decision.values("pk")[:1]),
    )


def report_latest_for_interview(*, interview_id: int) -> EvaluationReport | None:
    """The newest report version of an interview, whatever its status; None before the first."""
    return _with_oversight(EvaluationReport.objects.filter(interview_id=interview_id)).order_by("-version").first()


def report_get(*, interview_id: int, version: int) -> EvaluationReport | None:
    return _with_oversight(EvaluationReport.objects.filter(interview_id=interview_id, version=version)).first()


def report_oversight(*, report: EvaluationReport) -> tuple[list[ScoreOverride], Decision | None]:
    """A report's overrides (newest first) and its interview's decision in force, querying only what exists."""
    has_overrides = getattr(report, "oversight_has_overrides", True)
    overrides = list(overrides_for_report(report=report)) if has_overrides else []
    if not hasattr(report, "oversight_decision_id"):
        return overrides, decision_latest_for_interview(interview_id=report.interview_id)
    decision_id = report.oversight_decision_id
    return overrides, Decision.objects.filter(pk=decision_id).first() if decision_id else None


def report_versions_for_interview(*, interview_id: int) -> QuerySet[EvaluationReport]:
    return EvaluationReport.objects.filter(interview_id=interview_id).order_by("-version")


def transcript_for_recruiter(*, interview: Interview) -> QuerySet[Turn]:
    """Every turn with text, in order, as the recruiter reads it (names and all)."""
    return interview.turns.exclude(text="").order_by("seq")


def overrides_for_report(*, report: EvaluationReport) -> QuerySet[ScoreOverride]:
    """Recruiters' score overrides of one report version, newest first (the newest per competency holds)."""
    return ScoreOverride.objects.filter(report=report).order_by("-created_at", "-pk")


def decisions_for_interview(*, interview_id: int) -> QuerySet[Decision]:
    """Every decision recorded on an interview, newest first (the first one holds)."""
    return Decision.objects.filter(interview_id=interview_id).order_by("-created_at", "-pk")


def decision_latest_for_interview(*, interview_id: int) -> Decision | None:
    return decisions_for_interview(interview_id=interview_id).first()


def answer_assessments_for_interview(*, interview_id: int) -> dict[int, AnswerAssessment]:
    """The per-answer assessments of an interview, by the seq of the answer they assess."""
    rows = AnswerAssessment.objects.filter(turn__interview_id=interview_id).select_related("turn")
    return {row.turn.seq: row for row in rows}


def interview_integrity(*, interview: Interview) -> list[dict]:
    """The interview's integrity timeline — the browser's signals and what the turns' timing shows — as
    {name, at, detail} in time order. The one source for the recruiter's interview page and its live
    updates (API), the admin and the evaluation report, so all of them say the same thing."""
    from .assessment.integrity import integrity_events

    return [{"name": e.name, "at": e.at, "detail": e.detail} for e in integrity_events(interview)]
