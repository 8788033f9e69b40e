from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, ReportEvent


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ("action", "from_status", "to_status", "by", "at", "note")
    can_delete = False


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    """Read-only here: reports change only through the workflow pages (services)."""

    list_display = ("title", "year", "scope", "format", "status", "published_at")
    list_filter = ("year", "status", "format", "scope")
    search_fields = ("title", "unit__name")
    inlines = [ReportEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
