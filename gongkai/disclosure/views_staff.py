"""Staff workspace (/staff/disclosure/): items, editor with originals, review queue, columns, catalogues,
freshness dashboard, review and word-list settings. Views bind a form, call one service, redirect."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.exceptions import DomainError
from gongkai.core.permissions import role_required
from gongkai.organisations.models import Role, UnitKind
from gongkai.organisations.selectors import can_see_unit, scope_queryset, visible_units

from . import catalogue as catalogue_rules
from . import services, wordcheck
from .exports import freshness_workbook
from .forms import (
    AttachmentForm,
    CatalogueCreateForm,
    CatalogueEntryForm,
    ColumnForm,
    ItemFilterForm,
    ItemForm,
    ReviewConfigForm,
    ReviewForm,
    WithdrawForm,
    WordListForm,
)
from .models import (
    Catalogue,
    CatalogueEntry,
    CatalogueKind,
    Column,
    InformationItem,
    ItemAttachment,
    ItemStatus,
    ReviewConfig,
    ReviewStep,
    WordList,
)
from .selectors import freshness_report, public_items, undated_items
from .views_public import _file_response

STAFF = (Role.COORDINATOR, Role.LIAISON, Role.HANDLER, Role.REVIEWER, Role.LEADER)
EDITORS = (Role.COORDINATOR, Role.LIAISON, Role.HANDLER)


def _scoped_items(user):
    return scope_queryset(InformationItem.objects.all(), user)


def _item_for(user, pk: int) -> InformationItem:
    item = get_object_or_404(InformationItem.objects.select_related("unit", "column", "created_by"), pk=pk)
    if not can_see_unit(user, item.unit):
        raise PermissionDenied("您无权查看该单位的信息")
    return item


def _domain_error(request, form, exc: DomainError):
    if form is not None:
        form.add_error(None, exc.message)
    else:
        messages.error(request, exc.message)


# ---------------------------------------------------------------- items


@role_required(*STAFF)
def item_list(request):
    form = ItemFilterForm(request.GET or None, user=request.user)
    items = _scoped_items(request.user).select_related("unit", "column").order_by("-updated_at", "-id")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            items = items.filter(Q(title__contains=data["q"]) | Q(doc_number__contains=data["q"])
                                 | Q(index_number=data["q"]))
        for key in ("status", "kind", "unit", "column"):
            if data[key]:
                items = items.filter(**{key: data[key]})
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "disclosure/staff/item_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_create": request.user.has_role(*EDITORS),
    })


@role_required(*EDITORS)
def item_create_view(request):
    form = ItemForm(request.POST or None, user=request.user, initial={"column": request.GET.get("column")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.item_create(by=request.user, **data)
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, "已保存草稿。请上传原件后提交审核。")
            return redirect("disclosure:item_detail", pk=item.pk)
    return render(request, "disclosure/staff/item_form.html", {"form": form, "item": None})


@role_required(*EDITORS)
def item_edit(request, pk: int):
    item = _item_for(request.user, pk)
    form = ItemForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=InformationItem.objects.get(pk=pk), by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, "已保存修改")
            return redirect("disclosure:item_detail", pk=pk)
    return render(request, "disclosure/staff/item_form.html", {"form": form, "item": item})


@role_required(*STAFF)
def item_detail(request, pk: int):
    item = _item_for(request.user, pk)
    findings = wordcheck.check_item(item)
    return render(request, "disclosure/staff/item_detail.html", {
        "item": item, "attachments": item.attachments.all(), "events": item.events.select_related("actor"),
        "findings": findings,
        "title_marked": wordcheck.highlight(item.title, [f for f in findings if f.field == "title"]),
        "body_marked": wordcheck.highlight(item.body, [f for f in findings if f.field == "body"]),
        "editable": item.status in services.EDITABLE and request.user.has_role(*EDITORS),
        "can_review": services.may_review(request.user, item),
        "can_withdraw": item.is_public and request.user.has_role(Role.COORDINATOR, Role.REVIEWER, Role.LIAISON),
        "attachment_form": AttachmentForm(), "withdraw_form": WithdrawForm(),
        "steps": [(s, ReviewStep(s).label) for s in (item.review_steps or services.review_steps_for(item.unit))],
    })


@require_POST
@role_required(*EDITORS)
def attachment_upload(request, pk: int):
    item = _item_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件")
    else:
        upload = form.cleaned_data["file"]
        try:
            services.item_attachment_add(item=item, by=request.user, name=upload.name, data=upload.read(),
                                         is_original=form.cleaned_data["is_original"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已上传“{upload.name}”")
    return redirect("disclosure:item_detail", pk=pk)


@require_POST
@role_required(*EDITORS)
def attachment_remove(request, pk: int, attachment_id: int):
    item = _item_for(request.user, pk)
    attachment = get_object_or_404(ItemAttachment, pk=attachment_id, item=item)
    try:
        services.item_attachment_remove(attachment=attachment, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:item_detail", pk=pk)


@role_required(*STAFF)
def attachment_download(request, attachment_id: int):
    attachment = get_object_or_404(ItemAttachment.objects.select_related("item__unit"), pk=attachment_id)
    if not can_see_unit(request.user, attachment.item.unit):
        raise PermissionDenied("您无权下载该文件")
    return _file_response(attachment)


@require_POST
@role_required(*EDITORS)
def item_submit_view(request, pk: int):
    item = _item_for(request.user, pk)
    try:
        services.item_submit(item=item, by=request.user, note=request.POST.get("note", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已提交审核")
    return redirect("disclosure:item_detail", pk=pk)


@role_required(Role.REVIEWER, Role.COORDINATOR)
def item_review_view(request, pk: int):
    item = _item_for(request.user, pk)
    if not services.may_review(request.user, item):
        messages.error(request, "这条信息当前不需要您审核（或为您本人提交）")
        return redirect("disclosure:item_detail", pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                step_label = item.get_current_step_display()
                item = services.item_approve(item=item, by=request.user, note=data["note"],
                                             acknowledge_findings=data["acknowledge_findings"])
                messages.success(request, f"{step_label}已通过" + ("，信息已发布" if item.is_public else ""))
            else:
                services.item_return(item=item, by=request.user, reason=data["note"])
                messages.success(request, "已退回修改")
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            return redirect("disclosure:review_queue")
    findings = wordcheck.check_item(item)
    return render(request, "disclosure/staff/item_review.html", {
        "item": item, "form": form, "findings": findings, "attachments": item.attachments.all(),
        "title_marked": wordcheck.highlight(item.title, [f for f in findings if f.field == "title"]),
        "body_marked": wordcheck.highlight(item.body, [f for f in findings if f.field == "body"]),
        "events": item.events.select_related("actor"),
    })


@role_required(Role.COORDINATOR, Role.REVIEWER, Role.LIAISON)
def item_withdraw_view(request, pk: int):
    item = _item_for(request.user, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_withdraw(item=item, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, "信息已撤回，不再对外公开")
            return redirect("disclosure:item_detail", pk=pk)
    return render(request, "disclosure/staff/simple_form.html", {
        "form": form, "title": f"撤回：{item.title}", "submit": "确认撤回", "back": item.pk,
    })


@role_required(Role.REVIEWER, Role.COORDINATOR)
def review_queue(request):
    waiting = (_scoped_items(request.user).filter(status=ItemStatus.IN_REVIEW).select_related("unit", "column")
               .order_by("updated_at"))
    mine = [item for item in waiting if services.may_review(request.user, item)]
    return render(request, "disclosure/staff/review_queue.html", {"items": mine, "others": len(waiting) - len(mine)})


# ---------------------------------------------------------------- columns


@role_required(*STAFF)
def column_list(request):
    columns = scope_queryset(Column.objects.select_related("unit", "parent"), request.user).order_by(
        "unit__path", "section", "order", "id")
    return render(request, "disclosure/staff/column_list.html", {
        "columns": columns, "can_edit": request.user.has_role(Role.COORDINATOR, Role.LIAISON),
    })


@role_required(Role.COORDINATOR, Role.LIAISON)
def column_edit(request, pk: int | None = None):
    column = None
    if pk is not None:
        column = get_object_or_404(Column, pk=pk)
        if not can_see_unit(request.user, column.unit):
            raise PermissionDenied("您无权修改该单位的栏目")
    form = ColumnForm(request.POST or None, instance=column, user=request.user,
                      initial={"opened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if column is None:
                data.pop("is_active", None)
                column = services.column_create(**data)
            else:
                data.pop("unit"), data.pop("slug")
                services.column_update(column=Column.objects.get(pk=pk), **data)
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, "栏目已保存")
            return redirect("disclosure:column_list")
    return render(request, "disclosure/staff/simple_form.html", {
        "form": form, "title": f"编辑栏目：{column.name}" if column else "新建栏目", "submit": "保存",
    })


# ---------------------------------------------------------------- catalogues


@role_required(*STAFF)
def catalogue_list(request):
    catalogues = scope_queryset(Catalogue.objects.select_related("unit"), request.user)
    return render(request, "disclosure/staff/catalogue_list.html", {
        "catalogues": catalogues, "can_edit": request.user.has_role(Role.COORDINATOR, Role.LIAISON),
    })


@role_required(Role.COORDINATOR, Role.LIAISON)
def catalogue_create_view(request):
    form = CatalogueCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            known = {d["name"] for d in catalogue_rules.standard_domains()}
            if data["kind"] == CatalogueKind.STANDARD and data["load_rows"] and data["domain_name"] in known:
                catalogue = services.catalogue_load_standard_domain(unit=data["unit"], domain=data["domain_name"])
            else:
                catalogue = services.catalogue_create(unit=data["unit"], kind=data["kind"],
                                                      domain=data["domain_name"] if data["kind"] ==
                                                      CatalogueKind.STANDARD else "")
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            return redirect("disclosure:catalogue_detail", pk=catalogue.pk)
    return render(request, "disclosure/staff/simple_form.html", {"form": form, "title": "新建公开目录", "submit": "创建"})


def catalogue_entries_with_flags(catalogue: Catalogue, on: dt.date) -> list[CatalogueEntry]:
    entries = list(catalogue.entries.select_related("column"))
    bound: dict[int, list] = {e.pk: [] for e in entries}
    for item in public_items().filter(catalogue_entry__in=entries).only(
            "id", "catalogue_entry_id", "written_on", "published_on", "title", "index_number"):
        bound[item.catalogue_entry_id].append(item)
    for entry in entries:
        entry.bound_items = bound[entry.pk]
        entry.flags = catalogue_rules.entry_flags(entry, bound[entry.pk], on)
    return entries


@role_required(*STAFF)
def catalogue_detail(request, pk: int):
    catalogue = get_object_or_404(Catalogue.objects.select_related("unit"), pk=pk)
    if not can_see_unit(request.user, catalogue.unit):
        raise PermissionDenied("您无权查看该目录")
    on = timezone.localdate()
    entries = catalogue_entries_with_flags(catalogue, on)
    late_items = []
    for entry in entries:
        for item in entry.bound_items:
            result = catalogue_rules.item_timeliness(written_on=item.written_on, published_on=item.published_on,
                                                     days=entry.deadline_days, rule=entry.deadline_rule)
            if result.status in ("late", "early"):
                late_items.append((entry, item, result))
    return render(request, "disclosure/staff/catalogue_detail.html", {
        "catalogue": catalogue, "entries": entries, "late_items": late_items, "on": on,
        "can_edit": request.user.has_role(Role.COORDINATOR, Role.LIAISON),
    })


@role_required(Role.COORDINATOR, Role.LIAISON)
def entry_edit(request, pk: int | None = None, entry_id: int | None = None):
    entry = get_object_or_404(CatalogueEntry.objects.select_related("catalogue__unit"), pk=entry_id) \
        if entry_id else None
    catalogue = entry.catalogue if entry else get_object_or_404(Catalogue, pk=pk)
    if not can_see_unit(request.user, catalogue.unit):
        raise PermissionDenied("您无权修改该目录")
    form = CatalogueEntryForm(request.POST or None, instance=entry, catalogue=catalogue)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seq = data.pop("seq")
        try:
            services.catalogue_entry_save(catalogue=catalogue, entry=CatalogueEntry.objects.get(pk=entry.pk)
                                          if entry else None, seq=seq, **data)
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, "目录事项已保存")
            return redirect("disclosure:catalogue_detail", pk=catalogue.pk)
    return render(request, "disclosure/staff/simple_form.html", {
        "form": form, "title": f"{catalogue.title} · {'编辑事项' if entry else '新增事项'}", "submit": "保存",
    })


# ---------------------------------------------------------------- freshness


def _monitor_units(request):
    units = visible_units(request.user).exclude(kind=UnitKind.OFFICE).filter(is_active=True)
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        units = units.filter(pk=int(unit_id))
    return units.order_by("path")


def _monitor_date(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


@role_required(*STAFF)
def freshness_dashboard(request):
    on = _monitor_date(request)
    units = _monitor_units(request)
    report = [entry for entry in freshness_report(units=units, on=on) if entry.rows]
    problems_only = request.GET.get("all") != "1"
    return render(request, "disclosure/staff/freshness.html", {
        "report": report, "on": on, "problems_only": problems_only,
        "undated": undated_items(units=units), "all_units": visible_units(request.user)
        .exclude(kind=UnitKind.OFFICE).order_by("path"), "unit_id": request.GET.get("unit", ""),
        "totals": {
            "columns": sum(len(e.rows) for e in report),
            "problems": sum(len(e.problems) for e in report),
            "vetoes": sum(1 for e in report if e.vetoes),
        },
    })


@role_required(*STAFF)
def freshness_export(request):
    on = _monitor_date(request)
    units = _monitor_units(request)
    content = freshness_workbook(freshness_report(units=units, on=on), list(undated_items(units=units)), on)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=freshness-{on:%Y%m%d}.xlsx"
    return response


# ---------------------------------------------------------------- settings


@role_required(Role.COORDINATOR, Role.LIAISON)
def review_settings(request):
    form = ReviewConfigForm(request.POST or None, user=request.user,
                            initial={"steps": services.review_steps_for(request.user.unit)
                                     if request.user.unit else ReviewStep.values})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_config_set(unit=data["unit"], steps=data["steps"],
                                       allow_self_review=data["allow_self_review"])
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, f"{data['unit']}的审核流程已保存")
            return redirect("disclosure:review_settings")
    configs = scope_queryset(ReviewConfig.objects.select_related("unit"), request.user)
    return render(request, "disclosure/staff/review_settings.html", {"form": form, "configs": configs})


@role_required(*STAFF)
def wordlist_list(request):
    lists = WordList.objects.filter(Q(unit__isnull=True) | Q(unit__in=visible_units(request.user))) \
        .select_related("unit")
    return render(request, "disclosure/staff/wordlists.html", {
        "lists": lists, "can_edit": request.user.has_role(Role.COORDINATOR, Role.LIAISON),
    })


@role_required(Role.COORDINATOR, Role.LIAISON)
def wordlist_edit(request, pk: int | None = None):
    wordlist = get_object_or_404(WordList, pk=pk) if pk else None
    if wordlist is not None and (wordlist.unit is None and not request.user.has_role(Role.COORDINATOR)
                                 or wordlist.unit is not None and not can_see_unit(request.user, wordlist.unit)):
        raise PermissionDenied("您无权修改该词表")
    form = WordListForm(request.POST or None, instance=wordlist, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.wordlist_save(wordlist=WordList.objects.get(pk=pk) if pk else None, **form.cleaned_data)
        except DomainError as exc:
            _domain_error(request, form, exc)
        else:
            messages.success(request, "词表已保存")
            return redirect("disclosure:wordlists")
    return render(request, "disclosure/staff/simple_form.html", {
        "form": form, "title": f"编辑词表：{wordlist.name}" if wordlist else "新建错敏词表", "submit": "保存",
    })
