"""Recruiter pages of analysis: the evaluation report of an interview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from interviews.models import Interview
from interviews.selectors import interview_get_for_recruiter

from .models import EvaluationReport
from .selectors import (
    report_get,
    report_latest_for_interview,
    report_versions_for_interview,
    transcript_for_recruiter,
)
from .services import report_request

RECOMMENDATION_LABELS = dict(EvaluationReport.Recommendation.choices)


def _interview(request: HttpRequest, interview_id: int) -> Interview:
    try:
        return interview_get_for_recruiter(user=request.user, interview_id=interview_id)
    except Interview.DoesNotExist:
        raise Http404 from None


def _report(interview: Interview, version: str | None) -> EvaluationReport | None:
    if version and version.isdigit():
        report = report_get(interview_id=interview.pk, version=int(version))
        if report is None:
            raise Http404
        return report
    report = report_latest_for_interview(interview_id=interview.pk)
    if report is None and interview.status == Interview.Status.ENDED:
        report = report_request(interview_id=interview.pk)
    return report


def _topic_names(interview: Interview) -> dict[str, str]:
    return {t.get("id"): t.get("name", "") for t in interview.plan.topics or []}


@login_required
def interview_report_page(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _interview(request, interview_id)
    report = _report(interview, request.GET.get("version"))
    data = report.data if report and report.status == EvaluationReport.Status.READY else {}
    topic_names = _topic_names(interview)
    turns = [(turn, topic_names.get(turn.topic_id, "")) for turn in transcript_for_recruiter(interview=interview)]
    context = {
        "interview": interview,
        "report": report,
        "data": data,
        "recommendation_label": RECOMMENDATION_LABELS.get(data.get("recommendation") or "", ""),
        "confidence_pct": round(100 * data["confidence"]) if data.get("confidence") is not None else None,
        "pending": report is None or report.status == EvaluationReport.Status.PENDING,
        # A report being written is checked often; an interview still running, now and then.
        "refresh_seconds": 15 if report is None else 5,
        "versions": report_versions_for_interview(interview_id=interview.pk),
        "turns": turns,
    }
    return render(request, "analysis/report.html", context)


@login_required
@require_POST
def interview_report_regenerate(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _interview(request, interview_id)
    if interview.status != Interview.Status.ENDED:
        messages.error(request, "The interview has not ended yet.")
    else:
        report = report_request(interview_id=interview.pk, regenerate=True)
        messages.info(request, f"Report version {report.version} is being written.")
    return redirect("interview-report", interview_id=interview.pk)
