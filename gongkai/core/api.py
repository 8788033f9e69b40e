"""REST framework building blocks shared by every app's API: permissions and unit scoping."""

from rest_framework import permissions

from gongkai.organisations.selectors import scope_queryset


class IsStaffMember(permissions.BasePermission):
    """Any authenticated staff account (every account is staff; the public has no accounts)."""

    message = "请先登录"

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_active)


class HasRole(IsStaffMember):
    """Use as `HasRole.of(Role.COORDINATOR, Role.LIAISON)` on a view."""

    roles: tuple[str, ...] = ()

    @classmethod
    def of(cls, *roles: str):
        return type("HasRole", (cls,), {"roles": roles})

    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.has_role(*self.roles)


class UnitScopedQuerysetMixin:
    """Restrict a ViewSet's queryset to the requesting user's units (field name in `unit_field`)."""

    unit_field = "unit"

    def get_queryset(self):
        return scope_queryset(super().get_queryset(), self.request.user, self.unit_field)
