from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessLog, HolidaySchedule, ScheduleDay


class CoordinatorOnlyAdmin:
    """Reference data in the Django admin is for coordinators (公开办管理员) and superusers only."""

    def _allowed(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or user.has_role("coordinator"))

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class ScheduleDayInline(admin.TabularInline):
    model = ScheduleDay
    extra = 0


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(CoordinatorOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["year", "source", "published_on"]
    inlines = [ScheduleDayInline]


@admin.register(AccessLog)
class AccessLogAdmin(CoordinatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["at", "user", "app_label", "model", "object_id", "purpose"]
    list_filter = ["app_label", "model"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
