"""Plan cascade (逐级分解): draft a unit's own plan from its parent plan, and check a child plan's coverage
of the parent tasks that fall to the unit (portal-and-oversight.md §7.4: 国办 → 省 → 市/区 分解表, each unit
"制定并公开本部门政务公开重点任务清单").

Coverage uses text similarity: both texts are normalised to simplified characters, cut with jieba, and
compared as term-frequency vectors (cosine) — Jaccard of the token sets is shown beside it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, User
from gongkai.organisations.resolver import normalise

from . import conf
from .models import Assignment, AssignmentRole, Plan, PlanStatus, Section, Task

_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z0-9]{2,}")
STOPWORDS = frozenset("做好 加强 进一步 有关 相关 工作 信息 各级 要求 按照 及时 积极 推进 持续 深化 开展 落实 切实 "
                      "加大 力度 公开 政务 单位 部门 方面 以及 主动 情况".split())


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    import jieba

    jieba.setLogLevel(60)
    simplified = normalise(text)
    words = [w for w in jieba.lcut(simplified) if _WORD.fullmatch(w) and w not in STOPWORDS]
    return tuple(words)


def cosine(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    ca, cb = Counter(a), Counter(b)
    dot = sum(ca[w] * cb[w] for w in ca.keys() & cb.keys())
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def jaccard(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def relevant_parent_tasks(*, parent: Plan, unit: Unit) -> list[Task]:
    """Parent tasks that fall to `unit`: assigned to it (directly or through a group it belongs to) or to a
    government above it (a 区民政局 carries out what the city plan gives 各市（区）政府)."""
    ids = [unit.pk, *unit.ancestor_ids()]
    return list(
        parent.tasks.filter(is_active=True, assignments__unit_id__in=ids, assignments__is_active=True)
        .select_related("section").distinct().order_by("order")
    )


@transaction.atomic
def child_plan_draft(*, parent: Plan, unit: Unit, by: User) -> Plan:
    """A draft of the unit's own plan: the parent tasks falling to it, with the unit responsible."""
    tasks = relevant_parent_tasks(parent=parent, unit=unit)
    if not tasks:
        raise DomainError(f"《{parent.title}》中没有分配给{unit}或其所属政府的任务")
    title = f"{unit.name}{parent.year}年政务公开工作要点分工方案"
    plan = Plan.objects.create(owner=unit, title=title, issuer=unit.name, year=parent.year, status=PlanStatus.DRAFT,
                               parent=parent, created_by=by)
    sections: dict[tuple, Section] = {}
    for order, task in enumerate(tasks, start=1):
        path = tuple(task.section.path) if task.section_id else ()
        if path and path not in sections:
            sections[path] = Section.objects.create(plan=plan, path=list(path), title=path[-1][:300],
                                                    order=len(sections) + 1)
        new = Task.objects.create(
            plan=plan, section=sections.get(path), no=str(order), order=order, text=task.text, deadline=task.deadline,
            deadline_text=task.deadline_text, deadline_in_working_days=task.deadline_in_working_days,
            recurrence=task.recurrence, recurrence_min_count=task.recurrence_min_count,
            printed_units={"responsible": [unit.name]}, source={"parent_task": task.pk},
        )
        Assignment.objects.create(task=new, unit=unit, role=AssignmentRole.RESPONSIBLE, printed_name=unit.name)
    return plan


@dataclass
class CoverageRow:
    parent_task: Task
    child_task: Task | None
    cosine: float
    jaccard: float
    covered: bool


def coverage(*, parent: Plan, child: Plan, unit: Unit | None = None) -> list[CoverageRow]:
    """For each parent task falling to the child's owner, its most similar child task and whether it counts."""
    unit = unit or child.owner
    threshold = conf.coverage_threshold()
    child_tasks = list(child.tasks.filter(is_active=True).select_related("section").order_by("order"))
    rows = []
    for task in relevant_parent_tasks(parent=parent, unit=unit):
        tt = tokens(task.text)
        best, best_cos, best_jac = None, 0.0, 0.0
        for candidate in child_tasks:
            ct = tokens(candidate.text)
            cos = cosine(tt, ct)
            if cos > best_cos:
                best, best_cos, best_jac = candidate, cos, jaccard(tt, ct)
        rows.append(CoverageRow(task, best, round(best_cos, 3), round(best_jac, 3), best_cos >= threshold))
    return rows
