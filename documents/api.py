"""Document API: upload a JD or a resume, read a document. Thin: validate, call a service, shape."""

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import Action as Audit
from audit.services import audit_record
from interview_site.api import ApiError
from organizations.permissions import CanChange

from .errors import DocumentError
from .models import Document
from .selectors import document_get_for_recruiter
from .serializers import (
    DocumentOutput,
    ErrorOutput,
    JobDescriptionUploadInput,
    ResumeUploadInput,
    UploadAcceptedOutput,
)
from .services import document_create

_ERRORS = {code: OpenApiResponse(ErrorOutput) for code in (400, 403, 404, 413, 415)}


def _validated(serializer_class: type, request: Request) -> dict:
    try:
        data = request.data
    except RequestDataTooBig:
        raise ApiError("too_large", "The request is too large.", status_code=413) from None
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _create(kind: str, request: Request, **fields) -> Response:
    try:
        document = document_create(kind=kind, user=request.user, **fields)
    except DocumentError as exc:
        raise ApiError(exc.code, exc.message, status_code=exc.status_code) from None
    audit_record(action=Audit.DOCUMENT_UPLOADED, request=request, obj=document)
    output = UploadAcceptedOutput({"id": document.pk, "kind": document.kind, "status": document.status})
    return Response(output.data, status=status.HTTP_202_ACCEPTED)


class JobDescriptionUploadApi(APIView):
    permission_classes = [CanChange]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": JobDescriptionUploadInput, "application/json": JobDescriptionUploadInput},
        responses={202: UploadAcceptedOutput, **_ERRORS},
        summary="Upload a job description (PDF, DOCX, TXT, MD) or paste its text",
    )
    def post(self, request: Request) -> Response:
        data = _validated(JobDescriptionUploadInput, request)
        return _create(Document.Kind.JD, request, file=data.get("file"), text=data.get("text"), title=data["title"])


class ResumeUploadApi(APIView):
    permission_classes = [CanChange]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ResumeUploadInput},
        responses={202: UploadAcceptedOutput, **_ERRORS},
        summary="Upload a resume (PDF, DOCX, TXT, MD), optionally for a job description",
    )
    def post(self, request: Request) -> Response:
        data = _validated(ResumeUploadInput, request)
        return _create(
            Document.Kind.RESUME,
            request,
            file=data.get("file"),
            jd_id=data.get("jd_id"),
            candidate_name=data["candidate_name"],
            candidate_email=data["candidate_email"],
        )


class DocumentDetailApi(APIView):
    @extend_schema(responses={200: DocumentOutput, 404: ErrorOutput}, summary="A document: status, text, fields, flags")
    def get(self, request: Request, document_id: int) -> Response:
        try:
            document = document_get_for_recruiter(user=request.user, document_id=document_id)
        except Document.DoesNotExist:
            raise ApiError("not_found", "No such document.", status_code=404) from None
        audit_record(action=Audit.DOCUMENT_VIEWED, request=request, obj=document)
        return Response(DocumentOutput(document).data)
