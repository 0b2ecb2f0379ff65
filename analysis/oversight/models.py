"""What recruiters decide: overrides of a report's scores and the hiring decision, both kept as history."""

from django.conf import settings
from django.db import models

from organizations.models import organization_field
from privacy.history import HistoryModelMixin, HistoryQuerySet


class ScoreOverride(HistoryModelMixin, models.Model):
    """A recruiter's score for one competency of one report version. The model's score stays in the report."""

    report = models.ForeignKey("analysis.EvaluationReport", on_delete=models.CASCADE, related_name="overrides")
    organization = organization_field()
    competency = models.CharField(max_length=200)
    original_score = models.FloatField(null=True, blank=True, help_text="The evaluator's score (null: no evidence)")
    score = models.PositiveSmallIntegerField(help_text="The recruiter's score, 1-5")
    reason = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Kept even if the account is deleted later: the record says who decided (EU AI Act Art. 12, 14).
    user_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HistoryQuerySet.as_manager()  # never changed nor deleted, but by erasure (privacy/history.py)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="override_score_1_to_5"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="override_reason_required"),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.original_score} → {self.score} ({self.user_name or 'unknown'})"


class Decision(HistoryModelMixin, models.Model):
    """A recruiter's hiring decision on an interview. The newest one holds; earlier ones stay as history."""

    class Choice(models.TextChoices):
        ADVANCE = "advance", "Advance"
        HOLD = "hold", "Hold"
        REJECT = "reject", "Reject"

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="decisions")
    organization = organization_field()
    decision = models.CharField(max_length=10, choices=Choice.choices)
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    user_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HistoryQuerySet.as_manager()  # never changed nor deleted, but by erasure (privacy/history.py)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(decision__in=["advance", "hold", "reject"]),
                                   name="decision_is_a_choice"),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · interview #{self.interview_id} ({self.user_name or 'unknown'})"


class Comment(HistoryModelMixin, models.Model):
    """A team member's comment on an interview (a hiring manager's view of the report, a question for the
    recruiter). Every role may comment; comments are kept as written (never edited), and go with erasure."""

    MAX_CHARS = 2000

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="comments")
    organization = organization_field()
    text = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    user_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, blank=True, help_text="The author's role when they wrote it")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="comment_text_required")]

    def __str__(self) -> str:
        return f"{self.user_name or 'someone'}: {self.text[:60]}"
