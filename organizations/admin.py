"""Admin of organisations and memberships. The whole Django admin is for operators: superusers only
(recruiters, reviewers and organisation admins work in the product's own pages, scoped to their
organisation; the admin shows every organisation's rows, so it is not theirs)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Membership, Organization
from .services import member_change_audit


def _operators_only(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _operators_only


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        previous = Membership.objects.filter(pk=obj.pk).values_list("role", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        if previous != obj.role:
            member_change_audit(membership=obj, previous_role=previous, request=request)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "retention_days", "created_at"]
    search_fields = ["slug", "name"]
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        """Members added or given a new role here are audited as in the commands."""
        before = dict(Membership.objects.filter(organization=form.instance).values_list("pk", "role"))
        super().save_formset(request, form, formset, change)
        for membership in Membership.objects.filter(organization=form.instance).select_related("user"):
            if before.get(membership.pk) != membership.role:
                member_change_audit(membership=membership, previous_role=before.get(membership.pk), request=request)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "organization__slug"]
    autocomplete_fields = ["user"]
