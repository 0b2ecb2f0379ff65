"""Use cases that write organisations and memberships (the management commands call these)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from audit.services import Action as Audit
from audit.services import audit_record

from .models import Membership, Organization


class OrganizationError(ValueError):
    """A bad organisation or membership request; `code` names what was wrong."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def organization_create(*, slug: str, name: str = "") -> Organization:
    """Create an organisation. Raises OrganizationError: invalid_slug, organization_exists."""
    if not slug or slugify(slug) != slug:
        raise OrganizationError("invalid_slug", f"{slug!r} is not a slug (lowercase letters, digits, hyphens).")
    with transaction.atomic():
        if Organization.objects.filter(slug=slug).exists():
            raise OrganizationError("organization_exists", f"An organisation {slug!r} exists already.")
        organization = Organization.objects.create(slug=slug, name=(name or slug).strip()[:200])
        audit_record(action=Audit.ORGANIZATION_CREATED, obj=organization, organization_id=organization.pk,
                     detail={"slug": slug, "by": "command"})
    return organization


def member_add(*, slug: str, username: str, role: str, password: str | None = None, email: str = "",
               request=None) -> tuple[Membership, bool]:
    """Give `username` the `role` in organisation `slug`, creating the user if missing (unusable password
    unless one is given); a member already there gets the new role. Returns (membership, user_created).
    Raises OrganizationError: organization_not_found, invalid_role. Audited (member.added or
    member.role_changed; by the request's user, or by an operator's command when there is no request)."""
    if role not in Membership.Role.values:
        raise OrganizationError("invalid_role", f"role must be one of {', '.join(Membership.Role.values)}.")
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise OrganizationError("organization_not_found", f"There is no organisation {slug!r}.")
    users = get_user_model()
    with transaction.atomic():
        user, created = users.objects.get_or_create(username=username, defaults={"email": email or ""})
        if created or password:
            if password:
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            user.save()
        if email and user.email != email:
            user.email = email
            user.save(update_fields=["email"])
        existing = Membership.objects.filter(user=user, organization=organization)
        previous = existing.values_list("role", flat=True).first()
        membership, _ = Membership.objects.update_or_create(
            user=user, organization=organization, defaults={"role": role}
        )
        if previous != role:
            member_change_audit(membership=membership, previous_role=previous, request=request)
    return membership, created


def member_change_audit(*, membership: Membership, previous_role: str | None, request=None) -> None:
    """Record a new member, or a member's new role, in the organisation's audit log."""
    audit_record(
        action=Audit.MEMBER_ADDED if previous_role is None else Audit.MEMBER_ROLE_CHANGED,
        request=request, obj=membership, organization_id=membership.organization_id,
        detail={"username": membership.user.get_username(), "role": membership.role, "previous_role": previous_role,
                "by": "admin" if request is not None else "command"},
    )
