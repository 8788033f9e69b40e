"""Coordinator views: bulletins (督查/通报), assessment (考核), 回头看 and the plan cascade."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit
from gongkai.organisations.selectors import visible_units

from . import assessment, cascade, lookback, supervision
from .documents import bulletin_docx
from .excel import bulletin_xlsx
from .forms import AdjustmentForm, BulletinForm, CascadeForm, LookbackForm, RubricForm
from .models import Bulletin, BulletinStatus, Plan, ScoreAdjustment
from .selectors import can_manage_own_plan, can_manage_plan, visible_plans
from .views import _plan_for, _quote, _xlsx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _manage(request, pk: int) -> Plan:
    plan = _plan_for(request, pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied("只有公开办管理员可以进行督查、考核")
    return plan


@login_required
def bulletin_list(request, pk: int):
    plan = _plan_for(request, pk)
    manage = can_manage_plan(request.user, plan)
    form = BulletinForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                bulletin = supervision.bulletin_create(plan=plan, kind=form.cleaned_data["kind"],
                                                       as_of=form.cleaned_data["as_of"], by=request.user,
                                                       remarks=form.cleaned_data["remarks"])
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已生成{bulletin.doc_number}。")
                return redirect("workplan:bulletin_detail", pk=bulletin.pk)
    bulletins = plan.bulletins.all() if manage else plan.bulletins.filter(status=BulletinStatus.PUBLISHED)
    return render(request, "workplan/bulletin_list.html", {"plan": plan, "form": form, "bulletins": bulletins,
                                                           "manage": manage})


def _bulletin_for(request, pk: int) -> Bulletin:
    bulletin = get_object_or_404(Bulletin.objects.select_related("plan", "plan__owner"), pk=pk)
    _plan_for(request, bulletin.plan_id)
    if bulletin.status != BulletinStatus.PUBLISHED and not can_manage_plan(request.user, bulletin.plan):
        raise Http404
    return bulletin


@login_required
def bulletin_detail(request, pk: int):
    bulletin = _bulletin_for(request, pk)
    manage = can_manage_plan(request.user, bulletin.plan)
    if request.method == "POST" and manage:
        try:
            supervision.bulletin_publish(bulletin=bulletin, by=request.user)
            messages.success(request, "通报已印发，各单位已收到通知。")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("workplan:bulletin_detail", pk=pk)
    return render(request, "workplan/bulletin_detail.html", {"b": bulletin, "d": bulletin.data, "manage": manage})


@login_required
def bulletin_download(request, pk: int, fmt: str):
    bulletin = _bulletin_for(request, pk)
    if fmt == "xlsx":
        return _xlsx(bulletin_xlsx(bulletin), f"{bulletin.doc_number}.xlsx")
    if fmt != "docx":
        raise Http404
    response = HttpResponse(bulletin_docx(bulletin), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(bulletin.doc_number)}.docx"
    return response


@login_required
def assessment_view(request, pk: int):
    plan = _manage(request, pk)
    rubric = assessment.rubric_for(plan)
    rubric_form = RubricForm(initial={"weight_completion": rubric.weight_completion,
                                      "weight_timeliness": rubric.weight_timeliness,
                                      "weight_evidence": rubric.weight_evidence, "pass_mark": rubric.pass_mark})
    units = Unit.objects.filter(assignments__task__plan=plan, assignments__is_active=True).distinct().order_by("path")
    adj_form = AdjustmentForm(units=[(u.pk, u.name) for u in units])
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "rubric":
                rubric_form = RubricForm(request.POST)
                if rubric_form.is_valid():
                    d = rubric_form.cleaned_data
                    assessment.rubric_update(rubric=rubric, completion=d["weight_completion"],
                                             timeliness=d["weight_timeliness"], evidence=d["weight_evidence"],
                                             pass_mark=d["pass_mark"])
                    messages.success(request, "考核权重已保存。")
                    return redirect("workplan:assessment", pk=plan.pk)
            elif action == "adjust":
                adj_form = AdjustmentForm(request.POST, units=[(u.pk, u.name) for u in units])
                if adj_form.is_valid():
                    d = adj_form.cleaned_data
                    assessment.score_adjustment_create(rubric=rubric, unit=units.get(pk=d["unit"]), kind=d["kind"],
                                                       points=d["points"] or Decimal("0"), reason=d["reason"],
                                                       by=request.user)
                    messages.success(request, "已记录。")
                    return redirect("workplan:assessment", pk=plan.pk)
            elif action == "delete":
                adjustment = get_object_or_404(ScoreAdjustment, pk=request.POST.get("adjustment"), rubric=rubric)
                assessment.score_adjustment_delete(adjustment=adjustment)
                return redirect("workplan:assessment", pk=plan.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
    scores = assessment.compute_scores(plan=plan, as_of=timezone.localdate())
    if request.GET.get("format") == "xlsx":
        return _xlsx(assessment.scores_xlsx(plan=plan, scores=scores), f"{plan.title}-考核结果.xlsx")
    return render(request, "workplan/assessment.html", {
        "plan": plan, "rubric": rubric, "rubric_form": rubric_form, "adj_form": adj_form, "scores": scores,
        "adjustments": rubric.adjustments.select_related("unit", "entered_by"),
    })


@login_required
def lookback_view(request, pk: int):
    source = _plan_for(request, pk)
    manage = can_manage_plan(request.user, source)
    targets = visible_plans(request.user).filter(owner=source.owner, year__gt=source.year).order_by("-year")
    form = LookbackForm(request.POST or None, plans=[(p.pk, f"{p.year}年 {p.title}") for p in targets])
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                review = lookback.review_list_create(plan=targets.get(pk=form.cleaned_data["plan"]), source_plan=source,
                                                     by=request.user)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已将{review.items.count()}项未完成任务结转到本年度回头看清单。")
                return redirect("workplan:review_list", pk=review.plan_id)
    rows = lookback.lookback_rows(source)
    return render(request, "workplan/lookback.html", {
        "plan": source, "rows": rows, "form": form, "manage": manage and targets.exists(),
        "unfinished": sum(1 for r in rows if not r.finished and r.total),
    })


@login_required
def review_list(request, pk: int):
    plan = _plan_for(request, pk)
    lists = plan.review_lists.select_related("source_plan").prefetch_related(
        "items__source_task", "items__carried_task__assignments__unit")
    return render(request, "workplan/review_list.html", {"plan": plan, "lists": lists})


@login_required
def cascade_view(request, pk: int):
    parent = _plan_for(request, pk)
    units = visible_units(request.user).filter(path__startswith=parent.owner.path).exclude(pk=parent.owner_id)
    form = CascadeForm(request.POST or None, units=[(u.pk, u.name) for u in units.order_by("path")])
    if request.method == "POST" and form.is_valid():
        unit = units.get(pk=form.cleaned_data["unit"])
        if not (can_manage_plan(request.user, parent) or (request.user.unit_id and
                                                          unit.path.startswith(request.user.unit.path))):
            raise PermissionDenied
        try:
            child = cascade.child_plan_draft(parent=parent, unit=unit, by=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已起草《{child.title}》（{child.tasks.count()}项任务），请修改后发布。")
            return redirect("workplan:plan_detail", pk=child.pk)
    children = visible_plans(request.user).filter(year=parent.year).exclude(pk=parent.pk).select_related("owner")
    return render(request, "workplan/cascade.html", {"plan": parent, "form": form, "children": children})


@login_required
def coverage_view(request, pk: int, child_pk: int):
    parent = _plan_for(request, pk)
    child = _plan_for(request, child_pk)
    rows = cascade.coverage(parent=parent, child=child)
    return render(request, "workplan/coverage.html", {
        "plan": parent, "child": child, "rows": rows, "missing": sum(1 for r in rows if not r.covered),
        "manage": can_manage_own_plan(request.user, child),
    })
