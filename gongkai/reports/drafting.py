"""First drafts of sections 一, 五 and 六, written from the platform's own figures for staff to edit.

Where the platform has no data, the draft holds a 【请填写：…】 prompt; a report still containing a
prompt cannot be approved or published (validation rule T2), so nothing generic slips through.
"""

from __future__ import annotations

from decimal import Decimal

from . import formats
from .formats import CARRIED_FORWARD, CARRIED_OVER, NEW_RECEIVED, TOTAL, TOTAL_PROCESSED
from .validation import PROMPT_RE

# Labels for keys other modules are likely to use in their fact dicts (unknown keys are shown as is).
KEY_LABELS = {
    "total": "合计", "count": "数量", "items": "信息", "published": "发布", "items_published": "主动公开信息",
    "by_column": "按栏目", "by_category": "按类别", "by_topic": "按主题", "columns": "栏目",
    "interpretations": "政策解读", "multi_form_rate": "多元化解读率", "on_time_rate": "按时解读率",
    "assigned": "任务数", "tasks_assigned": "任务数", "completed": "已完成", "tasks_completed": "已完成",
    "overdue": "逾期", "completion_rate": "完成率", "unfinished": "未完成事项", "stale_columns": "更新不及时栏目",
    "blank_columns": "空白栏目", "rules": "规章", "normative": "行政规范性文件", "issued": "制发", "repealed": "废止",
    "in_force": "现行有效",
}


def _label(key: str) -> str:
    return KEY_LABELS.get(key, key)


def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:.1%}" if 0 <= value <= 1 else f"{value:g}"
    return str(value)


def describe_facts(data) -> list[str]:
    """Readable lines for a fact dict of unknown shape: numbers, nested counts and lists of texts."""
    if not isinstance(data, dict):
        return [str(data)] if data not in (None, "") else []
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            parts = [f"{k} {_value(v)}" for k, v in value.items() if not isinstance(v, (dict, list))]
            if parts:
                lines.append(f"{_label(key)}：{'，'.join(parts)}")
        elif isinstance(value, list):
            texts = [str(v if not isinstance(v, dict) else v.get("text") or v.get("title") or v) for v in value]
            if texts:
                lines.append(f"{_label(key)}：{'；'.join(texts[:20])}")
        elif value not in (None, ""):
            lines.append(f"{_label(key)}：{_value(value)}")
    return lines


def _sum(section3: dict, rows: list[str]) -> int:
    return sum(section3[r][TOTAL] for r in rows)


def foi_paragraph(*, year: int, fmt: str, section3: dict, section4: dict) -> str:
    rows = [r.id for r in formats.section3_rows(fmt)]
    denied = [r for r in rows if r.startswith("denied_")]
    unable = [r for r in rows if r.startswith("unable_")]
    not_processed = [r for r in rows if r.startswith("np_")]
    other = [r for r in rows if r.startswith("other")]
    s3 = section3
    text = (
        f"{year}年，本机关新收政府信息公开申请{s3[NEW_RECEIVED][TOTAL]}件，上年结转{s3[CARRIED_OVER][TOTAL]}件；"
        f"本年度办结{s3[TOTAL_PROCESSED][TOTAL]}件，其中予以公开{s3['granted'][TOTAL]}件，"
        f"部分公开{s3['partial'][TOTAL]}件，不予公开{_sum(s3, denied)}件，无法提供{_sum(s3, unable)}件，"
        f"不予处理{_sum(s3, not_processed)}件，其他处理{_sum(s3, other)}件；结转下年度继续办理{s3[CARRIED_FORWARD][TOTAL]}件。"
    )
    reconsideration = section4["reconsideration"][TOTAL]
    litigation = section4["litigation_direct"][TOTAL] + section4["litigation_after_reconsideration"][TOTAL]
    if reconsideration or litigation:
        text += f"因政府信息公开工作被申请行政复议{reconsideration}件、被提起行政诉讼{litigation}件。"
    else:
        text += "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    return text


def section1_draft(*, year: int, fmt: str, section3: dict, section4: dict, sources: dict) -> str:
    disclosure = sources.get("disclosure")
    interpretations = sources.get("interpretations")
    active = []
    if disclosure and disclosure.get("available"):
        active += describe_facts(disclosure["data"])
    if interpretations and interpretations.get("available"):
        active += [f"政策解读 {line}" for line in describe_facts(interpretations["data"])]
    if active:
        active_text = f"{year}年，本机关通过政府信息公开平台主动公开政府信息。" + "；".join(active) + "。"
    else:
        active_text = "【请填写：本年度主动公开政府信息的数量、重点领域信息公开、政策解读和回应关切情况】"
    return "\n".join([
        "（一）主动公开",
        active_text,
        "（二）依申请公开",
        foi_paragraph(year=year, fmt=fmt, section3=section3, section4=section4),
        "（三）政府信息管理",
        "【请填写：政府信息公开属性源头认定、发布前保密审查、政策文件清理和动态更新等情况】",
        "（四）政府信息公开平台建设",
        "【请填写：政府信息公开专栏、政府网站、政务新媒体等平台的建设和管理情况】",
        "（五）监督保障",
        "【请填写：组织领导、制度建设、教育培训、考核监督等情况；人民政府报告还应写明工作考核、社会评议和责任追究结果情况】",
    ])


SECTION5_DRAFT = (
    "【请填写：本年度政府信息公开工作存在的主要问题（如“一是……二是……”），以及上一年度问题的改进情况和下一步改进措施】"
)


def section6_draft(*, year: int, fee_cases: int, fee_amount_yuan: Decimal | str, sources: dict) -> str:
    amount = Decimal(str(fee_amount_yuan))
    if fee_cases:
        fee = f"{year}年，本机关依据《政府信息公开信息处理费管理办法》收取信息处理费{fee_cases}件，共计{amount:.2f}元。"
    else:
        fee = f"{year}年，本机关未收取政府信息公开信息处理费。"
    plan = sources.get("workplan")
    if plan and plan.get("available") and plan.get("data"):
        lines = describe_facts(plan["data"])
        plan_text = "落实年度政务公开工作要点情况：" + "；".join(lines) + "。"
    else:
        plan_text = "【请填写：落实上级年度政务公开工作要点情况，人大代表建议和政协提案办理结果公开情况，以及其他需要报告的事项】"
    return "\n".join([fee, plan_text])


def prompts_left(texts: dict[str, str]) -> list[str]:
    return [m for text in texts.values() for m in PROMPT_RE.findall(text or "")]
