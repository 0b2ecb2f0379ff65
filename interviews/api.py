"""Interview REST API: thin adapters that validate, call one service or selector, and shape the answer.

Services and selectors are reached through their modules (`services.interview_start`), so there is
one place each is looked up at call time.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import Action as Audit
from audit.services import audit_record
from interview_site.api import ApiError
from organizations.permissions import CanChange

from . import imports, invites, selectors, services
from .models import Interview
from .serializers import (
    InterviewDetailOutputSerializer,
    InterviewStartInputSerializer,
    InterviewStartOutputSerializer,
    TranscriptImportInputSerializer,
    TranscriptImportOutputSerializer,
)

# The contract's error body, for the schema.
ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorDetail", fields={"code": serializers.CharField(), "message": serializers.CharField()}
        )
    },
)


def interview_or_404(request: Request, interview_id: int) -> Interview:
    """The interview through the recruiter selector; anything it refuses is a plain 404."""
    try:
        return selectors.interview_get_for_recruiter(user=request.user, interview_id=interview_id)
    except Interview.DoesNotExist:
        raise ApiError("not_found", "No such interview.", status_code=status.HTTP_404_NOT_FOUND) from None


class InterviewStartApi(APIView):
    permission_classes = [CanChange]

    @extend_schema(
        operation_id="interview_start",
        summary="Start an interview for a resume against a JD",
        request=InterviewStartInputSerializer,
        responses={
            201: InterviewStartOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Invalid input, or a document that is not ready."),
            403: OpenApiResponse(ErrorSerializer, description="Not a member, or a reviewer (`role_forbidden`)."),
        },
        tags=["interviews"],
    )
    def post(self, request: Request) -> Response:
        given = InterviewStartInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        interview, token = services.interview_start(**given.validated_data, user=request.user)
        audit_record(action=Audit.INTERVIEW_STARTED, request=request, obj=interview)
        body = {
            "id": interview.pk,
            "status": interview.status,
            "candidate_url": invites.candidate_url(request, token),
            "ws_url": invites.ws_url(request, interview.pk, token),
        }
        return Response(InterviewStartOutputSerializer(body).data, status=status.HTTP_201_CREATED)


class InterviewDetailApi(APIView):
    @extend_schema(
        operation_id="interview_detail",
        summary="An interview with its transcript and integrity signals",
        responses={
            200: InterviewDetailOutputSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No such interview, or not yours to see."),
        },
        tags=["interviews"],
    )
    def get(self, request: Request, interview_id: int) -> Response:
        interview = interview_or_404(request, interview_id)
        audit_record(action=Audit.TRANSCRIPT_VIEWED, request=request, obj=interview)
        return Response(InterviewDetailOutputSerializer(interview).data)


class TranscriptImportApi(APIView):
    permission_classes = [CanChange]

    @extend_schema(
        operation_id="transcript_import",
        summary="Evaluate a transcript held elsewhere",
        description="Stores the transcript as an ended interview (end_reason `imported`) and queues its report, "
        "read from `report_url` as for any interview. Give `turns` or labelled `text`, not both.",
        request=TranscriptImportInputSerializer,
        responses={
            202: TranscriptImportOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A bad transcript (the code says what); nothing stored."),
            403: OpenApiResponse(ErrorSerializer, description="Not a member, or a reviewer (`role_forbidden`)."),
            404: OpenApiResponse(ErrorSerializer, description="No such JD or resume."),
            409: OpenApiResponse(ErrorSerializer, description="The JD or resume is not ready."),
        },
        tags=["interviews"],
    )
    def post(self, request: Request) -> Response:
        given = TranscriptImportInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        interview = imports.interview_import(**given.validated_data, user=request.user)
        audit_record(action=Audit.TRANSCRIPT_IMPORTED, request=request, obj=interview)
        body = {"id": interview.pk, "report_url": f"/api/v1/interview/{interview.pk}/report"}
        return Response(TranscriptImportOutputSerializer(body).data, status=status.HTTP_202_ACCEPTED)
