"""REST API of analysis: the evaluation report of an interview (recruiters only)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import Action as Audit
from audit.services import audit_record
from documents.models import Document
from documents.selectors import document_get_for_recruiter
from interview_site.api import ApiError
from interview_site.openapi import errors
from interviews.models import Interview
from interviews.selectors import interview_get_for_recruiter
from organizations.access import Action, membership_of

from .models import EvaluationReport
from .oversight.effective import decision_item, override_item
from .oversight.services import comment_record, comments_for_interview, decision_record, score_override_create
from .planning.anchors import with_anchors
from .selectors import (
    decisions_for_interview,
    fit_ranked_for_jd,
    overrides_for_report,
    report_get,
    report_latest_for_interview,
)
from .serializers import (
    CommentInputSerializer,
    CommentSerializer,
    DecisionHistorySerializer,
    DecisionInputSerializer,
    DecisionOutputSerializer,
    OverrideSerializer,
    PlanSerializer,
    PlanUpdateInputSerializer,
    RankedCandidateSerializer,
    ReportPendingSerializer,
    ReportSerializer,
    ScoreOverrideInputSerializer,
    ScoreOverrideOutputSerializer,
)
from .services import plan_update, report_request


def _interview(request, interview_id: int, action: Action = Action.VIEW) -> Interview:
    """The interview of the caller's organisation (404 otherwise); 403 `role_forbidden` when the caller's
    role does not allow `action` on it."""
    try:
        return interview_get_for_recruiter(user=request.user, interview_id=interview_id, action=action)
    except Interview.DoesNotExist:
        raise ApiError("not_found", "No such interview.", status_code=404) from None


def _pending(report: EvaluationReport | None) -> Response:
    body = {"status": "pending", **({"version": report.version} if report else {})}
    return Response(ReportPendingSerializer(body).data, status=status.HTTP_202_ACCEPTED)


_NOT_ENDED = {409: {"interview_not_ended": "The interview has not ended yet."}}
_NO_REPORT = {404: {"report_not_found": "The interview has no report (of that version) yet."}}


class InterviewReportApi(APIView):
    @extend_schema(
        operation_id="interview_report",
        responses={200: ReportSerializer, 202: ReportPendingSerializer},
        description="The newest report version: 200 when ready (or failed, with `error`), 202 while it is made.",
    )
    def get(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id)
        report = report_latest_for_interview(interview_id=interview.pk)
        if report is None and interview.status == Interview.Status.ENDED:
            # The interview ended but no report was asked for: ask now (queued after commit).
            report = report_request(interview_id=interview.pk)
        if report is None or report.status == EvaluationReport.Status.PENDING:
            return _pending(report)
        audit_record(action=Audit.REPORT_VIEWED, request=request, obj=interview, detail={"version": report.version})
        return Response(ReportSerializer(report).data)


class InterviewReportRegenerateApi(APIView):
    @extend_schema(operation_id="interview_report_regenerate", request=None,
                   responses={202: ReportPendingSerializer, **errors(_NOT_ENDED)})
    def post(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id, Action.CHANGE)
        if interview.status != Interview.Status.ENDED:
            raise ApiError("interview_not_ended", "The interview has not ended yet.", status_code=409)
        report = report_request(interview_id=interview.pk, regenerate=True)
        audit_record(action=Audit.REPORT_REGENERATED, request=request, obj=interview,
                     detail={"version": report.version})
        return _pending(report)


def _report_version(interview: Interview, version: int | None) -> EvaluationReport:
    report = (report_get(interview_id=interview.pk, version=version) if version
              else report_latest_for_interview(interview_id=interview.pk))
    if report is None:
        raise ApiError("report_not_found", "This interview has no such report yet.", status_code=404)
    return report


class InterviewReportOverridesApi(APIView):
    @extend_schema(operation_id="interview_report_overrides",
                   responses={200: OverrideSerializer(many=True), **errors(_NO_REPORT)},
                   description="Recruiters' overrides of the newest report version (or `?version=`), newest first.")
    def get(self, request, interview_id: int) -> Response:
        version = request.query_params.get("version")
        report = _report_version(_interview(request, interview_id), int(version) if str(version).isdigit() else None)
        return Response([override_item(o) for o in overrides_for_report(report=report)])

    @extend_schema(
        operation_id="interview_report_override_create",
        request=ScoreOverrideInputSerializer,
        responses={201: ScoreOverrideOutputSerializer, **errors({
            400: {"unknown_competency": "The report has no competency of that name.",
                  "invalid_score": "score is not a whole number from 1 to 5.",
                  "reason_required": "reason is blank."},
            **_NO_REPORT,
            409: {"report_not_ready": "Only a ready report's scores can be overridden."},
        })},
        description="Override one competency's score with a reason; the evaluator's score stays on record.",
    )
    def post(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id, Action.CHANGE)
        body = ScoreOverrideInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = _report_version(interview, body.validated_data.get("version"))
        override = score_override_create(
            report=report, competency=body.validated_data["competency"], score=body.validated_data["score"],
            reason=body.validated_data["reason"], user=request.user,
        )
        audit_record(action=Audit.OVERRIDE_RECORDED, request=request, obj=interview,
                     detail={"override_id": override.pk, "competency": override.competency, "score": override.score,
                             "original_score": override.original_score, "version": report.version})
        out = {**override_item(override), "id": override.pk, "report_version": report.version}
        return Response(ScoreOverrideOutputSerializer(out).data, status=status.HTTP_201_CREATED)


def _decision_out(decision) -> dict:
    return {**decision_item(decision), "id": decision.pk, "interview_id": decision.interview_id}


class InterviewDecisionApi(APIView):
    @extend_schema(operation_id="interview_decision", responses={200: DecisionHistorySerializer},
                   description="The recruiter's decision in force (the newest) and every earlier one.")
    def get(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id)
        history = [_decision_out(d) for d in decisions_for_interview(interview_id=interview.pk)]
        body = {"decision": history[0] if history else None, "history": history}
        return Response(DecisionHistorySerializer(body).data)

    @extend_schema(
        operation_id="interview_decision_create",
        request=DecisionInputSerializer,
        responses={201: DecisionOutputSerializer, **errors({
            400: {"invalid_decision": "decision is not advance, hold or reject."}, **_NOT_ENDED,
        })},
        description="Record the hiring decision (advance, hold, reject) with a note. A person decides; the "
        "report's recommendation is only advice.",
    )
    def post(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id, Action.CHANGE)
        body = DecisionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        decision = decision_record(interview=interview, user=request.user, **body.validated_data)
        audit_record(action=Audit.DECISION_RECORDED, request=request, obj=interview,
                     detail={"decision": decision.decision, "decision_id": decision.pk})
        return Response(DecisionOutputSerializer(_decision_out(decision)).data, status=status.HTTP_201_CREATED)


class InterviewCommentsApi(APIView):
    @extend_schema(operation_id="interview_comments", responses={200: CommentSerializer(many=True)},
                   description="The team's comments on an interview, oldest first.")
    def get(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id)
        return Response(CommentSerializer(comments_for_interview(interview_id=interview.pk), many=True).data)

    @extend_schema(
        operation_id="interview_comment_create",
        request=CommentInputSerializer,
        responses={201: CommentSerializer, **errors({400: {
            "comment_required": "The text is blank.", "comment_too_long": "The text is over 2000 characters."}})},
        description="Comment on an interview. Every role may (a reviewer comments, never decides); comments are "
        "kept as written.",
    )
    def post(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id, Action.COMMENT)
        body = CommentInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        membership = membership_of(request.user)
        comment = comment_record(interview=interview, text=body.validated_data["text"], user=request.user,
                                 role=membership.role if membership else "")
        audit_record(action=Audit.COMMENT_ADDED, request=request, obj=interview, detail={"comment_id": comment.pk})
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class JdCandidatesRankedApi(APIView):
    @extend_schema(
        operation_id="jd_candidates_ranked",
        responses={200: RankedCandidateSerializer(many=True),
                   **errors({400: {"wrong_document_kind": "The id is a resume's, not a job description's."}})},
        description="The candidates of a JD, best fit first, with what matched, what is missing or adjacent, "
        "and why. Fit decides what an interview should probe; it is never a hiring decision.",
    )
    def get(self, request, jd_id: int) -> Response:
        try:
            jd = document_get_for_recruiter(user=request.user, document_id=jd_id)
        except Document.DoesNotExist:
            raise ApiError("not_found", "No such job description.", status_code=404) from None
        if jd.kind != Document.Kind.JD:
            raise ApiError("wrong_document_kind", f"Document {jd_id} is not a job description.")
        rows = [
            {"rank": rank, "resume_id": fit.resume_id, "candidate": fit.resume.display_name, "fit_score": fit.score,
             **{name: getattr(fit, name) for name in ("matched_required", "missing_required", "adjacent",
                                                      "required_status", "implied_required", "unclear_required",
                                                      "engine", "years_required", "years_candidate", "reasons")}}
            for rank, fit in enumerate(fit_ranked_for_jd(jd=jd), start=1)
        ]
        return Response(RankedCandidateSerializer(rows, many=True).data)


def _plan_body(interview: Interview) -> dict:
    plan = interview.plan
    task = plan.coding_task
    return {
        "interview_id": interview.pk,
        "editable": interview.status == Interview.Status.SCHEDULED,
        "duration_minutes": plan.duration_minutes,
        "main_questions": sum(1 for t in plan.topics if not t.get("reserve")),
        "topics": plan.topics,
        "competencies": with_anchors(plan.competencies, plan.topics),  # a plan stored before anchors gets them
        "coding_task": {k: task.get(k) for k in ("title", "minutes", "language")} if task else None,
    }


class InterviewPlanApi(APIView):
    @extend_schema(operation_id="interview_plan", responses={200: PlanSerializer},
                   description="The interview's plan as the recruiter sees it: topics, why, questions, strong-answer "
                               "points, minutes, follow-ups, reserve topics.")
    def get(self, request, interview_id: int) -> Response:
        return Response(PlanSerializer(_plan_body(_interview(request, interview_id))).data)

    @extend_schema(operation_id="interview_plan_update", request=PlanUpdateInputSerializer,
                   responses={200: PlanSerializer, **errors({
                       400: {"invalid_topic": "A topic addresses an AI system, or a new topic has no question.",
                             "unknown_topic": "An id names no topic of this plan."},
                       409: {"interview_started": "The interview has started; the plan is fixed."},
                   })},
                   description="Replace the plan's topics before the interview starts (409 `interview_started` "
                               "after): edit questions, reorder, remove or add.")
    def put(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id, Action.CHANGE)
        given = PlanUpdateInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        interview.plan = plan_update(interview=interview, topics=given.validated_data["topics"])
        audit_record(action=Audit.PLAN_EDITED, request=request, obj=interview,
                     detail={"topics": len(given.validated_data["topics"])})
        return Response(PlanSerializer(_plan_body(interview)).data)
