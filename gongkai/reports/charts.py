"""Charts of a report (PNG, matplotlib): applications by month, outcomes, applicant types, year on year.

Drawn from the report's frozen snapshot, so a published report's charts never change. CJK text needs
a CJK font (ENVIRONMENT.md §1: Noto Sans CJK SC, with axes.unicode_minus off).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from . import formats  # noqa: E402
from .formats import TOTAL  # noqa: E402

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"],
    "axes.unicode_minus": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
RED, GREY, BLUE = "#b7181f", "#9aa3ad", "#1d5fb4"
NAMES = ("monthly", "outcomes", "applicants", "trend")


@dataclass
class Chart:
    name: str
    title: str
    alt: str  # the data in words, for screen readers and the DOCX
    png: bytes


def outcome_groups(fmt: str, section3: dict) -> list[tuple[str, int]]:
    groups = [("予以公开", ["granted"]), ("部分公开", ["partial"])]
    rows = [r.id for r in formats.section3_rows(fmt)]
    groups += [
        ("不予公开", [r for r in rows if r.startswith("denied_")]),
        ("无法提供", [r for r in rows if r.startswith("unable_")]),
        ("不予处理", [r for r in rows if r.startswith("np_")]),
        ("其他处理", [r for r in rows if r.startswith("other")]),
    ]
    return [(label, sum(section3[r][TOTAL] for r in ids)) for label, ids in groups]


def _render(draw, size=(6.4, 3.2)) -> bytes:
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=size, dpi=110)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        draw(ax)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _label_bars(ax, bars, values):
    for bar, value in zip(bars, values, strict=True):
        if value:
            ax.annotate(str(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                        fontsize=8, xytext=(0, 2), textcoords="offset points")


def monthly_chart(year: int, months: list[int]) -> Chart:
    labels = [f"{m}月" for m in range(1, 13)]

    def draw(ax):
        bars = ax.bar(labels, months, color=RED)
        _label_bars(ax, bars, months)
        ax.set_title(f"{year}年各月新收政府信息公开申请（件）", fontsize=11)
        ax.yaxis.get_major_locator().set_params(integer=True)

    alt = "各月新收申请：" + "，".join(f"{label}{n}件" for label, n in zip(labels, months, strict=True))
    return Chart("monthly", "各月新收申请", alt, _render(draw))


def outcomes_chart(fmt: str, section3: dict) -> Chart:
    groups = outcome_groups(fmt, section3)

    def draw(ax):
        labels = [g for g, _ in groups][::-1]
        values = [n for _, n in groups][::-1]
        bars = ax.barh(labels, values, color=BLUE)
        for bar, value in zip(bars, values, strict=True):
            ax.annotate(str(value), (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=8,
                        xytext=(3, 0), textcoords="offset points")
        ax.set_title("本年度办理结果（件）", fontsize=11)
        ax.xaxis.get_major_locator().set_params(integer=True)

    alt = "本年度办理结果：" + "，".join(f"{g}{n}件" for g, n in groups)
    return Chart("outcomes", "办理结果", alt, _render(draw))


def applicants_chart(section3: dict) -> Chart:
    pairs = [(label, section3[formats.NEW_RECEIVED][cid]) for cid, label in formats.APPLICANT_COLUMNS if cid != TOTAL]

    def draw(ax):
        labels = [label for label, _ in pairs]
        values = [n for _, n in pairs]
        bars = ax.bar(labels, values, color=[RED] + [GREY] * 5)
        _label_bars(ax, bars, values)
        ax.set_title("本年新收申请的申请人类型（件）", fontsize=11)
        ax.yaxis.get_major_locator().set_params(integer=True)

    alt = "新收申请的申请人类型：" + "，".join(f"{label}{n}件" for label, n in pairs)
    return Chart("applicants", "申请人类型", alt, _render(draw))


def trend_chart(trend: list[dict]) -> Chart:
    def draw(ax):
        years = [str(t["year"]) for t in trend]
        x = range(len(years))
        width = 0.38
        new = [t["new_received"] for t in trend]
        done = [t["total_processed"] for t in trend]
        b1 = ax.bar([i - width / 2 for i in x], new, width, color=RED, label="新收申请")
        b2 = ax.bar([i + width / 2 for i in x], done, width, color=GREY, label="办结申请")
        _label_bars(ax, b1, new)
        _label_bars(ax, b2, done)
        ax.set_xticks(list(x), [f"{y}年" for y in years])
        ax.legend(fontsize=8, frameon=False)
        ax.set_title("近年申请数量对比（件）", fontsize=11)
        ax.yaxis.get_major_locator().set_params(integer=True)

    alt = "近年对比：" + "；".join(f"{t['year']}年新收{t['new_received']}件、办结{t['total_processed']}件" for t in trend)
    return Chart("trend", "年度对比", alt, _render(draw))


def report_charts(report) -> list[Chart]:
    if report.pk is None or report.updated_at is None:  # an unsaved (CLI preview) report: nothing to key on
        return build_charts(report)
    return list(_cached_charts(report.pk, report.updated_at.isoformat(), _Frozen(report)))


class _Frozen:
    """Carries the report into the cache without making it part of the key."""

    def __init__(self, report):
        self.report = report

    def __hash__(self):
        return 0

    def __eq__(self, other):
        return isinstance(other, _Frozen)


@lru_cache(maxsize=64)
def _cached_charts(pk, stamp, frozen: _Frozen) -> tuple[Chart, ...]:
    return tuple(build_charts(frozen.report))


def build_charts(report) -> list[Chart]:
    stats = report.statistics or {}
    section3 = report.section3
    return [
        monthly_chart(report.year, stats.get("monthly_received") or [0] * 12),
        outcomes_chart(report.format, section3),
        applicants_chart(section3),
        trend_chart(stats.get("trend") or [{"year": report.year, "new_received": section3[formats.NEW_RECEIVED][TOTAL],
                                             "total_processed": section3[formats.TOTAL_PROCESSED][TOTAL]}]),
    ]
