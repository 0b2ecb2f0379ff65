"""REST API of analysis: the evaluation report of an interview (recruiters only)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from interview_site.api import ApiError
from interviews.models import Interview
from interviews.selectors import interview_get_for_recruiter

from .models import EvaluationReport
from .selectors import report_latest_for_interview
from .serializers import ReportPendingSerializer, ReportSerializer
from .services import report_request


def _interview(request, interview_id: int) -> Interview:
    try:
        return interview_get_for_recruiter(user=request.user, interview_id=interview_id)
    except Interview.DoesNotExist:
        raise ApiError("not_found", "No such interview.", status_code=404) from None


def _pending(report: EvaluationReport | None) -> Response:
    body = {"status": "pending", **({"version": report.version} if report else {})}
    return Response(ReportPendingSerializer(body).data, status=status.HTTP_202_ACCEPTED)


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
        return Response(ReportSerializer(report).data)


class InterviewReportRegenerateApi(APIView):
    @extend_schema(operation_id="interview_report_regenerate", request=None, responses={202: ReportPendingSerializer})
    def post(self, request, interview_id: int) -> Response:
        interview = _interview(request, interview_id)
        if interview.status != Interview.Status.ENDED:
            raise ApiError("interview_not_ended", "The interview has not ended yet.", status_code=409)
        return _pending(report_request(interview_id=interview.pk, regenerate=True))
