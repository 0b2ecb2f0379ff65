"""Document API: upload a JD or a resume, read a document. Thin: validate, call a service, shape."""

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import Action as Audit
from audit.services import audit_record
from interview_site.api import ApiError
from interview_site.openapi import errors
from organizations.permissions import CanChange

from .errors import DocumentError
from .models import Document
from .selectors import document_get_for_recruiter
from .serializers import (
    DocumentOutput,
    JobDescriptionUploadInput,
    ResumeUploadInput,
    UploadAcceptedOutput,
)
from .services import document_create

# Refusals at upload time (documents/errors.py); what only parsing finds ends the document `failed` instead.
_UPLOAD_ERRORS = {
    400: {
        "missing_file": "No file (and, for a JD, no pasted text).",
        "empty_file": "The file is empty.",
        "truncated_file": "The file is incomplete (a PDF without its end marker, a damaged ZIP directory).",
        "archive_bomb": "The DOCX would inflate past the limits; refused before reading it.",
    },
    413: {"too_large": "The file is over DOCUMENT_MAX_BYTES."},
    415: {"unsupported_type": "Not a PDF, DOCX, TXT or MD file, or its content disagrees with its name."},
}
_JD_ERRORS = {**_UPLOAD_ERRORS, 413: {**_UPLOAD_ERRORS[413], "too_many_characters": "The pasted text is too long."}}
_RESUME_ERRORS = {
    **_UPLOAD_ERRORS, 400: {**_UPLOAD_ERRORS[400], "jd_not_found": "jd_id names no job description."},
}


# The request bodies as clients send them (the input serializers also take what forms cannot express).
_FILE = {"type": "string", "format": "binary", "description": "PDF, DOCX, TXT or MD."}
_TITLE = {"type": "string", "maxLength": 200}
_JD_FORM = {
    "type": "object",
    "description": "A file, or the JD's text in `text`.",
    "properties": {"file": _FILE, "text": {"type": "string", "description": "The JD's text, instead of a file."},
                   "title": _TITLE},
}
_JD_JSON = {"type": "object", "properties": {"text": {"type": "string", "minLength": 1}, "title": _TITLE},
            "required": ["text"]}
_RESUME_FORM = {
    "type": "object",
    "properties": {
        "file": _FILE,
        "jd_id": {"type": "integer", "description": "The job description this candidate applies for."},
        "candidate_name": {"type": "string", "maxLength": 200},
        "candidate_email": {"type": "string", "format": "email"},
    },
    "required": ["file"],
}


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
        request={"multipart/form-data": _JD_FORM, "application/json": _JD_JSON},
        responses={202: UploadAcceptedOutput, **errors(_JD_ERRORS)},
        summary="Upload a job description (PDF, DOCX, TXT, MD) or paste its text",
    )
    def post(self, request: Request) -> Response:
        data = _validated(JobDescriptionUploadInput, request)
        return _create(Document.Kind.JD, request, file=data.get("file"), text=data.get("text"), title=data["title"])


class ResumeUploadApi(APIView):
    permission_classes = [CanChange]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": _RESUME_FORM},
        responses={202: UploadAcceptedOutput, **errors(_RESUME_ERRORS)},
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
    @extend_schema(responses={200: DocumentOutput}, summary="A document: status, text, fields, flags")
    def get(self, request: Request, document_id: int) -> Response:
        try:
            document = document_get_for_recruiter(user=request.user, document_id=document_id)
        except Document.DoesNotExist:
            raise ApiError("not_found", "No such document.", status_code=404) from None
        audit_record(action=Audit.DOCUMENT_VIEWED, request=request, obj=document)
        return Response(DocumentOutput(document).data)
