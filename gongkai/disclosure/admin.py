"""Read-only admin views: every write goes through the services (the staff workspace or the API)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gongkai.core.admin import CoordinatorOnlyAdmin

from .models import Catalogue, CatalogueEntry, Column, InformationItem, ItemEvent, ReviewConfig, WordList


class ReadOnlyAdmin(CoordinatorOnlyAdmin, SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Column)
class ColumnAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "slug", "section", "article20", "freshness_class", "public_count",
                    "last_published_on"]
    list_filter = ["section", "freshness_class"]
    search_fields = ["name", "slug"]


class EventInline(admin.TabularInline):
    model = ItemEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "step", "actor", "note", "at"]
    fields = readonly_fields


@admin.register(InformationItem)
class InformationItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "column", "status", "index_number", "published_on"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "index_number", "doc_number"]
    show_full_result_count = False  # no COUNT(*) over a million rows
    inlines = [EventInline]


@admin.register(Catalogue)
class CatalogueAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "kind", "domain"]


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(ReadOnlyAdmin):
    list_display = ["catalogue", "seq", "level1", "level2", "time_limit", "deadline_rule", "deadline_days"]


@admin.register(ReviewConfig)
class ReviewConfigAdmin(ReadOnlyAdmin):
    list_display = ["unit", "steps", "allow_self_review"]


@admin.register(WordList)
class WordListAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "unit", "is_active"]
