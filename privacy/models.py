"""What stays after a candidate's data is erased: anonymous counts, never a person."""

from django.db import models


class ErasureSummary(models.Model):
    """One erasure run (a retention sweep of one organisation, or one candidate's erasure): how many
    candidates and interviews went and the distribution of their outcomes, for the bias audit. No id,
    name, text or date of any candidate: only the day of the run."""

    class Reason(models.TextChoices):
        RETENTION = "retention"
        ERASURE = "erasure"

    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, related_name="+",
                                     on_delete=models.DO_NOTHING, db_constraint=False)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    day = models.DateField(db_index=True)
    candidates = models.PositiveIntegerField(default=0)
    interviews = models.PositiveIntegerField(default=0)
    # {"3.5": 2, ...}: overall scores rounded to halves; {"yes": 1, ...}; {"advance": 1, ...}; {"completed": 2}
    score_histogram = models.JSONField(default=dict, blank=True)
    recommendations = models.JSONField(default=dict, blank=True)
    decisions = models.JSONField(default=dict, blank=True)
    end_reasons = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.candidates} candidate(s), {self.interviews} interview(s)"
