"""考核: per-unit scores for a plan year from a configurable rubric, explainable line by line.

Score = completion weight × 已完成/应完成 + timeliness weight × 按时完成/应完成 + evidence weight × 有佐证/应完成
        − deductions + bonuses, floored at 0; 不适用 assignments (with their reasons) are left out of 应完成.
A veto item (一票否决) sets the result to 不合格 whatever the score, as in 国办秘函〔2019〕19号 (单项否决:
"不合格，其他指标不再评分") — portal-and-oversight.md §2.1; the rubric itself is local practice (§7.4).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from openpyxl import Workbook

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, User

from . import conf
from .models import AdjustmentKind, Assignment, Plan, Rubric, ScoreAdjustment
from .selectors import unit_stats

CENT = Decimal("0.01")


def _q(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class ScoreLine:
    label: str
    points: Decimal
    explanation: str


@dataclass
class UnitScore:
    unit_id: int
    unit_name: str
    lines: list[ScoreLine] = field(default_factory=list)
    vetoes: list[str] = field(default_factory=list)
    total: Decimal = Decimal("0")
    rank: int = 0
    passed: bool = True

    @property
    def grade(self) -> str:
        if self.vetoes:
            return "不合格（一票否决）"
        return "合格" if self.passed else "不合格"


def rubric_for(plan: Plan) -> Rubric:
    rubric = Rubric.objects.filter(plan=plan).first()
    if rubric is None:
        weights = conf.default_rubric()
        rubric = Rubric.objects.create(plan=plan, weight_completion=weights["completion"],
                                       weight_timeliness=weights["timeliness"], weight_evidence=weights["evidence"])
    return rubric


@transaction.atomic
def rubric_update(*, rubric: Rubric, completion: Decimal, timeliness: Decimal, evidence: Decimal,
                  pass_mark: Decimal) -> Rubric:
    weights = [completion, timeliness, evidence]
    if any(w < 0 for w in weights):
        raise DomainError("权重不能为负数")
    if sum(weights) != Decimal("100"):
        raise DomainError(f"三项权重之和应为100分，目前为{sum(weights)}分")
    if not Decimal("0") <= pass_mark <= Decimal("100"):
        raise DomainError("合格分应在0到100之间")
    rubric.weight_completion, rubric.weight_timeliness, rubric.weight_evidence = weights
    rubric.pass_mark = pass_mark
    rubric.save()
    return rubric


@transaction.atomic
def score_adjustment_create(*, rubric: Rubric, unit: Unit, kind: str, points: Decimal, reason: str,
                            by: User) -> ScoreAdjustment:
    if kind not in AdjustmentKind.values:
        raise DomainError("类型无效")
    if not reason.strip():
        raise DomainError("加分、扣分和否决都必须写明理由")
    if not Assignment.objects.filter(task__plan=rubric.plan, unit=unit, is_active=True).exists():
        raise DomainError(f"{unit}不在本方案的分工中")
    if kind != AdjustmentKind.VETO and points <= 0:
        raise DomainError("分值应大于0")
    return ScoreAdjustment.objects.create(rubric=rubric, unit=unit, kind=kind,
                                          points=points if kind != AdjustmentKind.VETO else 0,
                                          reason=reason.strip(), entered_by=by)


@transaction.atomic
def score_adjustment_delete(*, adjustment: ScoreAdjustment) -> None:
    adjustment.delete()


def compute_scores(*, plan: Plan, as_of: dt.date) -> list[UnitScore]:
    rubric = rubric_for(plan)
    adjustments: dict[int, list[ScoreAdjustment]] = {}
    for adj in rubric.adjustments.all():
        adjustments.setdefault(adj.unit_id, []).append(adj)
    scores = []
    for stat in unit_stats(plan, as_of=as_of):
        score = UnitScore(stat.unit_id, stat.unit_name)
        base = stat.applicable
        if base:
            c = _q(rubric.weight_completion * stat.done / base)
            t = _q(rubric.weight_timeliness * stat.on_time / base)
            e = _q(rubric.weight_evidence * stat.with_evidence / base)
        else:  # everything 不适用: nothing to complete, full marks for the measured part
            c, t, e = _q(rubric.weight_completion), _q(rubric.weight_timeliness), _q(rubric.weight_evidence)
        na = f"（{stat.not_applicable}项不适用不计）" if stat.not_applicable else ""
        score.lines += [
            ScoreLine("完成情况", c, f"已完成{stat.done}项 / 应完成{base}项{na} × {rubric.weight_completion}分 = {c}分"),
            ScoreLine("按时完成", t, f"按时完成{stat.on_time}项 / 应完成{base}项 × {rubric.weight_timeliness}分 = {t}分"),
            ScoreLine("佐证材料", e, f"有佐证{stat.with_evidence}项 / 应完成{base}项 × {rubric.weight_evidence}分 = {e}分"),
        ]
        for adj in adjustments.get(stat.unit_id, []):
            if adj.kind == AdjustmentKind.DEDUCTION:
                score.lines.append(ScoreLine("扣分", -_q(adj.points), adj.reason))
            elif adj.kind == AdjustmentKind.BONUS:
                score.lines.append(ScoreLine("加分", _q(adj.points), adj.reason))
            else:
                score.vetoes.append(adj.reason)
                score.lines.append(ScoreLine("一票否决", Decimal("0"), adj.reason))
        score.total = max(Decimal("0"), sum((line.points for line in score.lines), Decimal("0")))
        score.passed = not score.vetoes and score.total >= rubric.pass_mark
        scores.append(score)
    scores.sort(key=lambda s: (bool(s.vetoes), -s.total, s.unit_name))
    rank, previous = 0, None
    for i, score in enumerate(scores, start=1):
        key = (bool(score.vetoes), score.total)
        if key != previous:
            rank, previous = i, key
        score.rank = rank
    return scores


def scores_xlsx(*, plan: Plan, scores: list[UnitScore]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "考核结果"
    ws.append(["排名", "单位", "总分", "结果", "完成情况", "按时完成", "佐证材料", "加减分"])
    for s in scores:
        base = {line.label: line.points for line in s.lines[:3]}
        adjust = sum((line.points for line in s.lines[3:]), Decimal("0"))
        ws.append([s.rank, s.unit_name, float(s.total), s.grade, float(base["完成情况"]), float(base["按时完成"]),
                   float(base["佐证材料"]), float(adjust)])
    detail = wb.create_sheet("得分明细")
    detail.append(["单位", "项目", "得分", "计算依据/理由"])
    for s in scores:
        for line in s.lines:
            detail.append([s.unit_name, line.label, float(line.points), line.explanation])
    for sheet, widths in ((ws, [6, 30, 10, 18, 10, 10, 10, 10]), (detail, [30, 12, 10, 80])):
        for col, width in zip("ABCDEFGH", widths, strict=False):
            sheet.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
