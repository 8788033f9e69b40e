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


def _pct(rate) -> str:
    return f"{rate:.1%}" if isinstance(rate, (int, float)) else "—"


def disclosure_sentence(year: int, data: dict) -> str:
    """From gongkai.disclosure.selectors.annual_facts (contract 4)."""
    if not isinstance(data, dict) or "total" not in data:
        return "；".join(describe_facts(data))
    text = f"{year}年，通过政府信息公开平台主动公开政府信息{data.get('total', 0)}条"
    if data.get("statutory") is not None:
        text += f"，其中法定主动公开内容{data['statutory']}条"
    text += "。"
    article20 = data.get("by_article20") or {}
    if article20:
        parts = [f"{v.get('label', k)}{v.get('count', 0)}条" for k, v in article20.items() if isinstance(v, dict)]
        text += "按《条例》第二十条分类：" + "、".join(parts) + "。"
    columns = sorted(data.get("by_column") or [], key=lambda c: -c.get("count", 0))[:8]
    if columns:
        text += "更新较多的栏目有：" + "、".join(f"{c.get('column')}{c.get('count', 0)}条" for c in columns) + "。"
    if data.get("withdrawn"):
        text += f"本年撤回已发布信息{data['withdrawn']}条。"
    return text


def interpretation_sentence(data: dict) -> str:
    """From gongkai.policies.selectors.interpretation_facts (contract 5)."""
    if not isinstance(data, dict) or "count" not in data:
        return "；".join(describe_facts(data))
    text = f"发布政策解读{data.get('count', 0)}篇，涉及政策文件{data.get('documents', 0)}件"
    if data.get("documents"):
        text += f"，多元化解读率{_pct(data.get('multi_form_rate'))}，按时解读率{_pct(data.get('on_time_rate'))}"
    by_form = data.get("by_form") or {}
    if by_form:
        text += "；解读形式包括" + "、".join(f"{k}{v}篇" for k, v in by_form.items())
    missing = data.get("missing")
    if missing:
        count = missing if isinstance(missing, int) else len(missing)
        text += f"；另有{count}件应解读文件尚未解读"
    return text + "。"


def workplan_sentence(year: int, data: dict) -> str:
    """From gongkai.workplan.selectors.plan_execution_summary (contract 6)."""
    if not isinstance(data, dict) or "tasks_assigned" not in data:
        return "落实年度政务公开工作要点情况：" + "；".join(describe_facts(data)) + "。"
    if not data.get("tasks_assigned"):
        return "【请填写：落实上级年度政务公开工作要点情况（平台未登记本单位的工作要点任务）】"
    text = (f"落实{year}年度政务公开工作要点情况：本机关承担工作任务{data['tasks_assigned']}项，已完成{data.get('completed', 0)}项，"
            f"完成率{data.get('completion_rate', 0)}%")
    if data.get("overdue"):
        text += f"，逾期{data['overdue']}项"
    unfinished = data.get("unfinished") or []
    if unfinished:
        text += "。尚未完成的任务：" + "；".join(str(t) for t in unfinished[:10])
        if len(unfinished) > 10:
            text += f"等{len(unfinished)}项"
    return text + "。"


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
        active.append(disclosure_sentence(year, disclosure["data"]))
    if interpretations and interpretations.get("available"):
        active.append(interpretation_sentence(interpretations["data"]))
    if active:
        active_text = "".join(active)
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
        plan_text = workplan_sentence(year, plan["data"])
    else:
        plan_text = "【请填写：落实上级年度政务公开工作要点情况，人大代表建议和政协提案办理结果公开情况，以及其他需要报告的事项】"
    return "\n".join([fee, plan_text])


def prompts_left(texts: dict[str, str]) -> list[str]:
    return [m for text in texts.values() for m in PROMPT_RE.findall(text or "")]
