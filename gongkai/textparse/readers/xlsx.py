""".xlsx: every sheet's rows; a merged range keeps its value in the top-left cell only."""

from __future__ import annotations

import datetime as dt
import io

from ..model import Cell, Document, PlanParseError, Row


def _value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime | dt.date):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_xlsx(data: bytes) -> Document:
    try:
        import openpyxl  # lazy
    except ImportError:  # pragma: no cover
        raise PlanParseError("缺少 openpyxl (openpyxl is not installed)")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # noqa: BLE001
        raise PlanParseError(f"xlsx 文件损坏或已加密 (corrupt or encrypted .xlsx): {type(exc).__name__}")
    rows: list[Row] = []
    for t, ws in enumerate(wb.worksheets, start=1):
        merged_cont: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col) and c == rng.min_col:
                        merged_cont.add((r, c))
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            values = [_value(v) for v in row]
            while values and not values[-1].strip():
                values.pop()
            if not values:
                continue
            cells = [Cell(v, {"table": t, "row": r, "cell": c}, merged=(r, c) in merged_cont)
                     for c, v in enumerate(values, start=1)]
            rows.append(Row(cells, table=t))
    return Document(rows)
