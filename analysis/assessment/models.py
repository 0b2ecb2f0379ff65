"""The assessment of one candidate answer, made in the background right after it is given."""

from django.db import models


class AnswerAssessment(models.Model):
    """How an answer (with the earlier answers on its topic) meets the topic's strong-answer points.

    Written once per candidate turn by `answer_assess_task`; the conductor may read it for later
    follow-ups but never waits for it, and the report is judged from the transcript, not from these.
    """

    turn = models.OneToOneField("interviews.Turn", on_delete=models.CASCADE, related_name="assessment")
    topic_id = models.CharField(max_length=40, blank=True, help_text="Empty: not an answer to a planned topic.")
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1-5; null for not enough evidence")
    covered_points = models.JSONField(default=list, blank=True)
    missing_points = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["turn__interview", "turn__seq"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="answer_assessment_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of turn #{self.turn_id}: {self.score or 'not enough evidence'}"
