"""Public entry points: parse_file, parse_bytes, parse_text."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cover import drop_signatures, read_cover
from .layout import LayoutBuilder, spaced_tables
from .model import Document, ParsedPlan, PlanParseError
from .normalize import looks_garbled
from .readers import MAX_BYTES, read_document
from .readers.text import rows_from_text

Resolver = Callable[[str], dict[str, Any]]


def parse_file(path: str | os.PathLike[str], *, year: int | None = None, resolver: Resolver | None = None) -> ParsedPlan:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise PlanParseError(f"无法读取文件 (cannot read file): {p.name}: {exc.strerror or exc}")
    if p.is_dir():
        raise PlanParseError(f"这是目录，不是文件 (is a directory): {p.name}")
    if size > MAX_BYTES:
        raise PlanParseError(f"文件超过 20 MB，拒绝解析 (file too large: {size / 1048576:.1f} MB > 20 MB)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PlanParseError(f"无法读取文件 (cannot read file): {p.name}: {exc.strerror or exc}")
    return parse_bytes(data, filename=p.name, year=year, resolver=resolver)


def parse_bytes(data: bytes, *, filename: str, year: int | None = None,
                resolver: Resolver | None = None) -> ParsedPlan:
    try:
        doc = read_document(data, filename)
    except PlanParseError:
        raise
    except RecursionError:
        raise PlanParseError("文档结构过深，无法解析 (document nesting too deep)")
    except Exception as exc:  # noqa: BLE001 - any library failure on bad input becomes our error
        raise PlanParseError(f"文档损坏或格式不受支持 (corrupt or unsupported document): {type(exc).__name__}")
    return _parse_document(doc, year=year, resolver=resolver)


def parse_text(text: str, *, year: int | None = None, resolver: Resolver | None = None) -> ParsedPlan:
    if not isinstance(text, str):
        raise PlanParseError("parse_text 需要 str (parse_text expects str)")
    if not text.strip():
        raise PlanParseError("文件没有文字内容 (no text in the document)")
    return _parse_document(Document(rows_from_text(text)), year=year, resolver=resolver)


def _parse_document(doc: Document, *, year: int | None, resolver: Resolver | None) -> ParsedPlan:
    try:
        plan = _layout(doc, year)
    except PlanParseError:
        raise
    except RecursionError:
        raise PlanParseError("文档结构过深，无法解析 (document nesting too deep)")
    if resolver is not None:
        _resolve(plan, resolver)
    return plan


def _layout(doc: Document, year: int | None) -> ParsedPlan:
    doc.rows = spaced_tables(doc.rows)  # web tables pasted as text, in any format
    cover = read_cover(doc.rows)
    plan_year = year or cover.year
    builder = LayoutBuilder(plan_year)
    for row in drop_signatures(doc.rows[cover.body_start:]):
        builder.feed(row)
    tasks = builder.tasks()
    warnings = list(doc.warnings) + builder.warnings
    if plan_year is None:
        warnings.append("未能确定计划年度，无年份的日期不换算 (plan year unknown; dates without a year left unresolved)")
    if not tasks:
        warnings.append("未识别到任务 (no recognisable tasks in the document)")
    warnings.extend(_numbering_warnings(tasks))
    for task in tasks:
        if looks_garbled(task.text) or any(looks_garbled(n) for n in task.units.all_names()):
            where = f"任务 {task.no}" if task.no else f"第 {task.source.get('line', task.source.get('row', '?'))} 行"
            warnings.append(f"{where} 含疑似乱码，已按原样保留 (garbled characters kept as printed)")
    return ParsedPlan(title=cover.title, issuer=cover.issuer, doc_number=cover.doc_number, year=plan_year,
                      tasks=tasks, warnings=warnings)


def _numbering_warnings(tasks) -> list[str]:
    out: list[str] = []
    prev: int | None = None
    for task in tasks:
        if task.no is None or not (task.no.isascii() and task.no.isdigit()):  # ① is isdigit() too
            continue
        n = int(task.no)
        if prev is not None and n != 1 and n != prev + 1:
            if n > prev + 1:
                missing = ", ".join(str(k) for k in range(prev + 1, min(n, prev + 6)))
                out.append(f"编号不连续：缺少 {missing} (numbering gap: {missing} missing before {n})")
            elif n == prev:
                out.append(f"编号重复：{n} (duplicate number {n})")
        prev = n
    return out


def _resolve(plan: ParsedPlan, resolver: Resolver) -> None:
    cache: dict[str, dict[str, Any]] = {}
    unresolved: list[str] = []
    for task in plan.tasks:
        task.resolved = {}
        for role in ("lead", "responsible", "cooperate", "reference"):
            results = []
            for name in getattr(task.units, role):
                if name not in cache:
                    try:
                        cache[name] = dict(resolver(name))
                    except Exception as exc:  # noqa: BLE001 - a resolver failure must not lose the parse
                        cache[name] = {"kind": "unresolved", "name": name, "error": str(exc)}
                    if cache[name].get("kind") == "unresolved":
                        unresolved.append(name)
                results.append({"printed": name, **cache[name]})
            task.resolved[role] = results
    if unresolved:
        plan.warnings.append("未能匹配的单位 (unresolved units): " + "、".join(dict.fromkeys(unresolved)))
