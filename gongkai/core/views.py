from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.organisations.models import Role, Unit, UnitKind

from .audit import history_model_for, record_history
from .calendar import holiday_schedule_apply, holiday_schedule_set, notify_calendar_changed, work_calendar
from .dashboard import panels_for
from .exceptions import DomainError
from .forms import HolidayScheduleForm, HolidayScheduleImportForm
from .models import HolidaySchedule
from .permissions import role_required

WORKSPACE_TITLES = {
    Role.COORDINATOR: "公开办工作台",
    Role.LIAISON: "单位联络员工作台",
    Role.HANDLER: "经办人工作台",
    Role.REVIEWER: "审核人工作台",
    Role.LEADER: "领导查阅",
}


def home(request):
    governments = Unit.objects.filter(kind=UnitKind.GOVERNMENT, is_active=True).order_by("path")[:20]
    return render(request, "core/home.html", {"governments": governments})


@login_required
def workspace(request):
    user = request.user
    title = next((WORKSPACE_TITLES[r] for r in Role.values if r in user.roles), "工作台")
    if user.is_superuser and not user.roles:
        title = "系统管理员工作台"
    return render(request, "core/workspace.html", {"title": title, "panels": panels_for(user)})


@role_required(Role.COORDINATOR, Role.LEADER, Role.LIAISON, Role.HANDLER, Role.REVIEWER)
def calendar_view(request):
    today = timezone.localdate()
    year = int(request.GET.get("year") or today.year)
    calendar = work_calendar()
    schedule = HolidaySchedule.objects.filter(year=year).prefetch_related("days").first()
    return render(request, "core/calendar.html", {
        "year": year, "schedule": schedule, "loaded_years": calendar.loaded_years,
        "provisional": not calendar.is_loaded(year), "can_edit": request.user.has_role(Role.COORDINATOR),
        "years": sorted({*calendar.loaded_years, today.year, today.year + 1}),
    })


@role_required(Role.COORDINATOR)
def calendar_edit(request):
    initial = {"year": request.GET.get("year") or timezone.localdate().year + 1}
    form = HolidayScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, changes = holiday_schedule_apply(
                year=data["year"], holidays=data["holidays"], workdays=data["workdays"], source=data["source"],
                published_on=data["published_on"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{data['year']}年节假日安排已保存，未办结事项的期限已重新计算（{len(changes)}项变化）。")
            for line in changes[:50]:
                messages.info(request, line)
            return redirect(f"{reverse('core:calendar')}?year={data['year']}")
    return render(request, "core/calendar_edit.html", {"form": form, "import_form": HolidayScheduleImportForm()})


@role_required(Role.COORDINATOR)
def calendar_import(request):
    form = HolidayScheduleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        changes: list[str] = []
        try:
            with transaction.atomic():  # all years or none
                schedules = [holiday_schedule_set(**year) for year in form.cleaned_data["file"]]
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            changes = notify_calendar_changed([s.year for s in schedules])
            years = "、".join(f"{s.year}年" for s in schedules)
            messages.success(request, f"已导入{years}节假日安排，未办结事项的期限已重新计算（{len(changes)}项变化）。")
            for line in changes[:50]:
                messages.info(request, line)
            return redirect(f"{reverse('core:calendar')}?year={schedules[-1].year}")
    return render(request, "core/calendar_edit.html", {"form": HolidayScheduleForm(), "import_form": form})


@role_required(Role.COORDINATOR)
def audit_record(request, app_label: str, model_name: str, pk: str):
    model = history_model_for(app_label, model_name)
    changes = record_history(model, pk)
    current = model._default_manager.filter(pk=pk).first()
    return render(request, "core/audit_record.html", {
        "model_label": model._meta.verbose_name, "record": current, "pk": pk, "changes": changes,
    })
