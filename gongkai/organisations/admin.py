from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from gongkai.core.admin import CoordinatorOnlyAdmin

from .models import Unit, UnitGroup, User


@admin.register(Unit)
class UnitAdmin(CoordinatorOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "level", "parent", "credit_code", "order", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["name", "short_name"]
    readonly_fields = ["path"]


@admin.register(UnitGroup)
class UnitGroupAdmin(CoordinatorOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["name", "owner", "rule"]
    list_filter = ["rule"]
    filter_horizontal = ["members"]


@admin.register(User)
class StaffAdmin(CoordinatorOnlyAdmin, UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "unit", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("单位与联系方式", {"fields": ("unit", "full_name", "phone", "title")}),)
