"""Input and output shapes of the document API (PROTOCOL.md)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from interview_site.api import StrictCharField

from .models import Document


class JobDescriptionUploadInput(serializers.Serializer):
    # Empty files reach the service, which answers with the contract's `empty_file` code.
    file = serializers.FileField(required=False, allow_empty_file=True, use_url=False)
    text = StrictCharField(required=False, allow_blank=True, trim_whitespace=False)
    title = StrictCharField(required=False, allow_blank=True, max_length=200, default="")


class ResumeUploadInput(serializers.Serializer):
    file = serializers.FileField(required=False, allow_empty_file=True, use_url=False)
    # Checked by the service, so a bad id gets the contract's `jd_not_found`, not a generic error.
    jd_id = StrictCharField(required=False, allow_blank=True, allow_null=True, default=None)
    candidate_name = StrictCharField(required=False, allow_blank=True, max_length=200, default="")
    candidate_email = serializers.EmailField(required=False, allow_blank=True, default="")


class UploadAcceptedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()


class DocumentErrorOutput(serializers.Serializer):
    code = serializers.CharField(help_text="Why parsing failed, e.g. no_text_layer, encrypted_file, parse_timeout")
    message = serializers.CharField()


class DocumentOutput(serializers.ModelSerializer):
    """The document as `GET /api/v1/documents/{id}` returns it (and `parse_document --json` prints it)."""

    error = serializers.SerializerMethodField()
    parsed = serializers.DictField(read_only=True, help_text="The fields read from the document (PROTOCOL.md).")
    flags = serializers.ListField(child=serializers.CharField(), read_only=True,
                                  help_text="Names of findings, e.g. hidden_text.")
    flag_details = serializers.ListField(child=serializers.DictField(), read_only=True,
                                         help_text="[{name, excerpt, reason}]")
    candidate_email = serializers.SerializerMethodField()
    display_name = serializers.CharField(read_only=True)
    jd_id = serializers.IntegerField(read_only=True, allow_null=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id", "kind", "status", "error", "text", "parsed", "flags", "flag_details", "language", "pages",
            "title", "display_name", "original_name", "source_format", "size_bytes", "sha256", "jd_id",
            "candidate_name", "candidate_email", "file_url", "created_at", "parsed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(DocumentErrorOutput(allow_null=True))
    def get_error(self, document: Document) -> dict | None:
        if document.status != Document.Status.FAILED:
            return None
        return {"code": document.error_code, "message": document.error_message}

    @extend_schema_field({"type": "string", "format": "email", "nullable": True,
                          "description": "The email given at upload; null when none was given."})
    def get_candidate_email(self, document: Document) -> str | None:
        return document.candidate_email or None

    def get_file_url(self, document: Document) -> str | None:
        if not document.pk or not document.file:
            return None
        return reverse("documents-file", args=[document.pk])
