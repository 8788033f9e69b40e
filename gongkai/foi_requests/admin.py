from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgencyProfile, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    """Coordinators edit letter templates here; every saved version is kept (修改历史)."""

    list_display = ["kind", "title", "updated_at"]
    readonly_fields = ["updated_at"]
    history_list_display = ["title"]

    def get_changeform_initial_data(self, request):
        from .letter_texts import DEFAULTS

        kind = request.GET.get("kind", "receipt")
        title, body = DEFAULTS.get(kind, ("", ""))
        return {"kind": kind, "title": title, "body": body}


@admin.register(AgencyProfile)
class AgencyProfileAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "case_prefix", "case_pattern", "office_head", "reconsideration_body"]
    autocomplete_fields = []
    raw_id_fields = ["unit", "office_head"]
