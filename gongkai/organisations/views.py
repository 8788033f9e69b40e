from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.core.permissions import role_required

from .forms import DirectoryImportForm, ResolveForm
from .models import Role, Unit, UnitGroup
from .resolver import resolve_name
from .selectors import can_see_unit, group_members, visible_units
from .transfer import ImportRejected, export_bytes, groups_import, read_rows, units_import


@login_required
def unit_list(request):
    units = visible_units(request.user).select_related("parent").annotate(staff_count=Count("staff"))
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(name__icontains=query) | units.filter(short_name__icontains=query)
    return render(request, "organisations/unit_list.html", {
        "units": units.order_by("path"), "q": query, "can_manage": request.user.has_role(Role.COORDINATOR),
    })


@login_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    if not can_see_unit(request.user, unit):
        raise Http404
    groups = UnitGroup.objects.filter(owner=unit).prefetch_related("members")
    return render(request, "organisations/unit_detail.html", {
        "unit": unit, "children": unit.children.order_by("order", "id"),
        "staff": unit.staff.filter(is_active=True).prefetch_related("groups"),
        "groups": [(g, list(group_members(g))) for g in groups],
        "can_manage": request.user.has_role(Role.COORDINATOR),
    })


@login_required
def resolver_check(request):
    form = ResolveForm(request.GET or None)
    result = None
    if form.is_valid():
        within = request.user.unit.government if request.user.unit else None
        result = resolve_name(form.cleaned_data["name"], within=within)
        if result.group is not None:
            result.members = list(group_members(result.group))
    return render(request, "organisations/resolver.html", {"form": form, "result": result})


@role_required(Role.COORDINATOR)
def directory_transfer(request):
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        importer = units_import if form.cleaned_data["kind"] == "units" else groups_import
        try:
            report = importer(rows=read_rows(upload.read(), upload.name))
        except ImportRejected as exc:
            for error in exc.errors[:50]:
                form.add_error(None, error)
        else:
            messages.success(request, f"导入成功：新增{report.created}条，更新{report.updated}条。")
            return redirect("organisations:transfer")
    return render(request, "organisations/transfer.html", {"form": form})


@role_required(Role.COORDINATOR)
def directory_export(request, kind: str, fmt: str):
    if kind not in ("units", "groups") or fmt not in ("xlsx", "csv"):
        raise Http404
    content_type = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(export_bytes(kind, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}.{fmt}"'
    return response
