"""Interview REST API: thin adapters that validate, call one service or selector, and shape the answer.

Services and selectors are reached through their modules (`services.interview_start`), so there is
one place each is looked up at call time.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import Action as Audit
from audit.services import audit_record
from interview_site.api import ApiError
from interview_site.openapi import errors
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

_DOCUMENTS_NOT_FOUND = {
    "jd_not_found": "jd_id names no job description.",
    "resume_not_found": "resume_id names no resume.",
}
_NOT_READY = {409: {"document_not_ready": "The JD or resume is still processing, or failed."}}
_TRANSCRIPT_ERRORS = {
    "missing_jd_id": "jd_id is required.",
    "missing_transcript": 'Neither "turns" nor "text" was given.',
    "ambiguous_transcript": 'Both "turns" and "text" were given.',
    "invalid_text": "text is not a string.",
    "unlabelled_text": "A line comes before the first 'Interviewer:' or 'Candidate:' label.",
    "invalid_turns": 'turns is not a list of {"speaker", "text"} objects.',
    "unknown_speaker": 'A turn\'s speaker is neither "interviewer" nor "candidate".',
    "empty_transcript": "The transcript has no turns.",
    "empty_turn": "A turn has no text.",
    "too_many_turns": "The transcript has too many turns.",
    "transcript_too_long": "The transcript has too many characters.",
    "no_interviewer_turn": "The transcript has no interviewer turn.",
    "no_candidate_turn": "The transcript has no candidate turn.",
}


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
            **errors({
                400: {"invalid_duration": "duration_minutes is outside 5-120."},
                404: _DOCUMENTS_NOT_FOUND,
                **_NOT_READY,
            }),
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
            # A bad transcript stores nothing; the code says what is wrong.
            **errors({400: _TRANSCRIPT_ERRORS, 404: _DOCUMENTS_NOT_FOUND, **_NOT_READY}),
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
