"""From an uploaded document to reviewed tasks: calling the plan parser (contract 7), resolving the
printed unit names against the directory, and diffing a re-import against the current plan.

Everything here is read-only; `services.draft_import_*` write.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, UnitGroup
from gongkai.organisations.resolver import normalise
from gongkai.organisations.selectors import subtree

from . import conf
from .models import ROLE_ORDER, AssignmentRole, Recurrence

ROLES = [r.value for r in ROLE_ORDER]
SKIP = "skip"
_WORKING_DAYS = re.compile(r"工作日")
_NAME_SPLIT = re.compile(r"[、，,；;\n]+")


def check_plan_upload(*, name: str, size: int) -> None:
    lower = name.lower()
    if not lower.endswith(conf.PLAN_EXTENSIONS):
        raise DomainError("不支持的文件格式：请上传 txt、docx、xlsx、html 或 pdf 文件（doc/wps 请先另存为 docx）")
    if size == 0:
        raise DomainError("上传的文件是空的")
    if size > conf.plan_upload_max_bytes():
        raise DomainError(f"文件超过{conf.plan_upload_max_bytes() // (1024 * 1024)}MB上限")


def parse_document(*, data: bytes, filename: str, year: int | None, resolver) -> dict:
    """Run the parser; returns its JSON (SCHEMA.md) or raises DomainError with the parser's message."""
    try:
        from gongkai.textparse import PlanParseError, parse_bytes
    except ImportError:  # the parser package is missing from this installation
        raise DomainError("方案解析组件不可用，请联系系统管理员")
    try:
        parsed = parse_bytes(data, filename=filename, year=year, resolver=resolver)
    except PlanParseError as exc:
        raise DomainError(f"无法解析该文件：{exc}")
    result = parsed.to_dict()
    if not result.get("tasks"):
        raise DomainError("没有从文件中识别出任何工作任务，请检查文件是否为工作要点或分工方案")
    return result


def document_text(data: bytes, filename: str) -> str:
    """The plain text of a text-like original, for showing tasks beside their source lines."""
    if not filename.lower().endswith(".txt"):
        return ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def source_excerpt(text: str, source: dict, context: int = 1) -> str:
    line = source.get("line") if source else None
    if not text or not line:
        return ""
    lines = text.splitlines()
    lo, hi = max(0, line - 1 - context), min(len(lines), line + context)
    return "\n".join(lines[lo:hi]).strip()


def describe_source(source: dict) -> str:
    if not source:
        return ""
    labels = {"line": "第{}行", "table": "表{}", "row": "第{}行", "cell": "第{}列", "page": "第{}页",
              "paragraph": "第{}段", "sheet": "工作表{}"}
    parts = [labels.get(k, k + "{}").format(v) for k, v in source.items() if isinstance(v, int)]
    return " ".join(parts)


# ----------------------------------------------------------------------------- unit names


@dataclass
class Target:
    """What a printed unit name was resolved or mapped to."""

    kind: str  # "unit" | "group" | "skip" | "unresolved" | "ambiguous"
    pk: int | None = None
    name: str = ""
    candidates: list[dict] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.kind}:{self.pk}" if self.kind in ("unit", "group") else self.kind

    @property
    def resolved(self) -> bool:
        return self.kind in ("unit", "group", SKIP)


def scope_choices(owner: Unit) -> list[tuple[str, str]]:
    """Units and groups a coordinator may pick for a name: everything in the owner's government subtree."""
    root = owner.government or owner
    units = subtree(root).filter(is_active=True).order_by("path", "order")
    groups = UnitGroup.objects.filter(owner__path__startswith=root.path).select_related("owner")
    choices = [(f"group:{g.pk}", f"【单位组】{g.name}") for g in groups]
    choices += [(f"unit:{u.pk}", ("　" * max(0, u.depth - root.depth)) + u.name) for u in units]
    return choices


def resolve_names(names: list[str], resolver, owner: Unit) -> dict[str, dict]:
    """printed name -> Target as dict, with candidate codes the coordinator can pick."""
    root = owner.government or owner
    by_label: dict[str, str] = {}
    for unit in subtree(root).filter(is_active=True):
        by_label.setdefault(unit.name, f"unit:{unit.pk}")
    for group in UnitGroup.objects.filter(owner__path__startswith=root.path):
        by_label.setdefault(group.name, f"group:{group.pk}")
    out: dict[str, dict] = {}
    for name in names:
        result = resolver(name)
        candidates = [
            {"code": by_label[c["name"]], "name": c["name"], "score": c.get("score", 0)}
            for c in result.get("candidates", []) if c["name"] in by_label
        ]
        out[name] = {"kind": result["kind"], "pk": result.get("id"), "name": result.get("name", name),
                     "candidates": candidates}
    return out


def target_for(name: str, resolutions: dict, mapping: dict) -> Target:
    chosen = mapping.get(name)
    if chosen:
        if chosen == SKIP:
            return Target(SKIP, name="暂不分配")
        kind, _, pk = chosen.partition(":")
        return Target(kind, int(pk), name=resolutions.get(name, {}).get("chosen_label", ""))
    info = resolutions.get(name) or {"kind": "unresolved"}
    return Target(info["kind"], info.get("pk"), info.get("name", name), info.get("candidates", []))


def split_names(text: str) -> list[str]:
    return [n.strip() for n in _NAME_SPLIT.split(text or "") if n.strip()]


# ----------------------------------------------------------------------------- review rows


def initial_review(parse: dict) -> dict:
    """The editable copy of the parse: one entry per task, all included."""
    tasks = []
    for i, task in enumerate(parse.get("tasks", [])):
        tasks.append({
            "key": i,
            "include": True,
            "no": task.get("no") or "",
            "section": list(task.get("section") or []),
            "text": task.get("text") or "",
            "units": {r: list((task.get("units") or {}).get(r, [])) for r in ROLES},
            "deadline": task.get("deadline"),
            "deadline_text": task.get("deadline_text") or "",
            "recurrence": task.get("recurrence") or "",
            "recurrence_min_count": task.get("recurrence_min_count"),
            "source": task.get("source") or {},
        })
    return {"tasks": tasks, "mapping": {}, "title": parse.get("title") or "", "issuer": parse.get("issuer") or "",
            "doc_number": parse.get("doc_number") or "", "year": parse.get("year")}


def all_printed_names(review: dict) -> list[str]:
    seen: dict[str, None] = {}
    for task in review["tasks"]:
        if not task.get("include", True):
            continue
        for role in ROLES:
            for name in task["units"].get(role, []):
                seen.setdefault(name, None)
    return list(seen)


def validate_task_fields(task: dict) -> list[str]:
    errors = []
    if not task["text"].strip():
        errors.append("任务内容不能为空")
    if task.get("deadline"):
        try:
            dt.date.fromisoformat(task["deadline"])
        except ValueError:
            errors.append(f"完成时限“{task['deadline']}”不是有效日期")
    if task.get("recurrence") and task["recurrence"] not in Recurrence.values:
        errors.append("周期无效")
    count = task.get("recurrence_min_count")
    if count not in (None, "") and (not str(count).isdigit() or int(count) < 1):
        errors.append("每期至少更新次数应为正整数")
    return errors


def in_working_days(task: dict) -> bool:
    return bool(_WORKING_DAYS.search(task.get("deadline_text") or "") or _WORKING_DAYS.search(task.get("text") or ""))


def strongest_roles(pairs: list[tuple[int, str]]) -> dict[int, str]:
    """A unit named in several roles keeps the strongest (牵头 > 责任 > 配合 > 参照)."""
    rank = {r.value: i for i, r in enumerate(ROLE_ORDER)}
    out: dict[int, str] = {}
    for pk, role in pairs:
        if pk not in out or rank[role] < rank[out[pk]]:
            out[pk] = role
    return out


ROLE_LABELS = dict(AssignmentRole.choices)


# ----------------------------------------------------------------------------- diff


def _norm_text(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text or ""))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm_text(a), _norm_text(b), autojunk=False).ratio()


@dataclass
class TaskChange:
    kind: str  # "added" | "removed" | "changed" | "same"
    old: object | None  # Task
    new: dict | None  # review task
    fields: list[tuple[str, str, str]] = field(default_factory=list)


def _field_changes(old, new: dict) -> list[tuple[str, str, str]]:
    changes = []
    pairs = [
        ("序号", old.no or "", new.get("no") or ""),
        ("具体要求", old.text, new["text"]),
        ("章节", " / ".join(old.section.path) if old.section_id else "", " / ".join(new["section"])),
        ("完成时限", old.deadline.isoformat() if old.deadline else "", new.get("deadline") or ""),
        ("时限原文", old.deadline_text or "", new.get("deadline_text") or ""),
        ("周期", old.recurrence or "", new.get("recurrence") or ""),
        ("责任单位", _units_label(old.printed_units), _units_label(new["units"])),
    ]
    for label, a, b in pairs:
        if _norm_text(a) != _norm_text(b):
            changes.append((label, a, b))
    return changes


def _units_label(units: dict) -> str:
    return "；".join(f"{ROLE_LABELS[r]}：{'、'.join(units.get(r, []))}" for r in ROLES if units.get(r))


def diff_tasks(old_tasks: list, new_tasks: list[dict], threshold: float = 0.6) -> list[TaskChange]:
    """Match the plan's active tasks with the re-imported ones: identical text first, then the most similar
    text above `threshold`; what is left over was added or removed."""
    remaining = list(old_tasks)
    matched: dict[int, object] = {}
    by_text: dict[str, list] = {}
    for task in remaining:
        by_text.setdefault(_norm_text(task.text), []).append(task)
    for i, new in enumerate(new_tasks):
        bucket = by_text.get(_norm_text(new["text"]))
        if bucket:
            task = bucket.pop(0)
            matched[i] = task
            remaining.remove(task)
    for i, new in enumerate(new_tasks):
        if i in matched or not remaining:
            continue
        best = max(remaining, key=lambda t: similarity(t.text, new["text"]))
        if similarity(best.text, new["text"]) >= threshold:
            matched[i] = best
            remaining.remove(best)
    changes: list[TaskChange] = []
    for i, new in enumerate(new_tasks):
        old = matched.get(i)
        if old is None:
            changes.append(TaskChange("added", None, new))
        else:
            fields = _field_changes(old, new)
            changes.append(TaskChange("changed" if fields else "same", old, new, fields))
    changes.extend(TaskChange("removed", task, None) for task in remaining)
    return changes


def summarise_changes(changes: list[TaskChange]) -> dict:
    count = {k: sum(1 for c in changes if c.kind == k) for k in ("added", "removed", "changed", "same")}
    return {
        **count,
        "lines": [
            {"kind": c.kind, "text": (c.new or {}).get("text") if c.new else c.old.text,
             "fields": [list(f) for f in c.fields]}
            for c in changes if c.kind != "same"
        ],
    }
