"""DRF permissions: the default for every API view is "an active member of an organisation".

`access` is imported inside the checks: DRF imports this module while `rest_framework.views` is still
loading, and `access` needs the API's error class, which needs that module."""

from rest_framework.permissions import BasePermission


class IsOrganizationMember(BasePermission):
    """Authenticated and a member of an organisation (any role). Anonymous: 401; no member: 403."""

    def has_permission(self, request, view) -> bool:
        from .access import is_member

        return is_member(request.user)


class _RolePermission(BasePermission):
    action = ""

    def has_permission(self, request, view) -> bool:
        from .access import is_member, require

        if not is_member(request.user):
            return False
        require(request.user, self.action)  # a member whose role lacks it: 403 role_forbidden
        return True


class CanChange(_RolePermission):
    """Recruiters and admins; a reviewer gets 403 `role_forbidden`. For endpoints with no object to find
    first (uploads, starts, imports); endpoints about an object check the role after finding it."""

    action = "change"


class CanAdminister(_RolePermission):
    action = "administer"
