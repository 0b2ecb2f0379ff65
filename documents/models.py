"""Job descriptions and resumes: the uploaded file, its faithful text, and what was extracted."""

import uuid

from django.conf import settings
from django.db import models

from organizations.models import organization_field


def document_upload_to(instance: "Document", filename: str) -> str:
    # A random name: the candidate's file name never reaches the file system or a URL.
    return f"documents/{instance.kind}/{uuid.uuid4().hex}"


class Document(models.Model):
    class Kind(models.TextChoices):
        JD = "jd", "Job description"
        RESUME = "resume", "Resume"

    class Status(models.TextChoices):
        PROCESSING = "processing"
        READY = "ready"
        FAILED = "failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    organization = organization_field()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROCESSING, db_index=True)
    title = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=document_upload_to, blank=True, max_length=255)
    source_format = models.CharField(max_length=10, blank=True, help_text="pdf, docx, txt, md or text (pasted)")
    size_bytes = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    text = models.TextField(blank=True, help_text="Visible text, cleaned: the only text models see.")
    parsed = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True, help_text="Names of findings, e.g. hidden_text.")
    flag_details = models.JSONField(default=list, blank=True, help_text="[{name, excerpt, reason}]")
    language = models.CharField(max_length=16, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    jd = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resumes",
        limit_choices_to={"kind": "jd"}, help_text="For a resume: the job it applies to.",
    )
    candidate_name = models.CharField(max_length=200, blank=True)
    candidate_email = models.EmailField(blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "-created_at"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.JD:
            return self.title or self.parsed.get("title") or self.original_name or f"JD #{self.pk}"
        return (
            self.candidate_name or self.parsed.get("name") or self.original_name or f"Resume #{self.pk}"
        )


class JobDescriptionManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Document.Kind.JD)


class ResumeManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Document.Kind.RESUME)


class JobDescription(Document):
    """Admin view of the documents that are job descriptions."""

    objects = JobDescriptionManager()

    class Meta:
        proxy = True
        verbose_name = "job description"


class Resume(Document):
    """Admin view of the documents that are resumes."""

    objects = ResumeManager()

    class Meta:
        proxy = True
