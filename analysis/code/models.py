"""Code a candidate submitted for the interview's coding task, and what its evaluation found."""

from django.db import models
from django.db.models import Q


class CodeSubmission(models.Model):
    """One `code.submit`. Evaluated in the background on the sandbox queue; `result` holds
    {"tests", "metrics", "review", "isolation"} once `done`."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"  # the evaluation itself broke (not the candidate's code): see `error`

    class Language(models.TextChoices):
        PYTHON = "python", "Python"
        JAVASCRIPT = "javascript", "JavaScript"

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="code_submissions")
    task_id = models.CharField(max_length=64)
    language = models.CharField(max_length=16, choices=Language.choices)
    code = models.TextField()
    client_id = models.CharField(max_length=64, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A resent frame (reconnect, retry) must not create a second submission.
            models.UniqueConstraint(
                fields=["interview", "client_id"], condition=Q(client_id__isnull=False),
                name="one_code_submission_per_client_id",
            ),
        ]

    def __str__(self) -> str:
        return f"Code #{self.pk} ({self.task_id}, {self.language}) for interview #{self.interview_id}: {self.status}"
