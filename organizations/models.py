"""Organisations (the hiring teams sharing a deployment) and their members' roles."""

from django.conf import settings
from django.db import models

# Rows that existed before organisations, and rows made by code that names no organisation (an
# operator's command, a script), belong to this one.
DEFAULT_SLUG = "default"
DEFAULT_NAME = "Default organisation"


class Organization(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    # Candidate data is erased this many days after the decision (or the last activity when none is made);
    # empty: the deployment's DATA_RETENTION_DAYS (privacy/retention.py).
    retention_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Days candidate data is kept after the decision or last activity; "
        "empty: the deployment's default (DATA_RETENTION_DAYS).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name or self.slug


class Membership(models.Model):
    """A user's role in an organisation. A user acts in one organisation: the first membership."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"  # members, settings, audit; and everything a recruiter does
        RECRUITER = "recruiter", "Recruiter"  # everything about candidates and interviews
        REVIEWER = "reviewer", "Reviewer"  # hiring manager: reads reports and transcripts

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_user_and_org"),
            models.CheckConstraint(condition=models.Q(role__in=["admin", "recruiter", "reviewer"]),
                                   name="membership_role_is_a_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} of {self.organization}"


def default_organization_id() -> int:
    """The default organisation's id (created on first use): the column default of every owned row."""
    # Only the key is read, so this also works inside migrations (organizations 0002 made the row).
    found = Organization.objects.filter(slug=DEFAULT_SLUG).values_list("pk", flat=True).first()
    if found is not None:
        return found
    return Organization.objects.get_or_create(slug=DEFAULT_SLUG, defaults={"name": DEFAULT_NAME})[0].pk


def organization_field(**kwargs) -> models.ForeignKey:
    """The `organization` column of a row a recruiter can reach (indexed: every lookup filters by it)."""
    return models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", default=default_organization_id, **kwargs
    )
