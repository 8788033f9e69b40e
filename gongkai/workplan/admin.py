from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, Bulletin, DraftImport, Plan, PlanVersion, ProgressReport, Rubric, Task


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "year", "status"]
    list_filter = ["year", "status"]
    search_fields = ["title", "doc_number"]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["no", "text", "plan", "deadline", "recurrence", "is_active"]
    list_filter = ["plan", "is_active"]
    search_fields = ["text"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["task", "unit", "role", "status", "is_active"]
    list_filter = ["status", "role"]
    raw_id_fields = ["task", "unit"]


admin.site.register([PlanVersion, DraftImport, ProgressReport, Bulletin, Rubric], SimpleHistoryAdmin)
