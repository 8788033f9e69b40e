"""Import of table 二 figures (行政许可/处罚/强制 decisions, 收费 amount …) from a two-column sheet.

Each row names a cell and gives its value: "行政处罚 | 1203". A row with several value columns is named
"规章-本年制发件数". Everything is checked before anything is written; errors name the sheet row.
"""

from __future__ import annotations

import csv
import io

from gongkai.core.exceptions import DomainError

from . import formats
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
