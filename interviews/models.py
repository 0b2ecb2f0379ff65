"""Interviews, their turns and the integrity signals the candidate's browser reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from organizations.models import organization_field


class Interview(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled"
        IN_PROGRESS = "in_progress"
        ENDED = "ended"

    class Phase(models.TextChoices):
        WAITING = "waiting"
        GREETING = "greeting"
        TOPICS = "topics"
        CLOSING = "closing"
        ENDED = "ended"

    class EndReason(models.TextChoices):
        COMPLETED = "completed"
        CANDIDATE_ENDED = "candidate_ended"
        TIMEOUT = "timeout"
        ABANDONED = "abandoned"
        IMPORTED = "imported"  # a transcript held elsewhere, evaluated here (interviews/imports.py)

    jd = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="interviews_as_jd")
    organization = organization_field()
    resume = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="interviews")
    plan = models.ForeignKey("analysis.InterviewPlan", on_delete=models.PROTECT, related_name="interviews")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED, db_index=True)
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.WAITING)
    duration_minutes = models.PositiveSmallIntegerField()
    # sha256 of the invite token: the token itself is shown once and never stored or logged.
    token_hash = models.CharField(max_length=64, unique=True)
    token_expires_at = models.DateTimeField()
    # The conductor's position (topic index, follow-ups used, ...), so a restart resumes it.
    state = models.JSONField(default=dict, blank=True)
    # When the candidate ticked the consent box on the start page and pressed Start (PROTOCOL `start`).
    consented_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Interview #{self.pk} · {self.resume} for {self.jd}"


class Turn(models.Model):
    class Role(models.TextChoices):
        INTERVIEWER = "interviewer"
        CANDIDATE = "candidate"

    class Kind(models.TextChoices):
        GREETING = "greeting"
        QUESTION = "question"
        FOLLOW_UP = "follow_up"
        ANSWER = "answer"
        CLOSING = "closing"
        SURPRISE = "surprise"
        NUDGE = "nudge"
        CODE_TASK = "code_task"
        CODE = "code"  # the candidate's submitted code for the coding task (meta.language)

    class Status(models.TextChoices):
        STREAMING = "streaming"
        COMPLETE = "complete"
        CANCELLED = "cancelled"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="turns")
    seq = models.PositiveIntegerField()
    role = models.CharField(max_length=12, choices=Role.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField(blank=True)
    topic_id = models.CharField(max_length=40, blank=True)
    client_id = models.CharField(max_length=64, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.COMPLETE)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Small facts about the turn that have no column: e.g. {"language": "python"} for code.
    meta = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["interview", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "seq"], name="turn_seq_unique"),
            models.UniqueConstraint(
                fields=["interview", "client_id"], condition=Q(client_id__isnull=False), name="turn_client_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.role}: {self.text[:60]}"


class IntegritySignal(models.Model):
    """Telemetry from the candidate's browser (tab_hidden, paste, ...): reported, never scored."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="signals")
    name = models.CharField(max_length=40)
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["interview", "at"]

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%H:%M:%S}"


class ConductorLease(models.Model):
    """Which process conducts an interview, until when: one conductor per interview across processes.

    Used when there is no Redis (the default SQLite setup); with Redis the lease is a key there.
    The holder renews it while it runs; a process that dies stops renewing and another takes over.
    """

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, primary_key=True, related_name="lease")
    owner = models.CharField(max_length=100)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"lease of interview {self.interview_id} by {self.owner} until {self.expires_at:%H:%M:%S}"
