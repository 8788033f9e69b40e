"""The unit workspace: 我的任务, one assignment with its reports and checklists, notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.core.exceptions import DomainError

from . import services
from .deadlines import DUE_LABELS, task_due_state
from .forms import ProgressReportForm, StatusForm
from .models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Notification,
    ProgressAttachment,
    ProgressReport,
)
from .selectors import (
    acting_units_q,
    can_manage_plan,
    can_report,
    can_view_assignment,
    filter_assignments,
    my_assignments,
    visible_plans,
)


@login_required
def my_tasks(request):
    today = timezone.localdate()
    params = {k: request.GET.get(k, "").strip() for k in ("status", "role", "plan", "due", "q")}
    base = my_assignments(request.user)
    qs = filter_assignments(base, status=params["status"], role=params["role"], plan_id=params["plan"],
                            due=params["due"], query=params["q"], today=today)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    calendar = work_calendar()
    rows = []
    for a in page.object_list:
        state = task_due_state(a.task, today, is_open=a.status in OPEN_STATUSES, calendar=calendar)
        rows.append({"a": a, "due": state, "due_label": DUE_LABELS[state]})
    counts = {
        "open": base.filter(status__in=OPEN_STATUSES).count(),
        "overdue": filter_assignments(base, due="overdue", today=today).count(),
        "due_soon": filter_assignments(base, due="due_soon", today=today).count(),
    }
    plans = visible_plans(request.user).filter(status="active").order_by("-year")
    return render(request, "workplan/my_tasks.html", {
        "page": page, "rows": rows, "params": params, "counts": counts, "plans": plans,
        "statuses": AssignmentStatus.choices, "roles": AssignmentRole.choices,
        "query_string": "&".join(f"{k}={v}" for k, v in params.items() if v),
    })


def _assignment_for(request, pk: int) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("unit", "task", "task__plan", "task__plan__owner", "task__section"), pk=pk)
    if not can_view_assignment(request.user, assignment):
        raise Http404
    return assignment


@login_required
def assignment_detail(request, pk: int):
    assignment = _assignment_for(request, pk)
    may_report = can_report(request.user, assignment)
    is_lead = assignment.role == AssignmentRole.LEAD
    form = ProgressReportForm(request.POST or None, request.FILES or None, is_lead=is_lead)
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied("只有承办单位的联络员或经办人可以报送")
        if form.is_valid():
            data = form.cleaned_data
            uploads = [services.Upload(f.name, f.read()) for f in data.get("files") or []]
            try:
                services.progress_report_create(
                    assignment=assignment, by=request.user, text=data["text"], reported_on=data["reported_on"],
                    evidence_links=form.links(), files=uploads, marks_done=data.get("marks_done", False),
                    consolidated=data.get("consolidated", False))
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "进展已报送。")
                return redirect("workplan:assignment_detail", pk=assignment.pk)
    reports = assignment.reports.select_related("author").prefetch_related("attachments")
    partner_reports = ProgressReport.objects.none()
    if is_lead:  # the lead unit sees the cooperating units' reports to write the consolidated one
        partner_reports = ProgressReport.objects.filter(assignment__task=assignment.task).exclude(
            assignment=assignment).select_related("assignment__unit", "author").prefetch_related("attachments")
    partners = assignment.task.assignments.filter(is_active=True).exclude(pk=assignment.pk).select_related("unit")
    checklists = assignment.checklists.order_by("-period_start")[:24]
    today = timezone.localdate()
    state = task_due_state(assignment.task, today, is_open=assignment.status in OPEN_STATUSES,
                           calendar=work_calendar())
    return render(request, "workplan/assignment_detail.html", {
        "a": assignment, "task": assignment.task, "form": form, "may_report": may_report, "is_lead": is_lead,
        "reports": reports, "partner_reports": partner_reports, "partners": partners, "checklists": checklists,
        "status_form": StatusForm(), "events": assignment.events.select_related("by"),
        "due_label": DUE_LABELS[state], "due": state,
        "may_manage": can_manage_plan(request.user, assignment.task.plan),
        "limits": services.attachment_limits(),
    })


@login_required
def assignment_status(request, pk: int):
    assignment = _assignment_for(request, pk)
    if request.method != "POST":
        return redirect("workplan:assignment_detail", pk=pk)
    manage = can_manage_plan(request.user, assignment.task.plan)
    if not (can_report(request.user, assignment) or manage):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        target = form.cleaned_data["status"]
        if assignment.status == AssignmentStatus.DONE and not manage:
            messages.error(request, "已完成的任务只能由公开办重新打开")
            return redirect("workplan:assignment_detail", pk=pk)
        try:
            services.assignment_transition(assignment=assignment, to=target, by=request.user,
                                           reason=form.cleaned_data["reason"])
            messages.success(request, f"状态已改为“{AssignmentStatus(target).label}”。")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("workplan:assignment_detail", pk=pk)


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(ProgressAttachment.objects.select_related(
        "report__assignment__unit", "report__assignment__task__plan__owner"), pk=pk)
    assignment = attachment.report.assignment
    lead_of_task = request.user.unit_id and Assignment.objects.filter(
        acting_units_q(request.user), task=assignment.task, role=AssignmentRole.LEAD).exists()
    if not (can_view_assignment(request.user, assignment) or lead_of_task):
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def notification_list(request):
    if request.user.unit_id is None:
        notices = Notification.objects.none()
    else:
        notices = Notification.objects.filter(acting_units_q(request.user)).select_related("unit")
    if request.method == "POST":
        notices.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("workplan:notifications")
    unread = Q(read_at__isnull=True)
    page = Paginator(notices.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "workplan/notifications.html", {"page": page, "unread": notices.filter(unread).count()})
