"""Recruiter pages of analysis: the evaluation report of an interview."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from audit.services import Action as Audit
from audit.services import audit_record
from interview_site.api import ApiError
from interviews.models import Interview
from interviews.selectors import interview_get_for_recruiter
from organizations.access import Action, can, membership_of
from organizations.decorators import member_required

from .models import Decision, EvaluationReport
from .oversight.effective import report_effective
from .oversight.services import comment_record, comments_for_interview, decision_record, score_override_create
from .reporting import report_with_anchors, transcript_turns
from .reporting.engine import OFFLINE, OFFLINE_FALLBACK
from .selectors import (
    answer_assessments_for_interview,
    decisions_for_interview,
    report_get,
    report_latest_for_interview,
    report_oversight,
    report_versions_for_interview,
    transcript_for_recruiter,
)
from .services import report_request

RECOMMENDATION_LABELS = dict(EvaluationReport.Recommendation.choices)


def _interview(request: HttpRequest, interview_id: int, action: Action = Action.VIEW) -> Interview:
    try:
        return interview_get_for_recruiter(user=request.user, interview_id=interview_id, action=action)
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


def _transcript_rows(interview: Interview) -> list[dict]:
    """Each turn with its topic; a candidate's answer also with the topic's strong-answer points (for the
    recruiter only, never shown to the candidate) and, once made, the per-answer assessment."""
    topics = {t.get("id"): t for t in interview.plan.topics or [] if isinstance(t, dict)}
    answered = {t.seq: t.topic_id for t in transcript_turns(interview) if t.role == "candidate"}
    assessments = answer_assessments_for_interview(interview_id=interview.pk)
    rows = []
    for turn in transcript_for_recruiter(interview=interview):
        topic = topics.get(answered.get(turn.seq) if turn.role == "candidate" else turn.topic_id) or {}
        assessment = assessments.get(turn.seq)
        covered = set(assessment.covered_points) if assessment else set()
        points = [{"text": p, "covered": p in covered} for p in topic.get("strong_answer") or []]
        rows.append({"turn": turn, "topic": topic.get("name", ""), "assessment": assessment,
                     "points": points if turn.role == "candidate" else []})
    return rows


def _oversight_context(interview: Interview, report: EvaluationReport | None, data: dict) -> dict:
    overrides, _ = report_oversight(report=report) if report else ([], None)
    decisions = list(decisions_for_interview(interview_id=interview.pk))
    return {
        "data": report_with_anchors(report_effective(data, overrides), lambda: interview.plan) if data else data,
        "overrides": overrides,
        "decision": decisions[0] if decisions else None,
        "decisions": decisions,
        "decision_choices": Decision.Choice.choices,
        "score_choices": [1, 2, 3, 4, 5],
        "comments": list(comments_for_interview(interview_id=interview.pk)),
    }


@member_required
def interview_report_page(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _interview(request, interview_id)
    report = _report(interview, request.GET.get("version"))
    data = report.data if report and report.status == EvaluationReport.Status.READY else {}
    if data:
        audit_record(action=Audit.REPORT_VIEWED, request=request, obj=interview, detail={"version": report.version})
    context = {
        "interview": interview,
        "report": report,
        "data": data,
        "recommendation_label": RECOMMENDATION_LABELS.get(data.get("recommendation") or "", ""),
        "offline_engine": data.get("engine") in (OFFLINE, OFFLINE_FALLBACK),
        "confidence_pct": round(100 * data["confidence"]) if data.get("confidence") is not None else None,
        "pending": report is None or report.status == EvaluationReport.Status.PENDING,
        # A report being written is checked often; an interview still running, now and then.
        "refresh_seconds": 15 if report is None else 5,
        "versions": report_versions_for_interview(interview_id=interview.pk),
        "transcript": _transcript_rows(interview),
        "can_change": can(request.user, Action.CHANGE),
    }
    context.update(_oversight_context(interview, report, data))
    return render(request, "analysis/report.html", context)


@member_required
@require_POST
def interview_report_regenerate(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _interview(request, interview_id, Action.CHANGE)
    if interview.status != Interview.Status.ENDED:
        messages.error(request, "The interview has not ended yet.")
    else:
        report = report_request(interview_id=interview.pk, regenerate=True)
        audit_record(action=Audit.REPORT_REGENERATED, request=request, obj=interview,
                     detail={"version": report.version})
        messages.info(request, f"Report version {report.version} is being written.")
    return redirect("interview-report", interview_id=interview.pk)


def _override_detail(override) -> dict:
    return {"override_id": override.pk, "competency": override.competency, "score": override.score,
            "original_score": override.original_score}


def _back_to_report(interview: Interview, version: str | None = None) -> HttpResponse:
    response = redirect("interview-report", interview_id=interview.pk)
    if version and version.isdigit():
        response["Location"] += f"?version={version}"
    return response


@member_required
@require_POST
def interview_report_override(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The report page's override form: one competency's score, with a reason."""
    interview = _interview(request, interview_id, Action.CHANGE)
    version = request.POST.get("version", "")
    report = _report(interview, version)
    if report is None:
        raise Http404
    try:
        override = score_override_create(
            report=report, competency=request.POST.get("competency", ""),
            score=int(request.POST["score"]) if request.POST.get("score", "").isdigit() else None,
            reason=request.POST.get("reason", ""), user=request.user,
        )
    except ApiError as exc:
        messages.error(request, exc.message)
    else:
        audit_record(action=Audit.OVERRIDE_RECORDED, request=request, obj=interview, detail=_override_detail(override))
        messages.info(request, f"{override.competency}: your score {override.score} / 5 is recorded; "
                               "the evaluator's score stays on record.")
    return _back_to_report(interview, version)


@member_required
@require_POST
def interview_comment(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The report page's comment form: any member of the organisation (reviewers too) may comment."""
    interview = _interview(request, interview_id, Action.COMMENT)
    membership = membership_of(request.user)
    try:
        comment = comment_record(interview=interview, text=request.POST.get("text", ""), user=request.user,
                                 role=membership.role if membership else "")
    except ApiError as exc:
        messages.error(request, exc.message)
    else:
        audit_record(action=Audit.COMMENT_ADDED, request=request, obj=interview, detail={"comment_id": comment.pk})
        messages.info(request, "Comment added.")
    return _back_to_report(interview, request.POST.get("version", ""))


@member_required
@require_POST
def interview_decision(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The report page's decision form: advance, hold or reject, with a note."""
    interview = _interview(request, interview_id, Action.CHANGE)
    try:
        decision = decision_record(interview=interview, decision=request.POST.get("decision", ""),
                                   note=request.POST.get("note", ""), user=request.user)
    except ApiError as exc:
        messages.error(request, exc.message)
    else:
        audit_record(action=Audit.DECISION_RECORDED, request=request, obj=interview,
                     detail={"decision": decision.decision, "decision_id": decision.pk})
        messages.info(request, f"Decision recorded: {decision.get_decision_display()}.")
    return _back_to_report(interview, request.POST.get("version", ""))
