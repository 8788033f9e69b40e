"""Excel in and out: the ledger in the columns offices use (工作台账), bulletins as workbooks, and progress
filled in offline (进展填报) read back with row-level errors and no partial writes."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import User

from .models import ASSIGNMENT_TRANSITIONS, Assignment, AssignmentRole, AssignmentStatus, Plan
from .selectors import can_report, ledger_tasks

LEDGER_HEADER = ["序号", "工作任务", "具体要求", "牵头单位", "责任单位", "配合单位", "参照落实单位", "完成时限",
                 "完成情况", "最新进展", "佐证材料"]
FILL_SHEET = "进展填报"
FILL_HEADER = ["分工编号", "序号", "具体要求", "单位", "角色", "完成时限", "当前状态", "新状态", "不适用理由",
               "本次进展", "佐证链接", "报送日期"]
STATUS_BY_LABEL = {label: value for value, label in AssignmentStatus.choices}
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(wb, title: str, header: list[str], widths: list[int], first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(header)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        ws.cell(1, i).font, ws.cell(1, i).fill = _HEAD_FONT, _HEAD_FILL
    ws.freeze_panes = "A2"
    return ws


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ledger_xlsx(plan: Plan) -> bytes:
    wb = Workbook()
    ws = _sheet(wb, "工作台账", LEDGER_HEADER, [6, 28, 60, 18, 30, 24, 20, 14, 24, 40, 30], first=True)
    latest: dict[int, object] = {}
    evidence: dict[int, list[str]] = {}
    assignments = Assignment.objects.filter(task__plan=plan, is_active=True, task__is_active=True)
    from .models import ProgressReport

    for report in ProgressReport.objects.filter(assignment__in=assignments).select_related("assignment__unit").order_by(
            "reported_on", "id").prefetch_related("attachments"):
        task_id = report.assignment.task_id
        latest[task_id] = report
        evidence.setdefault(task_id, []).extend(report.evidence_links + [a.name for a in report.attachments.all()])
    tasks = list(ledger_tasks(plan))
    for task in tasks:
        by_role = {r: [] for r in AssignmentRole.values}
        done = 0
        for a in task.active_assignments:
            by_role[a.role].append(str(a.unit))
            done += a.status == AssignmentStatus.DONE
        report = latest.get(task.pk)
        total = len(task.active_assignments)
        ws.append([
            task.no, task.section_label, task.text, "、".join(by_role["lead"]), "、".join(by_role["responsible"]),
            "、".join(by_role["cooperate"]), "、".join(by_role["reference"]),
            task.deadline.isoformat() if task.deadline else task.deadline_text or "持续推进",
            f"已完成{done}/{total}" if total else "未分配",
            f"{report.assignment.unit}（{report.reported_on:%m月%d日}）：{report.text}" if report else "",
            "\n".join(evidence.get(task.pk, [])),
        ])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
    fill = _sheet(wb, FILL_SHEET, FILL_HEADER, [10, 6, 50, 20, 8, 12, 10, 10, 20, 40, 30, 12])
    for a in Assignment.objects.filter(task__plan=plan, is_active=True, task__is_active=True).select_related(
            "unit", "task").order_by("task__order", "unit__path"):
        fill.append([a.pk, a.task.no, a.task.text, a.unit.name, a.get_role_display(),
                     a.task.deadline.isoformat() if a.task.deadline else "", a.get_status_display(), "", "", "", "", ""])
    fill.column_dimensions["A"].hidden = False
    return _save(wb)


def bulletin_xlsx(bulletin) -> bytes:
    data = bulletin.data
    wb = Workbook()
    ws = _sheet(wb, "单位完成情况", ["序号", "单位", "分工数", "已完成", "完成率(%)", "按时完成率(%)", "佐证率(%)", "逾期",
                                "不适用", "本期报送次数"], [6, 30, 10, 10, 10, 12, 10, 8, 8, 12], first=True)
    for i, u in enumerate(data["units"], start=1):
        ws.append([i, u["name"], u["total"], u["done"], u["rate"], u["timeliness"], u["evidence_rate"], u["overdue"],
                   u["not_applicable"], u["reports_in_period"]])
    ws = _sheet(wb, "逾期任务", ["序号", "单位", "任务"], [6, 30, 80])
    for i, o in enumerate(data["overdue"], start=1):
        ws.append([i, o["unit"], o["task"]])
    ws = _sheet(wb, "未报送单位", ["序号", "单位"], [6, 30])
    for i, name in enumerate(data["no_report"], start=1):
        ws.append([i, name])
    ws = _sheet(wb, "与上期相比", ["单位", "新完成", "上期完成率(%)", "本期完成率(%)"], [30, 10, 14, 14])
    for c in data["changes"]["units"]:
        ws.append([c["name"], c["done_delta"], c["rate_before"], c["rate_after"]])
    return _save(wb)


# ----------------------------------------------------------------------------- progress import


@dataclass
class ProgressRow:
    line: int
    assignment: Assignment
    status: str
    reason: str
    text: str
    links: list[str]
    reported_on: dt.date


class ProgressImportRejected(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__(f"导入失败，共{len(errors)}处错误，未写入任何数据")
        self.errors = errors


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_progress_rows(*, data: bytes, plan: Plan, user: User, today: dt.date) -> list[ProgressRow]:
    """Validate every filled row of the 进展填报 sheet; raises ProgressImportRejected listing all errors."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise DomainError("无法读取该文件，请上传从台账导出的 .xlsx 文件")
    if FILL_SHEET not in wb.sheetnames:
        raise DomainError(f"文件中没有“{FILL_SHEET}”工作表，请使用台账导出的模板填写")
    rows = list(wb[FILL_SHEET].iter_rows(values_only=True))
    if not rows or [(_cell_text(c)) for c in rows[0][:len(FILL_HEADER)]] != FILL_HEADER:
        raise DomainError("“进展填报”表头与模板不一致，请勿增删或改动列")
    ids = [_cell_text(r[0]) for r in rows[1:] if r and r[0] is not None]
    assignments = Assignment.objects.select_related("unit", "task", "task__plan").in_bulk(
        [int(i) for i in ids if i.isdigit()])
    errors: list[str] = []
    out: list[ProgressRow] = []
    for line, raw in enumerate(rows[1:], start=2):
        cells = [_cell_text(c) for c in (list(raw) + [None] * len(FILL_HEADER))[:len(FILL_HEADER)]]
        new_status, reason, text, links, day = cells[7], cells[8], cells[9], cells[10], cells[11]
        if not any([new_status, reason, text, links]):
            continue  # untouched row
        problems = []
        assignment = assignments.get(int(cells[0])) if cells[0].isdigit() else None
        if assignment is None or assignment.task.plan_id != plan.pk:
            problems.append("分工编号不存在或不属于本方案")
        elif not can_report(user, assignment):
            problems.append(f"无权为{assignment.unit}报送")
        elif not assignment.is_active:
            problems.append("该分工已撤销")
        status = ""
        if new_status:
            status = STATUS_BY_LABEL.get(new_status, "")
            if status not in (AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE, AssignmentStatus.NOT_APPLICABLE):
                problems.append(f"新状态“{new_status}”无效，应为 推进中、已完成 或 不适用")
            elif assignment is not None and status != assignment.status and status not in ASSIGNMENT_TRANSITIONS.get(
                    assignment.status, set()):
                problems.append(f"状态不能从“{assignment.get_status_display()}”改为“{new_status}”")
            if status == AssignmentStatus.NOT_APPLICABLE and not reason:
                problems.append("标记为不适用时必须填写理由")
        if not text and status != AssignmentStatus.NOT_APPLICABLE:
            problems.append("请填写本次进展")
        link_list = [x.strip() for x in links.replace("；", "\n").replace(";", "\n").splitlines() if x.strip()]
        bad = [x for x in link_list if not x.startswith(("http://", "https://"))]
        if bad:
            problems.append(f"佐证链接应以 http:// 或 https:// 开头：{bad[0]}")
        reported_on = today
        if day:
            try:
                reported_on = dt.date.fromisoformat(day[:10])
            except ValueError:
                problems.append(f"报送日期“{day}”格式应为 2026-03-31")
            else:
                if reported_on > today:
                    problems.append("报送日期不能晚于今天")
        if problems:
            errors.append(f"第{line}行：" + "；".join(problems))
        else:
            out.append(ProgressRow(line, assignment, status, reason, text, link_list, reported_on))
    if errors:
        raise ProgressImportRejected(errors)
    if not out:
        raise DomainError("没有找到填写了进展的行")
    return out


@transaction.atomic
def progress_import(*, data: bytes, plan: Plan, user: User, today: dt.date) -> int:
    """Apply a filled 进展填报 sheet: all rows or none."""
    from .services import assignment_transition, progress_report_create

    rows = read_progress_rows(data=data, plan=plan, user=user, today=today)
    for row in rows:
        if row.status == AssignmentStatus.NOT_APPLICABLE:
            # a 不适用 row's explanation is its reason; no progress report is filed
            assignment_transition(assignment=row.assignment, to=row.status, by=user, reason=row.reason)
            continue
        progress_report_create(assignment=row.assignment, by=user, text=row.text, reported_on=row.reported_on,
                               evidence_links=row.links, marks_done=row.status == AssignmentStatus.DONE)
    return len(rows)
