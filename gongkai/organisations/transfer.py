"""Import and export of units and groups as XLSX or CSV (all-or-nothing, row-level errors)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core.exceptions import DomainError

from .models import GovernmentLevel, GroupRule, Unit, UnitGroup, UnitKind
from .selectors import group_members
from .services import group_create, unit_create, unit_update

UNIT_COLUMNS = ["名称", "简称", "别名", "类型", "层级", "地区名", "上级单位", "统一社会信用代码", "排序"]
GROUP_COLUMNS = ["名称", "别名", "所属单位", "成员规则", "固定成员"]
LIST_SEPARATOR = "、"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


class ImportRejected(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__("导入失败，未写入任何数据：\n" + "\n".join(errors))
        self.errors = errors


def _label_to_value(choices, label: str, row_no: int, column: str, errors: list[str], allow_blank=False) -> str:
    label = (label or "").strip()
    if not label and allow_blank:
        return ""
    for value, text in choices:
        if label in (value, text):
            return value
    errors.append(f"第{row_no}行“{column}”无法识别：{label or '（空）'}，可选：{'、'.join(t for _, t in choices)}")
    return ""


def _split(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("，", LIST_SEPARATOR).split(LIST_SEPARATOR) if p.strip()]


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of an uploaded XLSX or CSV as dicts keyed by the header row."""
    if filename.lower().endswith(".xlsx"):
        import openpyxl

        try:
            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many types for a bad file
            raise ImportRejected([f"无法读取Excel文件：{exc}"])
        values = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    elif filename.lower().endswith(".csv"):
        text = data.decode("utf-8-sig", errors="strict") if data else ""
        values = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ImportRejected(["只支持 .xlsx 或 .csv 文件"])
    values = [row for row in values if any(row)]
    if not values:
        raise ImportRejected(["文件为空"])
    header = values[0]
    return [dict(zip(header, row, strict=False)) for row in values[1:]]


@transaction.atomic
def units_import(*, rows: list[dict[str, str]]) -> ImportReport:
    """Create or update units by (上级单位, 名称). Parents may be earlier rows or existing units."""
    report = ImportReport()
    by_name: dict[str, Unit] = {u.name: u for u in Unit.objects.all()}
    for index, row in enumerate(rows, start=2):
        errors: list[str] = []
        name = (row.get("名称") or "").strip()
        if not name:
            report.errors.append(f"第{index}行缺少“名称”")
            continue
        kind = _label_to_value(UnitKind.choices, row.get("类型", ""), index, "类型", errors)
        level = _label_to_value(GovernmentLevel.choices, row.get("层级", ""), index, "层级", errors, allow_blank=True)
        parent_name = (row.get("上级单位") or "").strip()
        parent = by_name.get(parent_name) if parent_name else None
        if parent_name and parent is None:
            errors.append(f"第{index}行上级单位“{parent_name}”不存在（须在本文件前面的行或系统中已有）")
        try:
            order = int(row.get("排序") or 100)
        except ValueError:
            errors.append(f"第{index}行“排序”应为整数")
            order = 100
        if errors:
            report.errors.extend(errors)
            continue
        fields = dict(
            short_name=(row.get("简称") or "").strip(), aliases=_split(row.get("别名", "")), kind=kind,
            level=level, region_name=(row.get("地区名") or "").strip(),
            credit_code=(row.get("统一社会信用代码") or "").strip().upper(), order=order,
        )
        existing = Unit.objects.filter(name=name, parent=parent).first()
        try:
            with transaction.atomic():
                if existing:
                    unit = unit_update(unit=existing, parent=parent, **fields)
                    report.updated += 1
                else:
                    unit = unit_create(name=name, parent=parent, **fields)
                    report.created += 1
        except (ValidationError, DomainError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            report.errors.append(f"第{index}行：{'；'.join(messages)}")
            continue
        by_name[name] = unit
    if report.errors:
        raise ImportRejected(report.errors)
    return report


@transaction.atomic
def groups_import(*, rows: list[dict[str, str]]) -> ImportReport:
    report = ImportReport()
    by_name = {u.name: u for u in Unit.objects.all()}
    for index, row in enumerate(rows, start=2):
        errors: list[str] = []
        name = (row.get("名称") or "").strip()
        owner = by_name.get((row.get("所属单位") or "").strip())
        rule = _label_to_value(GroupRule.choices, row.get("成员规则", ""), index, "成员规则", errors)
        if not name:
            errors.append(f"第{index}行缺少“名称”")
        if owner is None:
            errors.append(f"第{index}行所属单位“{row.get('所属单位', '')}”不存在")
        members = []
        for member_name in _split(row.get("固定成员", "")):
            if member_name not in by_name:
                errors.append(f"第{index}行固定成员“{member_name}”不存在")
            else:
                members.append(by_name[member_name])
        if errors:
            report.errors.extend(errors)
            continue
        UnitGroup.objects.filter(owner=owner, name=name).delete()  # replaced as a whole
        try:
            with transaction.atomic():
                group_create(name=name, owner=owner, rule=rule, members=members, aliases=_split(row.get("别名", "")))
        except (ValidationError, DomainError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            report.errors.append(f"第{index}行：{'；'.join(messages)}")
            continue
        report.created += 1
    if report.errors:
        raise ImportRejected(report.errors)
    return report


def unit_rows() -> list[list[str]]:
    rows = []
    for unit in Unit.objects.select_related("parent").order_by("path"):
        rows.append([
            unit.name, unit.short_name, LIST_SEPARATOR.join(unit.aliases), unit.get_kind_display(),
            unit.get_level_display() if unit.level else "", unit.region_name,
            unit.parent.name if unit.parent else "", unit.credit_code, str(unit.order),
        ])
    return rows


def group_rows() -> list[list[str]]:
    rows = []
    for group in UnitGroup.objects.select_related("owner").prefetch_related("members"):
        members = LIST_SEPARATOR.join(m.name for m in group.members.all()) if group.rule == GroupRule.STATIC else ""
        rows.append([group.name, LIST_SEPARATOR.join(group.aliases), group.owner.name, group.get_rule_display(), members])
    return rows


def export_bytes(kind: str, fmt: str) -> bytes:
    header, rows = (UNIT_COLUMNS, unit_rows()) if kind == "units" else (GROUP_COLUMNS, group_rows())
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")  # BOM so that Excel opens it as UTF-8
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "单位" if kind == "units" else "单位组"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def members_preview(group: UnitGroup) -> list[str]:
    return [u.name for u in group_members(group)]
