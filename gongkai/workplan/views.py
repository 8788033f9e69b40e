"""Staff views: plan list, import and review, the ledger, tasks and their assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.core.exceptions import DomainError
from gongkai.core.permissions import role_required
from gongkai.organisations.models import Role, Unit, UnitGroup

from . import excel, importing, services
from .deadlines import DUE_LABELS, task_due_state
from .evidence import column_choices
from .forms import AddUnitForm, ExcelUploadForm, PlanUploadForm, SplitForm, TaskEditForm
from .models import AssignmentRole, DraftImport, ImportStatus, Plan, PlanStatus, Recurrence, Task
from .selectors import can_manage_own_plan, can_manage_plan, ledger_tasks, task_reports, visible_plans

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def _plan_for(request, pk: int, manage: bool = False) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("owner"), pk=pk)
    if not visible_plans(request.user).filter(pk=plan.pk).exists():
        raise Http404
    if manage and not can_manage_own_plan(request.user, plan):
        raise PermissionDenied("只有公开办管理员可以管理该方案")
    return plan


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def plan_list(request):
    plans = visible_plans(request.user).select_related("owner").annotate(
        task_count=Count("tasks", filter=Q(tasks__is_active=True), distinct=True)).order_by("-year", "-id")
    pending = DraftImport.objects.none()
    if request.user.has_role(Role.COORDINATOR) and request.user.unit_id:
        pending = DraftImport.objects.filter(created_by=request.user, status=ImportStatus.PENDING).order_by("-id")
    return render(request, "workplan/plan_list.html", {
        "plans": plans, "pending": pending, "can_import": request.user.has_role(Role.COORDINATOR),
    })


# ----------------------------------------------------------------------------- import


@role_required(Role.COORDINATOR, Role.LIAISON)
def plan_import(request, pk: int | None = None):
    plan = _plan_for(request, pk, manage=True) if pk else None
    if plan is None and not request.user.has_role(Role.COORDINATOR):
        raise PermissionDenied("只有公开办管理员可以导入方案")
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        owner = plan.owner if plan else request.user.unit
        if owner is None:
            raise PermissionDenied("账号未关联单位")
        try:
            draft = services.draft_import_create(owner=owner, filename=upload.name, data=upload.read(),
                                                 by=request.user, plan=plan, year=form.cleaned_data.get("year"))
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            if draft.parse.get("error"):
                form.add_error("file", f"{draft.parse['error']}（原文件已保存，导入编号{draft.pk}）")
            else:
                return redirect("workplan:import_review", pk=draft.pk)
    return render(request, "workplan/import_upload.html", {"form": form, "plan": plan})


def _draft_for(request, pk: int) -> DraftImport:
    draft = get_object_or_404(DraftImport.objects.select_related("owner", "plan"), pk=pk)
    root = request.user.unit.government or request.user.unit if request.user.unit_id else None
    if not request.user.is_superuser and (root is None or not draft.owner.path.startswith(root.path)):
        raise Http404
    return draft


def _review_from_post(post, review: dict) -> tuple[dict, list[dict], dict]:
    header = {k: post.get(k, "").strip() for k in ("title", "issuer", "doc_number")}
    header["year"] = post.get("year", "").strip()
    tasks = []
    for i, old in enumerate(review["tasks"]):
        p = f"t-{i}-"
        if f"{p}text" not in post:
            tasks.append(old)
            continue
        tasks.append({
            **old,
            "include": post.get(f"{p}include") == "on",
            "no": post.get(f"{p}no", "").strip(),
            "section": [s.strip() for s in post.get(f"{p}section", "").split(" / ") if s.strip()],
            "text": post.get(f"{p}text", "").strip(),
            "deadline": post.get(f"{p}deadline", "").strip() or None,
            "deadline_text": post.get(f"{p}deadline_text", "").strip(),
            "recurrence": post.get(f"{p}recurrence", ""),
            "recurrence_min_count": post.get(f"{p}min", "").strip() or None,
            "units": {r: importing.split_names(post.get(f"{p}{r}", "")) for r in importing.ROLES},
        })
    mapping = dict(review.get("mapping", {}))
    for key in post:
        if key.startswith("mapname-"):
            name = post[key]
            value = post.get("map-" + key[len("mapname-"):], "")
            if value:
                mapping[name] = value
            else:
                mapping.pop(name, None)
    return header, tasks, mapping


@role_required(Role.COORDINATOR, Role.LIAISON)
def import_review(request, pk: int):
    draft = _draft_for(request, pk)
    if draft.plan_id and not can_manage_own_plan(request.user, draft.plan):
        raise PermissionDenied
    if draft.status == ImportStatus.CONFIRMED and draft.plan_id:
        return redirect("workplan:plan_detail", pk=draft.plan_id)
    if draft.status != ImportStatus.PENDING:
        messages.error(request, draft.parse.get("error") or "该导入已放弃")
        return redirect("workplan:plan_list")
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "discard":
            services.draft_import_discard(draft=draft)
            messages.info(request, "已放弃本次导入，原文件仍保留在系统中。")
            return redirect("workplan:plan_list")
        header, tasks, mapping = _review_from_post(request.POST, draft.review)
        try:
            services.draft_import_update(draft=draft, header=header, tasks=tasks, mapping=mapping)
            if action == "confirm":
                plan = services.draft_import_confirm(draft=draft, by=request.user,
                                                     skip_unresolved=request.POST.get("skip_unresolved") == "on")
                messages.success(request, f"已确认导入《{plan.title}》，共{plan.tasks.filter(is_active=True).count()}项任务。")
                return redirect("workplan:plan_detail", pk=plan.pk)
            messages.success(request, "修改已保存。")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("workplan:import_review", pk=draft.pk)
    return render(request, "workplan/import_review.html", _review_context(draft))


def _review_context(draft: DraftImport) -> dict:
    review = draft.review
    resolutions, mapping = review.get("resolutions", {}), review.get("mapping", {})
    choices = importing.scope_choices(draft.owner)
    labels = dict(choices)
    rows = []
    for i, task in enumerate(review["tasks"]):
        units = []
        for role in importing.ROLES:
            for name in task["units"].get(role, []):
                target = importing.target_for(name, resolutions, mapping)
                label = labels.get(target.code, target.name) if target.kind in ("unit", "group") else target.name
                units.append({"role": importing.ROLE_LABELS[role], "name": name, "kind": target.kind,
                              "label": label.strip("　")})
        rows.append({
            "i": i, "task": task, "section": " / ".join(task.get("section") or []), "units": units,
            "names": {r: "、".join(task["units"].get(r, [])) for r in importing.ROLES},
            "excerpt": importing.source_excerpt(draft.original_text, task.get("source") or {}),
            "where": importing.describe_source(task.get("source") or {}),
            "errors": importing.validate_task_fields(task) if task.get("include", True) else [],
        })
    names = []
    for idx, name in enumerate(importing.all_printed_names(review)):
        target = importing.target_for(name, resolutions, mapping)
        auto = resolutions.get(name, {})
        names.append({"idx": idx, "name": name, "kind": target.kind, "chosen": mapping.get(name, ""),
                      "auto_kind": auto.get("kind"), "auto_name": auto.get("name"),
                      "candidates": auto.get("candidates", [])})
    problems = services.draft_import_problems(draft)
    diff = None
    if draft.plan_id:
        current = list(draft.plan.tasks.filter(is_active=True).select_related("section"))
        diff = importing.diff_tasks(current, [t for t in review["tasks"] if t.get("include", True)])
    return {
        "draft": draft, "review": review, "rows": rows, "names": names, "choices": choices, "problems": problems,
        "unresolved_count": len(problems.unresolved), "warnings": draft.parse.get("warnings", []),
        "recurrences": Recurrence.choices, "roles": [(r, importing.ROLE_LABELS[r]) for r in importing.ROLES],
        "diff": [c for c in diff if c.kind != "same"] if diff is not None else None,
        "diff_counts": importing.summarise_changes(diff) if diff is not None else None,
    }


@login_required
def import_original(request, pk: int):
    draft = _draft_for(request, pk)
    return FileResponse(draft.original.open("rb"), as_attachment=True, filename=draft.original_name)


# ----------------------------------------------------------------------------- ledger


@login_required
def plan_detail(request, pk: int):
    plan = _plan_for(request, pk)
    unit_id = request.GET.get("unit", "")
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id.isdigit() else None
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    tasks = ledger_tasks(plan, unit=unit, status=status, query=query)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    calendar = work_calendar()
    rows = []
    for task in page.object_list:
        is_open = any(a.status in services.open_statuses() for a in task.active_assignments)
        state = task_due_state(task, today, is_open=is_open, calendar=calendar)
        rows.append({"task": task, "due": state, "due_label": DUE_LABELS[state],
                     "done": sum(a.status == "done" for a in task.active_assignments)})
    units = Unit.objects.filter(assignments__task__plan=plan, assignments__is_active=True).distinct().order_by("path")
    return render(request, "workplan/plan_detail.html", {
        "plan": plan, "page": page, "rows": rows, "units": units, "unit": unit, "status": status, "q": query,
        "statuses": services.Assignment._meta.get_field("status").choices,
        "can_manage": can_manage_own_plan(request.user, plan), "is_coordinator": can_manage_plan(request.user, plan),
        "versions": plan.versions.order_by("-number")[:1],
    })


@login_required
def plan_versions(request, pk: int):
    plan = _plan_for(request, pk)
    return render(request, "workplan/plan_versions.html", {
        "plan": plan, "versions": plan.versions.select_related("confirmed_by").order_by("-number")})


@login_required
def version_original(request, pk: int, number: int):
    plan = _plan_for(request, pk)
    version = get_object_or_404(plan.versions, number=number)
    return FileResponse(version.original.open("rb"), as_attachment=True, filename=version.original_name)


@login_required
def plan_publish(request, pk: int):
    plan = _plan_for(request, pk, manage=True)
    if request.method == "POST":
        target = PlanStatus.ACTIVE if plan.status == PlanStatus.DRAFT else PlanStatus.CLOSED
        if request.POST.get("status") in PlanStatus.values:
            target = request.POST["status"]
        services.plan_set_status(plan=plan, status=target, by=request.user)
        messages.success(request, f"方案状态已改为“{PlanStatus(target).label}”。")
    return redirect("workplan:plan_detail", pk=plan.pk)


@login_required
def ledger_export(request, pk: int):
    plan = _plan_for(request, pk)
    return _xlsx(excel.ledger_xlsx(plan), f"{plan.title}-工作台账.xlsx")


@login_required
def progress_import(request, pk: int):
    plan = _plan_for(request, pk)
    form = ExcelUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = excel.progress_import(data=form.cleaned_data["file"].read(), plan=plan, user=request.user,
                                          today=timezone.localdate())
        except excel.ProgressImportRejected as exc:
            errors = exc.errors
            form.add_error(None, exc.message)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已导入{count}条进展。")
            return redirect("workplan:plan_detail", pk=plan.pk)
    return render(request, "workplan/progress_import.html", {"plan": plan, "form": form, "errors": errors})


# ----------------------------------------------------------------------------- tasks


def _task_for(request, pk: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan", "plan__owner", "section"), pk=pk)
    _plan_for(request, task.plan_id)
    return task


@login_required
def task_detail(request, pk: int):
    task = _task_for(request, pk)
    manage = can_manage_own_plan(request.user, task.plan)
    assignments = task.assignments.select_related("unit", "via_group").order_by("-is_active", "role", "unit__path")
    unit_ids = [a.unit_id for a in assignments]
    choices = importing.scope_choices(task.plan.owner)
    add_form = AddUnitForm(choices=choices)
    edit_form = TaskEditForm(initial={
        "no": task.no, "text": task.text, "deadline": task.deadline, "deadline_text": task.deadline_text,
        "deadline_in_working_days": task.deadline_in_working_days, "recurrence": task.recurrence,
        "recurrence_min_count": task.recurrence_min_count, "column_id": task.column_id,
    }, columns=column_choices(unit_ids))
    user_units = [a for a in assignments if a.is_active and request.user.unit_id and
                  a.unit.path.startswith(request.user.unit.path)]
    is_lead = any(a.role == AssignmentRole.LEAD for a in user_units)
    show_reports = manage or is_lead or request.user.has_role(Role.LEADER)
    return render(request, "workplan/task_detail.html", {
        "task": task, "assignments": assignments, "manage": manage, "add_form": add_form, "edit_form": edit_form,
        "split_form": SplitForm(), "reports": task_reports(task) if show_reports else [],
        "show_reports": show_reports, "is_lead": is_lead,
    })


@login_required
def task_edit(request, pk: int):
    task = _task_for(request, pk)
    if not can_manage_own_plan(request.user, task.plan):
        raise PermissionDenied
    unit_ids = list(task.assignments.values_list("unit_id", flat=True))
    form = TaskEditForm(request.POST, columns=column_choices(unit_ids))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_update(task=task, by=request.user, no=data["no"], text=data["text"], deadline=data["deadline"],
                                 deadline_text=data["deadline_text"],
                                 deadline_in_working_days=data["deadline_in_working_days"],
                                 recurrence=data["recurrence"] or "",
                                 recurrence_min_count=data["recurrence_min_count"] if data["recurrence"] else None,
                                 column_id=data["column_id"])
            messages.success(request, "任务已更新。")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("workplan:task_detail", pk=task.pk)


@login_required
def task_add_unit(request, pk: int):
    task = _task_for(request, pk)
    if not can_manage_own_plan(request.user, task.plan) or request.method != "POST":
        raise PermissionDenied
    form = AddUnitForm(request.POST, choices=importing.scope_choices(task.plan.owner))
    if form.is_valid():
        kind, _, target_pk = form.cleaned_data["target"].partition(":")
        role = form.cleaned_data["role"]
        try:
            if kind == "group":
                created = services.group_add(task=task, group=get_object_or_404(UnitGroup, pk=target_pk), role=role,
                                             by=request.user)
                messages.success(request, f"已加入{len(created)}个单位。")
            else:
                services.assignment_add(task=task, unit=get_object_or_404(Unit, pk=target_pk), role=role,
                                        by=request.user)
                messages.success(request, "已加入分工。")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("workplan:task_detail", pk=task.pk)


@login_required
def assignment_remove(request, pk: int):
    from .models import Assignment

    assignment = get_object_or_404(Assignment.objects.select_related("task__plan", "unit"), pk=pk)
    if not can_manage_own_plan(request.user, assignment.task.plan) or request.method != "POST":
        raise PermissionDenied
    services.assignment_remove(assignment=assignment, by=request.user)
    messages.success(request, f"已将{assignment.unit}移出该任务。")
    return redirect("workplan:task_detail", pk=assignment.task_id)


@login_required
def task_split(request, pk: int):
    task = _task_for(request, pk)
    if not can_manage_own_plan(request.user, task.plan) or request.method != "POST":
        raise PermissionDenied
    form = SplitForm(request.POST)
    if form.is_valid():
        try:
            parts = services.task_split(task=task, parts=form.cleaned_data["parts"].splitlines(), by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("workplan:task_detail", pk=task.pk)
        messages.success(request, f"已拆分为{len(parts)}项任务。")
        return redirect("workplan:task_detail", pk=parts[0].pk)
    return redirect("workplan:task_detail", pk=task.pk)
