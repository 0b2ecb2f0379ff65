"""Code a candidate submitted for the interview's coding task, and what its evaluation found."""

from django.db import models
from django.db.models import Q


class CodeSubmission(models.Model):
    """One `code.submit`, or one `code.run` of the task's visible examples (purpose `examples`).
    Evaluated in the background on the sandbox queue; `result` holds {"tests", "metrics", "review",
    "isolation"} once a submission is `done`, {"tests", "isolation"} for an examples run, which is
    never evidence: no review, and the report never reads it."""

    class Purpose(models.TextChoices):
        SUBMISSION = "submission"
        EXAMPLES = "examples"

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"  # the evaluation itself broke (not the candidate's code): see `error`
        NOT_RUN = "not_run"  # refused: the sandbox could not isolate it at CODE_SANDBOX_MIN_LEVEL

    class Language(models.TextChoices):
        PYTHON = "python", "Python"
        JAVASCRIPT = "javascript", "JavaScript"

    SETTLED = (Status.DONE, Status.NOT_RUN)  # nothing changes these any more

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="code_submissions")
    task_id = models.CharField(max_length=64)
    language = models.CharField(max_length=16, choices=Language.choices)
    code = models.TextField()
    client_id = models.CharField(max_length=64, null=True, blank=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.SUBMISSION)
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


class SandboxHeartbeat(models.Model):
    """What each sandbox worker last said about itself: the isolation it can offer now.

    The application never runs candidate code, so it learns from these whether the deployment can
    (`selectors.sandbox_status`): no fresh heartbeat at or above the minimum, no coding task.
    """

    hostname = models.CharField(max_length=200, unique=True)
    level = models.CharField(max_length=20)
    minimum = models.CharField(max_length=20, blank=True)
    languages = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Sandbox worker {self.hostname}: {self.level} (seen {self.seen_at:%Y-%m-%d %H:%M:%S})"
