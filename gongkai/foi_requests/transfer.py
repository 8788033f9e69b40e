"""Bulk import of past cases (XLSX or JSON; row-level validation, all or nothing) and XLSX export.

Schema (one row or JSON object per case; column headers in Chinese or the English keys):

| key | 表头 | required | values |
|---|---|---|---|
| case_number | 申请编号 | no | unique within the agency |
| received_on | 收到申请日期 | yes | YYYY-MM-DD (or an Excel date) |
| channel | 申请渠道 | no | 当面提交 / 邮寄… / 平常信函 / 网上申请 / 电子邮件 / 传真 (or codes); default 当面提交 |
| applicant_category | 申请人类型 | yes | 自然人 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 / 其他 |
| applicant_name | 申请人 | no | |
| title | 所需信息 | yes | |
| outcome | 办理结果 | no | a table 三 row, e.g. 予以公开, 部分公开, 不予公开：属于国家秘密, 属于国家秘密 (or codes); empty = still open |
| concluded_on | 办结日期 | with outcome | YYYY-MM-DD, not before received_on |
| fee_amount_yuan | 信息处理费（元） | no | number ≥ 0 |
| fee_paid_on | 缴费日期 | with a fee | YYYY-MM-DD |
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.core.exceptions import DomainError

from .deadlines import refresh_deadline
from .intake import Channel
from .models import EventKind, FoiEvent, FoiRequest, Status
from .outcomes import ApplicantCategory, ReplyOutcome
from .privacy import mask_name

COLUMNS = [
    ("case_number", "申请编号"), ("received_on", "收到申请日期"), ("channel", "申请渠道"),
    ("applicant_category", "申请人类型"), ("applicant_name", "申请人"), ("title", "所需信息"),
    ("outcome", "办理结果"), ("concluded_on", "办结日期"), ("fee_amount_yuan", "信息处理费（元）"),
    ("fee_paid_on", "缴费日期"),
]
HEADER_KEYS = {label: key for key, label in COLUMNS} | {key: key for key, _ in COLUMNS}
MAX_ROWS = 20000


def _choice(value: str, choices, label: str, errors: list[str]) -> str:
    text = str(value or "").strip()
    for code, name in choices:
        if text in (code, name) or (("：" in name) and text == name.split("：", 1)[1]):
            return code
    errors.append(f"{label}“{text}”无法识别")
    return ""


def _date(value, label: str, errors: list[str], required: bool = False) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors.append(f"缺少{label}")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip().replace("/", "-"))
    except ValueError:
        errors.append(f"{label}“{value}”不是有效日期（应为YYYY-MM-DD）")
        return None


def read_rows(data: bytes, filename: str) -> list[dict]:
    if filename.lower().endswith(".json"):
        try:
            rows = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DomainError(f"JSON 文件无法解析：{exc}")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DomainError("JSON 文件应为对象数组，每个对象一件申请")
        return [{HEADER_KEYS.get(k, k): v for k, v in r.items()} for r in rows]
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds on a corrupt file
            raise DomainError(f"XLSX 文件无法读取：{exc}")
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            raise DomainError("表格是空的")
        header = [HEADER_KEYS.get(str(h or "").strip(), None) for h in rows[0]]
        missing = {"received_on", "applicant_category", "title"} - set(header)
        if missing:
            labels = dict(COLUMNS)
            raise DomainError("表头缺少：" + "、".join(labels[m] for m in sorted(missing)))
        return [{k: v for k, v in zip(header, row, strict=False) if k} for row in rows[1:] if any(c not in (None, "") for c in row)]
    raise DomainError("只支持 .xlsx 或 .json 文件")


def validate_row(row: dict, *, seen_numbers: set[str], existing: set[str]) -> tuple[dict, list[str]]:
    errors: list[str] = []
    clean = {
        "received_on": _date(row.get("received_on"), "收到申请日期", errors, required=True),
        "applicant_category": _choice(row.get("applicant_category"), ApplicantCategory.choices, "申请人类型", errors),
        "channel": _choice(row.get("channel") or Channel.IN_PERSON, Channel.choices, "申请渠道", errors),
        "applicant_name": str(row.get("applicant_name") or "").strip()[:120],
        "title": str(row.get("title") or "").strip()[:300],
        "case_number": str(row.get("case_number") or "").strip()[:60],
        "concluded_on": _date(row.get("concluded_on"), "办结日期", errors),
        "fee_paid_on": _date(row.get("fee_paid_on"), "缴费日期", errors),
        "outcome": "",
    }
    if not clean["title"]:
        errors.append("缺少所需信息")
    if str(row.get("outcome") or "").strip():
        clean["outcome"] = _choice(row.get("outcome"), ReplyOutcome.choices, "办理结果", errors)
        if clean["concluded_on"] is None:
            errors.append("有办理结果的须填写办结日期")
    elif clean["concluded_on"]:
        errors.append("填写了办结日期但没有办理结果")
    if clean["received_on"] and clean["concluded_on"] and clean["concluded_on"] < clean["received_on"]:
        errors.append("办结日期早于收到申请日期")
    try:
        fee = Decimal(str(row.get("fee_amount_yuan") or 0))
        if fee < 0:
            raise InvalidOperation
        clean["fee_amount_yuan"] = fee.quantize(Decimal("0.01"))
    except InvalidOperation:
        errors.append(f"信息处理费“{row.get('fee_amount_yuan')}”应为不小于0的数字")
        fee = Decimal(0)
    if fee > 0 and clean["fee_paid_on"] is None:
        errors.append("有信息处理费的须填写缴费日期")
    number = clean["case_number"]
    if number:
        if number in seen_numbers:
            errors.append(f"申请编号“{number}”在文件中重复")
        if number in existing:
            errors.append(f"申请编号“{number}”已存在")
        seen_numbers.add(number)
    return clean, errors


@transaction.atomic
def foi_import(*, unit, data: bytes, filename: str, by=None) -> list[FoiRequest]:
    """Validate every row first; write all or nothing. Errors are reported as “第N行：…” lines."""
    rows = read_rows(data, filename)
    if not rows:
        raise DomainError("文件中没有数据行")
    if len(rows) > MAX_ROWS:
        raise DomainError(f"一次最多导入{MAX_ROWS}行")
    existing = set(FoiRequest.objects.filter(unit=unit).exclude(case_number="").values_list("case_number", flat=True))
    seen: set[str] = set()
    cleaned, problems = [], []
    first_line = 1 if filename.lower().endswith(".json") else 2
    for index, row in enumerate(rows):
        clean, errors = validate_row(row, seen_numbers=seen, existing=existing)
        cleaned.append(clean)
        if errors:
            label = f"第{index + first_line}行" if first_line == 2 else f"第{index + 1}条"
            problems.append(f"{label}：{'；'.join(errors)}")
    if problems:
        raise DomainError("\n".join(["导入未执行，请修改以下问题后重新上传："] + problems[:200]))
    created = []
    for clean in cleaned:
        status = Status.ARCHIVED if clean["outcome"] else Status.REGISTERED
        case = FoiRequest.objects.create(unit=unit, status=status, imported=True, arrived_on=clean["received_on"],
                                         clock_started_on=clean["received_on"], **clean)
        if status == Status.REGISTERED:
            refresh_deadline(case)
        FoiEvent.objects.create(request=case, kind=EventKind.IMPORTED, actor=by if getattr(by, "pk", None) else None,
                                on_date=clean["received_on"], to_status=status, note=f"从{filename}导入")
        created.append(case)
    return created


def export_xlsx(queryset) -> bytes:
    """Cases as an XLSX in the import schema plus status and deadline columns. Applicant names are
    masked: the export leaves the system, so personal data stays behind."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "依申请公开台账"
    extra = [("unit", "受理机关"), ("status", "状态"), ("due_on", "答复期限"), ("delivered_on_time", "按时答复")]
    sheet.append([label for _, label in COLUMNS + extra])
    for case in queryset.select_related("unit").order_by("received_on", "pk").iterator(chunk_size=500):
        sheet.append([
            case.case_number, case.received_on, case.get_channel_display(), case.get_applicant_category_display(),
            mask_name(case.applicant_name) if not case.is_organisation else case.applicant_name, case.title,
            case.get_outcome_display() if case.outcome else "", case.concluded_on, float(case.fee_amount_yuan),
            case.fee_paid_on, str(case.unit), case.get_status_display(), case.due_on,
            {True: "是", False: "否", None: ""}[case.delivered_on_time],
        ])
    for column in ("B", "H", "J", "M"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
