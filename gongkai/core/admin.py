from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .calendar import mark_calendar_changed, notify_calendar_changed
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
    """Edits here bypass `holiday_schedule_set`, so each one announces the change itself: cached
    calendars are rebuilt and open deadlines recomputed, as after the coordinator's form."""

    list_display = ["year", "source", "published_on"]
    inlines = [ScheduleDayInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        mark_calendar_changed()  # also reached by a revert from the history page, which saves only this

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        years = sorted({form.instance.year, form.initial.get("year") or form.instance.year})
        changes = notify_calendar_changed(years)
        self.message_user(request, f"未办结事项的期限已重新计算（{len(changes)}项变化）。")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        notify_calendar_changed([obj.year])

    def delete_queryset(self, request, queryset):
        years = sorted(queryset.values_list("year", flat=True))
        super().delete_queryset(request, queryset)
        notify_calendar_changed(years)


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
