"""Input and output shapes of the interview API (one pair per operation; no ModelSerializer magic)."""

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from interview_site.api import StrictCharField

from .models import Interview, Turn

DURATION_MIN_MINUTES = 5
DURATION_MAX_MINUTES = 120


def named_choice_field(choices: type[models.TextChoices], component: str) -> type[serializers.ChoiceField]:
    """A ChoiceField whose enum is its own named schema component.

    Left to itself, drf-spectacular names enums after the field ("status"), and the same name for
    different choice sets (interview, turn, document) is a warning that fails `check --deploy`.
    """

    @extend_schema_field({"type": "string", "enum": list(choices.values)}, component_name=component)
    class NamedChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices.choices, **kwargs)

    return NamedChoiceField


InterviewStatusField = named_choice_field(Interview.Status, "InterviewStatus")
InterviewPhaseField = named_choice_field(Interview.Phase, "InterviewPhase")
TurnRoleField = named_choice_field(Turn.Role, "TurnRole")
TurnKindField = named_choice_field(Turn.Kind, "TurnKind")
TurnStatusField = named_choice_field(Turn.Status, "TurnStatus")


class InterviewStartInputSerializer(serializers.Serializer):
    jd_id = serializers.IntegerField(min_value=1)
    resume_id = serializers.IntegerField(min_value=1)
    duration_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=DURATION_MIN_MINUTES, max_value=DURATION_MAX_MINUTES
    )


class InterviewStartOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = InterviewStatusField()
    candidate_url = serializers.URLField(help_text="The candidate's page. Shown once: only the token's hash is kept.")
    ws_url = serializers.CharField(help_text="WebSocket URL of the chat, authenticated by ?token=.")


@extend_schema_field({
    "type": "array", "nullable": True,
    "items": {"type": "object", "required": ["speaker", "text"], "properties": {
        "speaker": {"type": "string", "enum": ["interviewer", "candidate"]}, "text": {"type": "string"}}},
})
class TranscriptTurnsField(serializers.JSONField):
    """Checked by the importer (interviews/imports.py), which names what is wrong with a turn."""


class TranscriptImportInputSerializer(serializers.Serializer):
    jd_id = serializers.IntegerField(min_value=1)
    resume_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    turns = TranscriptTurnsField(
        required=False, allow_null=True, help_text='[{"speaker": "interviewer" or "candidate", "text"}], in order.'
    )
    text = StrictCharField(
        required=False, allow_null=True, allow_blank=True, trim_whitespace=False,
        help_text="Labelled lines: 'Interviewer: ...' / 'Candidate: ...'; other lines continue the turn before.",
    )
    candidate_name = StrictCharField(
        required=False, allow_blank=True, max_length=200, help_text="Names the candidate when no resume_id is given."
    )


class TranscriptImportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The interview (ended, end_reason imported).")
    report_url = serializers.CharField()


class TurnOutputSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    role = TurnRoleField()
    kind = TurnKindField()
    text = serializers.CharField()
    status = TurnStatusField()
    created_at = serializers.DateTimeField()


class IntegritySignalOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    detail = serializers.CharField()
    at = serializers.DateTimeField()


class InterviewDetailOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = InterviewStatusField()
    phase = InterviewPhaseField()
    end_reason = serializers.CharField(help_text="Empty until the interview ends.")
    duration_minutes = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    jd_id = serializers.IntegerField()
    resume_id = serializers.IntegerField()
    # .all() so a selector's prefetch is reused; no per-turn query either way.
    turns = TurnOutputSerializer(many=True, source="turns.all")
    signals = IntegritySignalOutputSerializer(many=True, source="signals.all")
    integrity = serializers.SerializerMethodField(
        help_text="The integrity timeline (browser signals and what the turns' timing shows), as the report has it."
    )
    consented_at = serializers.DateTimeField(allow_null=True, help_text="When the candidate consented and started.")
    report_url = serializers.SerializerMethodField()

    @extend_schema_field(IntegritySignalOutputSerializer(many=True))
    def get_integrity(self, interview: Interview) -> list[dict]:
        from analysis.selectors import interview_integrity

        return IntegritySignalOutputSerializer(interview_integrity(interview=interview), many=True).data

    def get_report_url(self, interview: Interview) -> str:
        return f"/api/v1/interview/{interview.pk}/report"
