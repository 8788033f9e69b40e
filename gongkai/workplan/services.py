"""Every write of the task ledger: imports, assignments, status transitions and progress reports.

Supervision (bulletins), assessment, cascade, reminders and Excel imports have their own modules and
call back into these services for the writes they share.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, UnitGroup, User
from gongkai.organisations.resolver import make_resolver
from gongkai.organisations.selectors import group_members

from . import conf, importing
from .deadlines import period_of, periods_between
from .evidence import sniff_attachment
from .models import (
    ASSIGNMENT_TRANSITIONS,
    OPEN_STATUSES,
    Assignment,
    AssignmentEvent,
    AssignmentRole,
    AssignmentStatus,
    DraftImport,
    ImportStatus,
    PeriodChecklist,
    Plan,
    PlanStatus,
    PlanVersion,
    ProgressAttachment,
    ProgressReport,
    Section,
    Task,
)

# ----------------------------------------------------------------------------- import


def draft_import_create(*, owner: Unit, filename: str, data: bytes, by: User, plan: Plan | None = None,
                        year: int | None = None) -> DraftImport:
    """Keep the uploaded original and its parse as a pending import. Nothing is written to the ledger.

    The original is stored even when parsing fails (the draft is then saved as 已放弃 with the error),
    so that the coordinator's upload is never lost."""
    importing.check_plan_upload(name=filename, size=len(data))
    government = owner.government or owner
    resolver = make_resolver(within=government)
    error = ""
    try:
        parse = importing.parse_document(data=data, filename=filename, year=year or (plan.year if plan else None),
                                         resolver=resolver)
    except DomainError as exc:
        parse, error = {}, exc.message
    with transaction.atomic():
        draft = DraftImport(owner=owner, plan=plan, original_name=filename[:200], created_by=by,
                            sha256=hashlib.sha256(data).hexdigest(),
                            original_text=importing.document_text(data, filename))
        draft.original.save(f"{draft.sha256[:16]}{_suffix(filename)}", ContentFile(data), save=False)
        if error:
            draft.parse = {"error": error}
            draft.status = ImportStatus.DISCARDED
        else:
            draft.parse = parse
            review = importing.initial_review(parse)
            if plan is not None:
                review.update(title=plan.title, issuer=plan.issuer, doc_number=plan.doc_number, year=plan.year)
            review["resolutions"] = importing.resolve_names(importing.all_printed_names(review), resolver, owner)
            draft.review = review
        draft.save()
    return draft


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot >= 0 else ""


@transaction.atomic
def draft_import_update(*, draft: DraftImport, header: dict, tasks: list[dict], mapping: dict[str, str]) -> DraftImport:
    """Store the coordinator's corrections; newly typed unit names are resolved at once."""
    _require_pending(draft)
    review = dict(draft.review)
    review.update({k: header[k] for k in ("title", "issuer", "doc_number", "year") if k in header})
    review["tasks"] = tasks
    review["mapping"] = {k: v for k, v in mapping.items() if v}
    names = importing.all_printed_names(review)
    known = review.get("resolutions", {})
    missing = [n for n in names if n not in known]
    if missing:
        resolver = make_resolver(within=draft.owner.government or draft.owner)
        known.update(importing.resolve_names(missing, resolver, draft.owner))
    review["resolutions"] = known
    draft.review = review
    draft.save(update_fields=["review"])
    return draft


@transaction.atomic
def draft_import_discard(*, draft: DraftImport) -> DraftImport:
    _require_pending(draft)
    draft.status = ImportStatus.DISCARDED
    draft.save(update_fields=["status"])
    return draft


def _require_pending(draft: DraftImport) -> None:
    if draft.status != ImportStatus.PENDING:
        raise DomainError("该导入已确认或已放弃，不能再修改")


@dataclass
class ReviewProblems:
    errors: list[str]
    unresolved: list[str]


def draft_import_problems(draft: DraftImport) -> ReviewProblems:
    review = draft.review
    errors: list[str] = []
    if not (review.get("title") or "").strip():
        errors.append("请填写方案标题")
    year = review.get("year")
    if not str(year or "").isdigit() or not 2000 <= int(year) <= 2100:
        errors.append("请填写方案年度（四位数字）")
    included = [t for t in review.get("tasks", []) if t.get("include", True)]
    if not included:
        errors.append("至少保留一项任务")
    for i, task in enumerate(review.get("tasks", []), start=1):
        if task.get("include", True):
            errors.extend(f"第{i}项任务：{e}" for e in importing.validate_task_fields(task))
    unresolved = [
        name for name in importing.all_printed_names(review)
        if not importing.target_for(name, review.get("resolutions", {}), review.get("mapping", {})).resolved
    ]
    return ReviewProblems(errors, unresolved)


@transaction.atomic
def draft_import_confirm(*, draft: DraftImport, by: User, skip_unresolved: bool = False) -> Plan:
    """Write the reviewed plan to the ledger: a new plan, or a new version of the plan being re-imported."""
    draft = DraftImport.objects.select_for_update().get(pk=draft.pk)
    _require_pending(draft)
    problems = draft_import_problems(draft)
    if problems.errors:
        raise DomainError("；".join(problems.errors[:10]))
    if problems.unresolved and not skip_unresolved:
        raise DomainError(f"还有{len(problems.unresolved)}个单位名称未识别（{'、'.join(problems.unresolved[:5])}），"
                          "请选择对应单位，或勾选“未识别的名称暂不分配”")
    review = draft.review
    tasks = [t for t in review["tasks"] if t.get("include", True)]
    plan = draft.plan
    if plan is None:
        plan = Plan.objects.create(owner=draft.owner, title=review["title"].strip(), issuer=review.get("issuer") or "",
                                   doc_number=review.get("doc_number") or "", year=int(review["year"]), created_by=by)
        changes = {"added": len(tasks), "removed": 0, "changed": 0, "same": 0, "lines": []}
        sections = _SectionCache(plan)
        for order, item in enumerate(tasks, start=1):
            task = _task_create(plan=plan, item=item, order=order, sections=sections)
            _assign_from_review(task=task, item=item, review=review, by=by)
    else:
        plan.title, plan.issuer = review["title"].strip(), review.get("issuer") or ""
        plan.doc_number, plan.year = review.get("doc_number") or "", int(review["year"])
        plan.save()
        changes = _apply_reimport(plan=plan, tasks=tasks, review=review, by=by)
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    PlanVersion.objects.create(plan=plan, number=number, original=draft.original.name, original_name=draft.original_name,
                               sha256=draft.sha256, parse=draft.parse, changes=changes, confirmed_by=by)
    draft.plan = plan
    draft.status = ImportStatus.CONFIRMED
    draft.save(update_fields=["plan", "status"])
    return plan


class _SectionCache:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.by_key = {tuple(s.path): s for s in plan.sections.all()}

    def get(self, path: list[str]) -> Section | None:
        if not path:
            return None
        key = tuple(path)
        if key not in self.by_key:
            self.by_key[key] = Section.objects.create(plan=self.plan, path=list(path), title=path[-1][:300],
                                                      order=len(self.by_key) + 1)
        return self.by_key[key]


def _task_fields(item: dict, sections: _SectionCache) -> dict:
    count = item.get("recurrence_min_count")
    recurrence = item.get("recurrence") or ""
    return {
        "section": sections.get(item.get("section") or []),
        "no": (item.get("no") or "")[:20],
        "text": item["text"].strip(),
        "deadline": dt.date.fromisoformat(item["deadline"]) if item.get("deadline") else None,
        "deadline_text": (item.get("deadline_text") or "")[:100],
        "deadline_in_working_days": importing.in_working_days(item),
        "recurrence": recurrence,
        "recurrence_min_count": int(count) if recurrence and str(count or "").isdigit() else None,
        "source": item.get("source") or {},
        "printed_units": item.get("units") or {},
    }


def _task_create(*, plan: Plan, item: dict, order: int, sections: _SectionCache) -> Task:
    return Task.objects.create(plan=plan, order=order, **_task_fields(item, sections))


def _targets_for(item: dict, review: dict) -> list[tuple[Unit, str, UnitGroup | None, str]]:
    """(unit, role, via group, printed name) for a reviewed task, groups expanded to their members."""
    resolutions, mapping = review.get("resolutions", {}), review.get("mapping", {})
    pairs: list[tuple[int, str]] = []
    origin: dict[int, tuple[UnitGroup | None, str]] = {}
    for role in importing.ROLES:
        for name in item["units"].get(role, []):
            target = importing.target_for(name, resolutions, mapping)
            if target.kind == "unit":
                pairs.append((target.pk, role))
                origin.setdefault(target.pk, (None, name))
            elif target.kind == "group":
                group = UnitGroup.objects.select_related("owner").get(pk=target.pk)
                for member in group_members(group):
                    pairs.append((member.pk, role))
                    origin.setdefault(member.pk, (group, name))
    roles = importing.strongest_roles(pairs)
    units = Unit.objects.in_bulk(list(roles))
    return [(units[pk], role, *origin[pk]) for pk, role in roles.items() if pk in units]


def _assign_from_review(*, task: Task, item: dict, review: dict, by: User) -> None:
    for unit, role, group, printed in _targets_for(item, review):
        _assignment_create(task=task, unit=unit, role=role, via_group=group, printed_name=printed, by=by)


def _assignment_create(*, task: Task, unit: Unit, role: str, by: User | None, via_group=None,
                       printed_name: str = "") -> Assignment:
    assignment = Assignment.objects.create(task=task, unit=unit, role=role, via_group=via_group,
                                           printed_name=printed_name[:120])
    AssignmentEvent.objects.create(assignment=assignment, kind="assigned", to_status=assignment.status, by=by,
                                   note=f"{AssignmentRole(role).label}单位" + (f"（来自{via_group.name}）" if via_group else ""))
    return assignment


def _apply_reimport(*, plan: Plan, tasks: list[dict], review: dict, by: User) -> dict:
    current = list(plan.tasks.filter(is_active=True).select_related("section"))
    changes = importing.diff_tasks(current, tasks)
    sections = _SectionCache(plan)
    next_order = len(tasks) + 1
    new_index = {id(t): i for i, t in enumerate(tasks, start=1)}
    for change in changes:
        if change.kind == "added":
            task = _task_create(plan=plan, item=change.new, order=new_index[id(change.new)], sections=sections)
            _assign_from_review(task=task, item=change.new, review=review, by=by)
        elif change.kind == "removed":
            change.old.is_active = False
            change.old.order = next_order
            next_order += 1
            change.old.save(update_fields=["is_active", "order"])
            change.old.assignments.filter(is_active=True).update(is_active=False)
        else:
            task = change.old
            for name, value in _task_fields(change.new, sections).items():
                setattr(task, name, value)
            task.order = new_index[id(change.new)]
            task.save()
            _sync_assignments(task=task, wanted=_targets_for(change.new, review), by=by)
    return importing.summarise_changes(changes)


def _sync_assignments(*, task: Task, wanted: list[tuple], by: User) -> None:
    existing = {a.unit_id: a for a in task.assignments.all()}
    wanted_ids = set()
    for unit, role, group, printed in wanted:
        wanted_ids.add(unit.pk)
        assignment = existing.get(unit.pk)
        if assignment is None:
            _assignment_create(task=task, unit=unit, role=role, via_group=group, printed_name=printed, by=by)
        elif assignment.role != role or not assignment.is_active:
            AssignmentEvent.objects.create(assignment=assignment, kind="role_changed", by=by,
                                           note=f"{assignment.get_role_display()} → {AssignmentRole(role).label}")
            assignment.role, assignment.is_active = role, True
            assignment.save(update_fields=["role", "is_active"])
    for unit_id, assignment in existing.items():
        if unit_id not in wanted_ids and assignment.is_active:
            assignment_remove(assignment=assignment, by=by, note="重新导入后不再列为责任单位")


# ----------------------------------------------------------------------------- assignments


@transaction.atomic
def assignment_add(*, task: Task, unit: Unit, role: str, by: User) -> Assignment:
    if role not in AssignmentRole.values:
        raise DomainError("角色无效")
    existing = Assignment.objects.filter(task=task, unit=unit).first()
    if existing is not None:
        if existing.is_active:
            raise DomainError(f"{unit}已在该任务的分工中")
        existing.is_active, existing.role = True, role
        existing.save(update_fields=["is_active", "role"])
        AssignmentEvent.objects.create(assignment=existing, kind="restored", by=by, note=AssignmentRole(role).label)
        return existing
    return _assignment_create(task=task, unit=unit, role=role, by=by)


def group_add(*, task: Task, group: UnitGroup, role: str, by: User) -> list[Assignment]:
    created = []
    for unit in group_members(group):
        if not Assignment.objects.filter(task=task, unit=unit, is_active=True).exists():
            created.append(assignment_add(task=task, unit=unit, role=role, by=by))
    return created


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: User, note: str = "") -> None:
    """Remove a unit from a task. An assignment with reports is kept on record as inactive."""
    if assignment.reports.exists():
        assignment.is_active = False
        assignment.save(update_fields=["is_active"])
        AssignmentEvent.objects.create(assignment=assignment, kind="removed", by=by, note=note or "移出分工")
    else:
        assignment.delete()


@transaction.atomic
def task_split(*, task: Task, parts: list[str], by: User) -> list[Task]:
    """Split a task into several (拆分任务); each part inherits the section, deadline and all assignments.
    The original is retired; its reports stay attached to it."""
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2:
        raise DomainError("拆分至少需要两项内容，每行一项")
    created = []
    later = Task.objects.filter(plan=task.plan, order__gt=task.order)
    for t in later:
        t.order += len(parts) - 1
        t.save(update_fields=["order"])
    for i, text in enumerate(parts):
        new = Task.objects.create(
            plan=task.plan, section=task.section, no=f"{task.no}-{i + 1}" if task.no else str(i + 1), order=task.order + i,
            text=text, deadline=task.deadline, deadline_text=task.deadline_text,
            deadline_in_working_days=task.deadline_in_working_days, recurrence=task.recurrence,
            recurrence_min_count=task.recurrence_min_count, column_id=task.column_id, source=task.source,
            printed_units=task.printed_units, split_from=task,
        )
        for a in task.assignments.filter(is_active=True):
            _assignment_create(task=new, unit=a.unit, role=a.role, via_group=a.via_group, printed_name=a.printed_name,
                               by=by)
        created.append(new)
    task.is_active = False
    task.save(update_fields=["is_active"])
    task.assignments.update(is_active=False)
    return created


@transaction.atomic
def task_update(*, task: Task, by: User, **fields) -> Task:
    allowed = {"text", "deadline", "deadline_text", "deadline_in_working_days", "recurrence", "recurrence_min_count",
               "column_id", "no"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"不能修改：{'、'.join(sorted(unknown))}")
    if "text" in fields and not (fields["text"] or "").strip():
        raise DomainError("任务内容不能为空")
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()
    return task


@transaction.atomic
def assignment_transition(*, assignment: Assignment, to: str, by: User | None, reason: str = "",
                          on: dt.date | None = None) -> Assignment:
    """Move an assignment along the status workflow (ASSIGNMENT_TRANSITIONS), writing an event row."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    current = assignment.status
    if to == current:
        return assignment
    if to not in ASSIGNMENT_TRANSITIONS.get(current, set()):
        raise DomainError(f"状态不能从“{AssignmentStatus(current).label}”改为“{AssignmentStatus(to).label}”")
    if to == AssignmentStatus.NOT_APPLICABLE and not reason.strip():
        raise DomainError("标记为不适用时必须说明理由")
    assignment.status = to
    assignment.status_reason = reason.strip()[:300] if to == AssignmentStatus.NOT_APPLICABLE else ""
    assignment.completed_on = (on or timezone.localdate()) if to == AssignmentStatus.DONE else None
    assignment.save(update_fields=["status", "status_reason", "completed_on"])
    AssignmentEvent.objects.create(assignment=assignment, kind="status", from_status=current, to_status=to, by=by,
                                   note=reason.strip()[:300])
    return assignment


def assignments_mark_overdue(*, today: dt.date) -> list[Assignment]:
    """Move open assignments whose deadline has passed (a day after it, as deadlines.due_state and the
    逾期 filter count, 工作日 plan or not) to 逾期. Idempotent."""
    candidates = Assignment.objects.filter(
        is_active=True, task__is_active=True, task__deadline__lt=today,
        status__in=[AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS],
    ).select_related("task")
    return [assignment_transition(assignment=assignment, to=AssignmentStatus.OVERDUE, by=None, reason="超过完成时限")
            for assignment in candidates]


# ----------------------------------------------------------------------------- progress


@dataclass
class Upload:
    name: str
    data: bytes


@transaction.atomic
def progress_report_create(*, assignment: Assignment, by: User, text: str, reported_on: dt.date,
                           evidence_links: list[str] | None = None, files: list[Upload] | None = None,
                           marks_done: bool = False, consolidated: bool = False) -> ProgressReport:
    """File a progress report. It moves 未开始 to 推进中, or to 已完成 when the unit says it is done;
    a recurring duty's checklist for the report's period is counted up."""
    if not assignment.is_active or not assignment.task.is_active:
        raise DomainError("该分工已撤销，不能再报送进展")
    if not text.strip():
        raise DomainError("请填写工作进展")
    if assignment.status == AssignmentStatus.NOT_APPLICABLE:
        raise DomainError("该任务已标记为不适用，如需报送请先恢复")
    if consolidated and assignment.role != AssignmentRole.LEAD:
        raise DomainError("只有牵头单位可以报送汇总情况")
    if reported_on > timezone.localdate():
        raise DomainError("报送日期不能晚于今天")
    links = [link.strip() for link in (evidence_links or []) if link.strip()]
    for link in links:
        if not link.startswith(("http://", "https://")):
            raise DomainError(f"佐证链接应以 http:// 或 https:// 开头：{link}")
    checked = [(f, sniff_attachment(name=f.name, data=f.data)) for f in (files or [])]
    task = assignment.task
    report = ProgressReport.objects.create(
        assignment=assignment, text=text.strip(), evidence_links=links, reported_on=reported_on, author=by,
        period_key=period_of(task.recurrence, reported_on).key if task.recurrence else "",
        is_consolidated=consolidated, marks_done=marks_done, auto_evidence=_column_evidence(task, reported_on),
    )
    auto = report.auto_evidence
    # A bound column counts as evidence only when it was updated as required (status "ok").
    report.has_evidence = bool(links or checked or auto.get("status") == "ok")
    report.save(update_fields=["has_evidence"])
    for upload, content_type in checked:
        attachment = ProgressAttachment(report=report, name=upload.name[:200], size=len(upload.data),
                                        content_type=content_type, sha256=hashlib.sha256(upload.data).hexdigest())
        attachment.file.save(f"{attachment.sha256[:16]}{_suffix(upload.name)}", ContentFile(upload.data), save=False)
        attachment.save()
    assignment.report_count = assignment.reports.count()
    assignment.last_report_at = timezone.now()
    assignment.save(update_fields=["report_count", "last_report_at"])
    if marks_done and assignment.status != AssignmentStatus.DONE:
        assignment_transition(assignment=assignment, to=AssignmentStatus.DONE, by=by, on=reported_on,
                              reason="报送进展时确认完成")
    elif assignment.status == AssignmentStatus.NOT_STARTED:
        assignment_transition(assignment=assignment, to=AssignmentStatus.IN_PROGRESS, by=by)
    if task.recurrence:
        checklists_refresh(assignment=assignment, until=reported_on)
    return report


def _column_evidence(task: Task, on: dt.date) -> dict:
    if not task.column_id:
        return {}
    from .evidence import column_evidence

    return column_evidence(column_id=task.column_id, on=on)


def checklists_refresh(*, assignment: Assignment, until: dt.date) -> list[PeriodChecklist]:
    """Create or recount the checklist of every period from the plan's year start to `until`."""
    task = assignment.task
    if not task.recurrence:
        return []
    start = dt.date(task.plan.year, 1, 1)
    end = min(until, dt.date(task.plan.year, 12, 31))
    if end < start:
        return []
    required = task.recurrence_min_count or 1
    counts: dict[str, int] = {}
    for key in assignment.reports.exclude(period_key="").values_list("period_key", flat=True):
        counts[key] = counts.get(key, 0) + 1
    result = []
    for period in periods_between(task.recurrence, start, end):
        checklist, _ = PeriodChecklist.objects.update_or_create(
            assignment=assignment, period_key=period.key,
            defaults={"period_start": period.start, "period_end": period.end, "required_count": required,
                      "done_count": counts.get(period.key, 0)},
        )
        result.append(checklist)
    return result


@transaction.atomic
def plan_set_status(*, plan: Plan, status: str, by: User) -> Plan:
    if status not in PlanStatus.values:
        raise DomainError("状态无效")
    plan.status = status
    plan.save(update_fields=["status"])
    return plan


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)


def attachment_limits() -> tuple[int, list[str]]:
    return conf.attachment_max_bytes(), sorted(conf.attachment_extensions())
