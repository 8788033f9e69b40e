"""Triage aids: likely repeat applications (条例第三十六条第六项), the applicant's monthly count
(条例第三十五条; the 按件 position of 收费办法), and wording that reads as 信访/投诉/举报 (第三十九条)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from . import conf

# Words that suggest a petition, complaint or report rather than a request for existing information.
PETITION_WORDS = (
    "信访", "上访", "投诉", "举报", "检举", "控告", "申诉", "要求查处", "要求处理", "要求处罚", "责令", "追究",
    "赔偿", "违法违纪", "严肃处理", "请求调查", "给个说法", "维权",
)
REPEAT_SIMILARITY = 0.6


@dataclass(frozen=True)
class Flag:
    kind: str  # "repeat" | "monthly" | "petition"
    text: str
    ref: int | None = None  # the related case's pk

    def as_dict(self) -> dict:
        return asdict(self)


def petition_words(text: str) -> list[str]:
    return [w for w in PETITION_WORDS if w in (text or "")]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s，。、；：！？“”‘’（）()《》,.;:!?\"'-]", "", text or "")
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character bigrams; robust for short Chinese titles without segmentation."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def applicant_key(name: str, id_number: str) -> str:
    return (id_number or "").strip().upper() or re.sub(r"\s", "", name or "")


def triage_flags(*, text: str, monthly_position: int | None, earlier: list[tuple[int, str, str]]) -> list[Flag]:
    """`earlier`: (pk, case number, text) of the same applicant's earlier cases at this agency."""
    flags: list[Flag] = []
    words = petition_words(text)
    if words:
        flags.append(Flag("petition", f"内容含“{'”“'.join(words[:4])}”等字样，可能属于信访、投诉、举报（条例第三十九条）"))
    if monthly_position and monthly_position > conf.monthly_count_warning():
        flags.append(Flag("monthly", f"该申请人本月向本机关第{monthly_position}件申请（条例第三十五条；按件计收见收费办法）"))
    for pk, number, other in earlier:
        score = similarity(text, other)
        if score >= REPEAT_SIMILARITY:
            flags.append(Flag("repeat", f"与该申请人此前的申请{number}内容相似（相似度{score:.0%}），请核查是否重复申请", pk))
    return flags
