"""API shapes of the evaluation report (PROTOCOL.md), for output and the OpenAPI document."""

from rest_framework import serializers

from .models import EvaluationReport


class EvidenceSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    quote = serializers.CharField()


class CompetencySerializer(serializers.Serializer):
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="1-5, or null for not enough evidence")
    evidence = EvidenceSerializer(many=True)


class IntegritySerializer(serializers.Serializer):
    name = serializers.CharField()
    at = serializers.CharField(help_text="ISO 8601 time")
    detail = serializers.CharField(allow_blank=True)


class CodeSerializer(serializers.Serializer):
    task = serializers.CharField()
    passed = serializers.IntegerField()
    total = serializers.IntegerField()
    review = serializers.CharField()


class ReportErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    """A report version: `status` ready (the full report) or failed (`error` says why, the rest empty)."""

    id = serializers.IntegerField()
    interview_id = serializers.IntegerField()
    version = serializers.IntegerField()
    # A plain string: a second enum named "status" would collide in the OpenAPI document.
    status = serializers.CharField(help_text="`ready`, or `failed` with `error` set")
    error = ReportErrorSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    overall_score = serializers.FloatField(allow_null=True, help_text="1.0-5.0; null when nothing could be judged")
    recommendation = serializers.CharField(
        allow_null=True, help_text="strong_yes, yes, no or strong_no; advisory. Null when there is no evidence."
    )
    recommendation_note = serializers.CharField(required=False, help_text="Why there is no recommendation.")
    confidence = serializers.FloatField(allow_null=True)
    competencies = CompetencySerializer(many=True)
    strengths = serializers.ListField(child=serializers.CharField())
    concerns = serializers.ListField(child=serializers.CharField())
    integrity = IntegritySerializer(many=True)
    code = CodeSerializer(allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True)

    def to_representation(self, report: EvaluationReport) -> dict:
        empty = {"overall_score": None, "recommendation": None, "confidence": None, "competencies": [],
                 "strengths": [], "concerns": [], "integrity": [], "code": None}
        error = {"code": "report_failed", "message": report.error} if report.status == "failed" else None
        flat = {
            **empty,
            **(report.data or {}),
            "id": report.pk,
            "interview_id": report.interview_id,
            "version": report.version,
            "status": report.status,
            "error": error,
            "created_at": report.created_at,
            "completed_at": report.completed_at,
        }
        return super().to_representation(flat)


class ReportPendingSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="Always `pending`.")
    version = serializers.IntegerField(required=False, help_text="The version being made, once it exists.")
