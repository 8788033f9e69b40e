"""Adapters to the other modules' selectors that feed the report (briefing contracts 3–6).

Each call degrades to "no data — enter by hand" when the providing module or function does not exist
(yet) or fails, so that a report can always be generated; the report says which sources it used.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

NO_DATA = "无数据，请手工填写"


@dataclass
class SourceResult:
    key: str
    label: str
    available: bool
    data: Any = None
    note: str = ""

    def as_dict(self) -> dict:
        return {"label": self.label, "available": self.available, "data": self.data, "note": self.note}


SOURCES = {  # key -> (module, function, label)
    "disclosure": ("gongkai.disclosure.selectors", "annual_facts", "政府信息公开平台发布统计"),
    "interpretations": ("gongkai.policies.selectors", "interpretation_facts", "政策解读统计"),
    "normative": ("gongkai.policies.selectors", "normative_document_counts", "规章和行政规范性文件统计"),
    "workplan": ("gongkai.workplan.selectors", "plan_execution_summary", "年度工作要点落实情况"),
}


def _function(module_name: str, name: str):
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, name, None)


def fetch(key: str, **kwargs) -> SourceResult:
    module_name, func_name, label = SOURCES[key]
    func = _function(module_name, func_name)
    if func is None:
        return SourceResult(key, label, False, note=f"{label}：{NO_DATA}（{module_name}.{func_name} 尚未提供）")
    try:
        data = func(**kwargs)
    except Exception:  # another module's failure must not stop report generation
        logger.exception("report source %s failed", key)
        return SourceResult(key, label, False, note=f"{label}：读取出错，{NO_DATA}")
    return SourceResult(key, label, True, data=_plain(data))


def fetch_all(*, unit, year: int, units=None) -> dict[str, SourceResult]:
    """Facts of `unit`, or summed over `units` for a consolidated report (per-unit providers)."""
    if not units:
        return {key: fetch(key, unit=unit, year=year) for key in SOURCES}
    out = {}
    for key in SOURCES:
        parts = [fetch(key, unit=u, year=year) for u in units]
        available = [p for p in parts if p.available]
        if not available:
            out[key] = parts[0] if parts else fetch(key, unit=unit, year=year)
            continue
        merged = None
        for part in available:
            merged = merge_facts(merged, part.data)
        out[key] = SourceResult(key, available[0].label, True, data=finish_merge(key, merged))
    return out


def merge_facts(a, b):
    """Sum two fact dicts: numbers add, dicts merge, lists of {"column", "count"} merge by name, other lists join."""
    if a is None:
        return b
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) or bool(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a + b
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = merge_facts(out.get(k), v) if k in out else v
        return out
    if isinstance(a, list) and isinstance(b, list):
        if all(isinstance(x, dict) and "count" in x for x in a + b):
            merged: dict[str, dict] = {}
            for x in a + b:
                name = str(x.get("column") or x.get("label") or x.get("name"))
                if name in merged:
                    merged[name] = {**merged[name], "count": merged[name]["count"] + x["count"]}
                else:
                    merged[name] = dict(x)
            return list(merged.values())
        return a + b
    return b if a in (None, "") else a


def finish_merge(key: str, data):
    """Rates cannot be summed: recompute the ones whose parts are known, drop the others."""
    if not isinstance(data, dict):
        return data
    data = {k: v for k, v in data.items() if not k.endswith("_rate") and k not in ("unit_id", "year")}
    if key == "workplan":
        applicable = (data.get("tasks_assigned") or 0) - (data.get("not_applicable") or 0)
        data["completion_rate"] = round(100 * (data.get("completed") or 0) / applicable, 1) if applicable else 0.0
    if key == "interpretations":
        if data.get("documents"):
            data["multi_form_rate"] = round((data.get("multi_form_documents") or 0) / data["documents"], 4)
        timed = (data.get("on_time") or 0) + (data.get("late") or 0)
        data["on_time_rate"] = round((data.get("on_time") or 0) / timed, 4) if timed else None
    return data


def availability() -> dict[str, bool]:
    """Which providers exist in this installation (for the report's data-source notes and the docs)."""
    return {key: _function(module, func) is not None for key, (module, func, _) in SOURCES.items()}


def _plain(value):
    """JSON-safe copy (dates and decimals to strings) so that the snapshot can be stored."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# ---- search index (contract 3) -------------------------------------------------------------------


def search_upsert(**kwargs) -> bool:
    func = _function("gongkai.search.services", "search_document_upsert")
    if func is None:
        return False
    func(**kwargs)
    return True


def search_delete(*, key: str) -> bool:
    func = _function("gongkai.search.services", "search_document_delete")
    if func is None:
        return False
    func(key=key)
    return True
