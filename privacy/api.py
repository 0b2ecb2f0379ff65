"""Erasure and export of a candidate for an organisation's admin (recruiters and reviewers: 403)."""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.models import Document
from documents.selectors import document_get_for_recruiter
from interview_site.api import ApiError
from interview_site.openapi import errors
from organizations.access import Action

from .services import CandidateNotFound, erase_candidate, export_candidate


def _resume(request: Request, document_id: int) -> Document:
    try:
        document = document_get_for_recruiter(user=request.user, document_id=document_id, action=Action.ADMINISTER)
    except Document.DoesNotExist:
        raise ApiError("not_found", "No such document.", status_code=404) from None
    if document.kind != Document.Kind.RESUME:
        raise ApiError("not_a_resume", "Only a resume is a candidate's data; a job description is not erased "
                       "or exported this way.", status_code=400)
    return document


_ERRORS = {400: {"not_a_resume": "The id names a job description, not a candidate's resume."}}


class DocumentEraseApi(APIView):
    @extend_schema(
        request=None,
        responses={200: inline_serializer("ErasureOutput", {"erased": serializers.DictField(
            child=serializers.IntegerField())}), **errors(_ERRORS)},
        summary="Erase a candidate: the resume, its file, interviews, transcripts, reports, decisions, model calls",
    )
    def post(self, request: Request, document_id: int) -> Response:
        document = _resume(request, document_id)
        try:
            counts = erase_candidate(document.pk, request=request)
        except CandidateNotFound:
            raise ApiError("not_found", "No such document.", status_code=404) from None
        return Response({"erased": counts})


class DocumentExportApi(APIView):
    @extend_schema(
        responses={(200, "application/zip"): OpenApiResponse(description="candidate.json, transcripts, files"),
                   **errors(_ERRORS)},
        summary="Everything held about a candidate, as a zip (JSON plus the original file)",
    )
    def get(self, request: Request, document_id: int) -> HttpResponse:
        document = _resume(request, document_id)
        data = export_candidate(document.pk, request=request)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="candidate-{document.pk}.zip"'
        return response
