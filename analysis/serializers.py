"""API shapes of the evaluation report (PROTOCOL.md), for output and the OpenAPI document."""

from rest_framework import serializers

from interview_site.api import StrictCharField

from .models import EvaluationReport


class EvidenceSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    quote = serializers.CharField()


class OverrideSerializer(serializers.Serializer):
    competency = serializers.CharField()
    score = serializers.IntegerField(help_text="The recruiter's score, 1-5")
    original_score = serializers.FloatField(allow_null=True, help_text="The evaluator's score it replaced")
    reason = serializers.CharField()
    user = serializers.CharField(allow_blank=True)
    at = serializers.CharField(help_text="ISO 8601 time")


class CompetencySerializer(serializers.Serializer):
    name = serializers.CharField()
    score = serializers.FloatField(
        allow_null=True, help_text="1-5, or null for not enough evidence; a recruiter's override when there is one"
    )
    model_score = serializers.FloatField(allow_null=True, required=False, help_text="The evaluator's own score")
    override = OverrideSerializer(allow_null=True, required=False, help_text="The override in force, if any")
    evidence = EvidenceSerializer(many=True)
    engine = serializers.CharField(
        required=False, help_text='Who scored it: "offline", the model id, or "offline fallback" (the model\'s '
        "score had no evidence that holds up, so the rule-based reading scored it)")
    rules_score = serializers.FloatField(
        allow_null=True, required=False, help_text="With a model: the rule-based reading's score, a check beside it")
    anchors = serializers.DictField(
        child=serializers.CharField(), required=False,
        help_text='The behaviourally anchored scale: {"1", "3", "5"}, what an answer at that level contains')
    anchor_level = serializers.IntegerField(allow_null=True, required=False,
                                            help_text="The anchored level (1, 3 or 5) the score reaches")
    anchor = serializers.CharField(allow_blank=True, required=False, help_text="That level's anchor")
    coverage = serializers.DictField(
        required=False, help_text="The rule-based reading: {covered, points, answers, code: {passed, total} or null}")


class AnswerLedgerSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    topic_id = serializers.CharField(allow_blank=True)
    topic = serializers.CharField(allow_blank=True)
    competency = serializers.CharField(allow_blank=True)
    status = serializers.CharField(help_text="`scored` (counted toward its competency) or `excluded`")
    reason = serializers.CharField(allow_blank=True, help_text="Why an excluded answer does not count")
    quote = serializers.CharField(allow_blank=True, help_text="Its most telling sentence, for a counted answer")


class DisagreementSerializer(serializers.Serializer):
    competency = serializers.CharField()
    model_score = serializers.FloatField()
    rules_score = serializers.FloatField()
    note = serializers.CharField()


class CommunicationSerializer(serializers.Serializer):
    score = serializers.FloatField(allow_null=True, help_text="1-5 on content only; null for not enough evidence")
    model_score = serializers.FloatField(allow_null=True, required=False)
    override = OverrideSerializer(allow_null=True, required=False)
    evidence = EvidenceSerializer(many=True)
    basis = serializers.CharField(help_text="What was judged (never accent, dialect, fillers or fluency)")


class DecisionSerializer(serializers.Serializer):
    decision = serializers.CharField(help_text="advance, hold or reject")
    label = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    user = serializers.CharField(allow_blank=True)
    at = serializers.CharField(help_text="ISO 8601 time")


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
        allow_null=True, help_text="strong_yes, yes, no or strong_no, advisory; insufficient_evidence when too little "
        "was said (fewer than 3 judged answers or under half the competencies scored). The offline engine never "
        "gives strong_yes or strong_no. Null only for a failed report."
    )
    recommendation_note = serializers.CharField(required=False, help_text="Why there is no recommendation.")
    confidence = serializers.FloatField(allow_null=True, help_text="0-1, from the amount of evidence; offline <= 0.6")
    confidence_note = serializers.CharField(required=False, allow_blank=True, help_text="What holds confidence down")
    engine = serializers.CharField(
        allow_null=True, required=False,
        help_text='What judged it: "offline", the model id, or "offline fallback" (the model failed; null for reports '
        "written before this field)")
    engine_note = serializers.CharField(required=False, allow_blank=True, help_text="The same, for a person")
    fallback = serializers.DictField(
        allow_null=True, required=False,
        help_text="Where the offline judge stood in: {model, reason} for the whole report, or {competencies: [...]}")
    disagreements = DisagreementSerializer(
        many=True, required=False, help_text="With a model: competencies where it and the rules differ by 2 or more")
    answers = AnswerLedgerSerializer(many=True, required=False,
                                     help_text="Every candidate answer: counted, or excluded with the reason")
    competencies = CompetencySerializer(many=True)
    strengths = serializers.ListField(child=serializers.CharField())
    concerns = serializers.ListField(child=serializers.CharField())
    integrity = IntegritySerializer(many=True)
    code = CodeSerializer(allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    communication = CommunicationSerializer(allow_null=True, required=False)
    model_overall_score = serializers.FloatField(
        allow_null=True, required=False, help_text="The evaluator's overall score, before recruiters' overrides"
    )
    overrides = OverrideSerializer(many=True, required=False, help_text="Every override of this version, newest first")
    decision = DecisionSerializer(allow_null=True, required=False, help_text="The recruiter's decision in force")

    def to_representation(self, report: EvaluationReport) -> dict:
        from .oversight.effective import decision_item, report_effective
        from .reporting import report_with_anchors
        from .selectors import report_oversight

        empty = {"overall_score": None, "recommendation": None, "confidence": None, "competencies": [],
                 "strengths": [], "concerns": [], "integrity": [], "code": None}
        error = {"code": "report_failed", "message": report.error} if report.status == "failed" else None
        data = report.data or {}
        overrides, decision = report_oversight(report=report)
        if report.status == EvaluationReport.Status.READY:
            data = report_with_anchors(report_effective(data, overrides), lambda: report.interview.plan)
        flat = {
            **empty,
            **data,
            "decision": decision_item(decision),
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


class ScoreOverrideInputSerializer(serializers.Serializer):
    competency = StrictCharField(max_length=200, help_text="A competency name as the report gives it")
    score = serializers.IntegerField(min_value=1, max_value=5)
    reason = StrictCharField(max_length=2000, help_text="Why the score is changed (required)")
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The report version; the newest if absent"
    )


class ScoreOverrideOutputSerializer(OverrideSerializer):
    id = serializers.IntegerField()
    report_version = serializers.IntegerField()


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["advance", "hold", "reject"])
    note = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class DecisionOutputSerializer(DecisionSerializer):
    id = serializers.IntegerField()
    interview_id = serializers.IntegerField()


class DecisionHistorySerializer(serializers.Serializer):
    decision = DecisionOutputSerializer(allow_null=True, help_text="The decision in force (the newest)")
    history = DecisionOutputSerializer(many=True, help_text="Every decision, newest first")


class CommentInputSerializer(serializers.Serializer):
    text = StrictCharField(max_length=2000, help_text="The comment (every role may comment)")


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    interview_id = serializers.IntegerField()
    text = serializers.CharField()
    by = serializers.CharField(source="user_name", help_text="Who wrote it (kept if the account goes)")
    role = serializers.CharField(help_text="Their role when they wrote it")
    created_at = serializers.DateTimeField()


class RankedCandidateSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    resume_id = serializers.IntegerField()
    candidate = serializers.CharField()
    fit_score = serializers.IntegerField(help_text="0-100; advisory: it decides what to probe, not who is hired")
    matched_required = serializers.ListField(child=serializers.CharField())
    missing_required = serializers.ListField(child=serializers.CharField())
    adjacent = serializers.ListField(child=serializers.DictField(), help_text="[{required, related: [str]}]")
    required_status = serializers.ListField(
        child=serializers.DictField(),
        help_text="[{skill, status: matched|implied|unclear|missing, evidence: the resume line or null, "
                  "via: the skill that implies it or null}]; only `missing` is a gap",
    )
    implied_required = serializers.ListField(child=serializers.CharField(), help_text="Shown through another skill")
    unclear_required = serializers.ListField(child=serializers.CharField(), help_text="Neither shown nor contradicted")
    engine = serializers.CharField(help_text='Who gave the skill statuses: "offline" (rules) or the model id')
    years_required = serializers.FloatField(allow_null=True)
    years_candidate = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


class PlanTopicSerializer(serializers.Serializer):
    """A plan topic as the recruiter sees and edits it (`why` and `strong_answer` never reach the candidate)."""

    id = StrictCharField(required=False, help_text="An existing topic's id; omit for a new topic")
    name = StrictCharField(required=False, max_length=80)
    kind = StrictCharField(read_only=True)
    competency = StrictCharField(required=False, max_length=120)
    why = StrictCharField(required=False, max_length=300)
    question = StrictCharField(min_length=10, max_length=500, required=False,
                                     help_text="Required for a new topic")
    strong_answer = serializers.ListField(child=StrictCharField(max_length=300), required=False, max_length=5)
    minutes = serializers.IntegerField(read_only=True)
    follow_ups = serializers.IntegerField(read_only=True)
    reserve = serializers.BooleanField(read_only=True, help_text="Asked only when the answers leave time")


class PlanSerializer(serializers.Serializer):
    interview_id = serializers.IntegerField()
    editable = serializers.BooleanField(help_text="True until the interview starts")
    duration_minutes = serializers.IntegerField()
    main_questions = serializers.IntegerField(help_text="Topics booked into the time (reserve topics aside)")
    topics = PlanTopicSerializer(many=True)
    competencies = serializers.ListField(child=serializers.DictField())
    coding_task = serializers.DictField(allow_null=True, help_text="{title, minutes, language} or null")


class PlanUpdateInputSerializer(serializers.Serializer):
    topics = PlanTopicSerializer(many=True, allow_empty=False, max_length=16,
                                 help_text="The whole list, in the order to ask it: reorder, edit, remove or add")
