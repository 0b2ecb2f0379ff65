"""The audit log: who saw or changed what about a candidate, when, from where. Append-only."""

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """An attempt to change or delete an audit record."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit records are never changed.")

    def delete(self):
        raise AppendOnlyError("Audit records are never deleted.")


class AuditEvent(models.Model):
    """One thing a person (or an operator's command) did. Rows are only ever added: `save()` of an existing
    row, `delete()` and queryset `update()`/`delete()` raise, and on PostgreSQL a trigger refuses UPDATE and
    DELETE from any client. The user and organisation are kept without a database constraint, so deleting
    an account changes no row here (`user_name` keeps who it was)."""

    class Action(models.TextChoices):
        DOCUMENT_VIEWED = "document.viewed"  # a resume or JD: its page or its API object
        FILE_DOWNLOADED = "file.downloaded"  # the original uploaded file
        TRANSCRIPT_VIEWED = "transcript.viewed"  # the interview page or its API object (turns)
        REPORT_VIEWED = "report.viewed"
        DECISION_RECORDED = "decision.recorded"
        OVERRIDE_RECORDED = "override.recorded"
        COMMENT_ADDED = "comment.added"
        REPORT_REGENERATED = "report.regenerated"
        PLAN_EDITED = "plan.edited"
        LINK_ROTATED = "link.rotated"
        INTERVIEW_STARTED = "interview.started"
        DOCUMENT_UPLOADED = "document.uploaded"
        TRANSCRIPT_IMPORTED = "transcript.imported"
        ORGANIZATION_CREATED = "organization.created"
        MEMBER_ADDED = "member.added"
        MEMBER_ROLE_CHANGED = "member.role_changed"
        AUDIT_EXPORTED = "audit.exported"

    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, related_name="+",
                                     on_delete=models.DO_NOTHING, db_constraint=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                             on_delete=models.DO_NOTHING, db_constraint=False)
    user_name = models.CharField(max_length=150, blank=True, help_text="Who, kept if the account goes; "
                                 "empty for an operator's command")
    action = models.CharField(max_length=40, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.user_name or 'command'} {self.action} " \
               f"{self.object_type} {self.object_id}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit records are never changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit records are never deleted.")
