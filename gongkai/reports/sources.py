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


def fetch_all(*, unit, year: int) -> dict[str, SourceResult]:
    return {key: fetch(key, unit=unit, year=year) for key in SOURCES}


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
