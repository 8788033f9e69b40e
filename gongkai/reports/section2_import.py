"""Import of table 二 figures (行政许可/处罚/强制 decisions, 收费 amount …) from a two-column sheet.

Each row names a cell and gives its value: "行政处罚 | 1203". A row with several value columns is named
"规章-本年制发件数". Everything is checked before anything is written; errors name the sheet row. Every
uploaded file is kept (Section2Upload), the rejected ones with the reasons.
"""

from __future__ import annotations

import csv
import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core.exceptions import DomainError

from . import access, formats, services
from .models import AnnualReport, Section2Upload, UploadOutcome
from .services import parse_cell


def _labels(fmt: str) -> dict[str, tuple[str, str, str, str]]:
    """Accepted names -> (row, column, kind, display label)."""
    names = {}
    for block in formats.section2_blocks(fmt):
        headers = block.headers[1:]
        for row, label in block.rows:
            for (column, kind), header in zip(block.columns, headers, strict=True):
                names[f"{label}-{header}"] = (row, column, kind, f"{label}（{header}）")
                if len(block.columns) == 1:
                    names[label] = (row, column, kind, label)
    return names


def _rows(data: bytes, filename: str) -> list[list[str]]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception:
            raise DomainError("无法读取该Excel文件，请确认是.xlsx格式")
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DomainError("无法识别CSV文件的编码，请另存为UTF-8")
        return list(csv.reader(io.StringIO(text)))
    raise DomainError("只支持.xlsx或.csv文件")


def parse_section2(data: bytes, filename: str, fmt: str) -> dict[str, dict[str, object]]:
    names = _labels(fmt)
    cells: dict[str, dict[str, object]] = {}
    errors = []
    for number, row in enumerate(_rows(data, filename), start=1):
        if not row or not str(row[0]).strip():
            continue
        label = str(row[0]).strip().replace("－", "-").replace("—", "-")
        if label in ("项目", "信息内容"):
            continue  # header row
        target = names.get(label)
        if target is None:
            errors.append(f"第{number}行：不认识的项目“{label}”")
            continue
        r, c, kind, display = target
        try:
            cells.setdefault(r, {})[c] = parse_cell(row[1] if len(row) > 1 else "", kind, display)
        except DomainError as exc:
            errors.append(f"第{number}行：{exc.message}")
    if errors:
        raise DomainError("；".join(errors[:10]) + ("；……" if len(errors) > 10 else ""))
    if not cells:
        raise DomainError("文件中没有可导入的数据")
    return cells


def import_upload(*, report: AnnualReport, by, name: str, data: bytes) -> Section2Upload:
    """Fill table 二 from an uploaded sheet. The file is kept whatever happens: with the import when it
    succeeds (all cells or none), or as rejected with the reasons, which are then raised as a DomainError."""
    if not access.can_compose(by, report.unit):
        raise DomainError("您无权修改该报告")
    try:
        cells = parse_section2(data, name, report.format)
        with transaction.atomic():
            services.report_update_section2(report=report, by=by, cells=cells)
            count = sum(len(columns) for columns in cells.values())
            return _keep(report, by, name, data, UploadOutcome.IMPORTED, f"导入{count}项数据")
    except DomainError as exc:
        _keep(report, by, name, data, UploadOutcome.REJECTED, exc.message)
        raise


def _keep(report: AnnualReport, by, name: str, data: bytes, outcome: str, message: str) -> Section2Upload:
    upload = Section2Upload(report=report, original_name=name[:200], size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), outcome=outcome, message=message,
                            uploaded_by=by)
    upload.original.save(name, ContentFile(data), save=False)
    upload.save()
    return upload
