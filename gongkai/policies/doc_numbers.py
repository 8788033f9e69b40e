"""发文字号 (文号): parse, validate and normalise.

The 党政机关公文格式 (GB/T 9704-2012 §7.2.4) writes a 发文字号 as 机关代字 + 年份 + 发文顺序号, the year in
六角括号 〔〕 and the number without leading zeros or 第: 江府〔2025〕3号. Documents as people type them use
[2025], （2025）, (2025), 【2025】 or ［2025］, and 03号 or 第3号; we accept those and store the standard form.
规章 are numbered by 政府令 instead (江门市人民政府令第5号), which has no year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongkai.core.exceptions import DomainError

OPEN_BRACKETS = "〔[［(（【﹝〖"
CLOSE_BRACKETS = "〕]］)）】﹞〗"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_YEARED = re.compile(
    rf"^(?P<organ>[^\d{re.escape(OPEN_BRACKETS)}]+?)\s*[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(CLOSE_BRACKETS)}]\s*第?\s*(?P<serial>\d+)\s*号$"
)
_DECREE = re.compile(r"^(?P<organ>\S*?令)\s*第?\s*(?P<serial>\d+)\s*号$")
EARLIEST_YEAR = 1949


@dataclass(frozen=True)
class DocNumber:
    organ_code: str  # 机关代字, e.g. 江府 / 江府函 / 江门市人民政府令
    year: int | None  # None for a 政府令 number
    serial: int

    @property
    def text(self) -> str:
        if self.year is None:
            return f"{self.organ_code}第{self.serial}号"
        return f"{self.organ_code}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.text


def parse_doc_number(raw: str, *, today: dt.date | None = None) -> DocNumber:
    """Parse a 文号 in any common bracket style; raise DomainError with a Chinese message if it is not one."""
    text = re.sub(r"\s+", " ", (raw or "").translate(FULLWIDTH_DIGITS)).strip()
    if not text:
        raise DomainError("请填写发文字号")
    match = _YEARED.match(text)
    if match:
        organ = match["organ"].strip()
        year, serial = int(match["year"]), int(match["serial"])
        latest = (today or dt.date.today()).year + 1
        if not EARLIEST_YEAR <= year <= latest:
            raise DomainError(f"发文字号“{raw}”中的年份{year}不合理（应在{EARLIEST_YEAR}—{latest}年之间）")
    else:
        match = _DECREE.match(text)
        if not match:
            raise DomainError(
                f"无法识别发文字号“{raw}”：应为“机关代字〔年份〕序号号”（如 江府〔2025〕3号）或“××令第5号”"
            )
        organ, year, serial = match["organ"].strip(), None, int(match["serial"])
    if serial <= 0:
        raise DomainError(f"发文字号“{raw}”中的序号应为正整数")
    if re.search(r"[\s〔〕\[\]（）()]", organ):
        raise DomainError(f"发文字号“{raw}”中的机关代字“{organ}”含有空格或括号")
    return DocNumber(organ_code=organ, year=year, serial=serial)


def normalise_doc_number(raw: str, *, today: dt.date | None = None) -> str:
    """The standard written form of a 文号 (江府〔2025〕3号); an empty input stays empty."""
    if not (raw or "").strip():
        return ""
    return parse_doc_number(raw, today=today).text
