"""Admin of organisations and memberships. The whole Django admin is for operators: superusers only
(recruiters, reviewers and organisation admins work in the product's own pages, scoped to their
organisation; the admin shows every organisation's rows, so it is not theirs)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Membership, Organization


def _operators_only(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _operators_only


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "created_at"]
    search_fields = ["slug", "name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "organization__slug"]
    autocomplete_fields = ["user"]
