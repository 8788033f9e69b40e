"""Settings of the annual-report module, each overridable as settings.GONGKAI_REPORTS_<NAME>."""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"GONGKAI_REPORTS_{name}", default)


def format_2021_first_year() -> int:
    """First report year in the 2021 format (§3.1: inferred from real reports, UNCONFIRMED)."""
    return int(_get("FORMAT_2021_FIRST_YEAR", 2021))


def department_due() -> tuple[int, int]:
    """条例第四十九条第一款: 县级以上人民政府部门 publish last year's report before 1月31日."""
    return tuple(_get("DEPARTMENT_DUE", (1, 31)))


def government_due() -> tuple[int, int]:
    """条例第四十九条第二款: the government's own report is published before 3月31日."""
    return tuple(_get("GOVERNMENT_DUE", (3, 31)))


def township_due() -> tuple[int, int]:
    """乡镇/街道 are not named in Art. 49; provinces usually ask for their reports with the departments'."""
    return tuple(_get("TOWNSHIP_DUE", (1, 31)))


def reminder_days() -> int:
    """How many days before a statutory date the dashboard and `gongkai report reminders` start warning."""
    return int(_get("REMINDER_DAYS", 30))


def similar_sentence_ratio() -> float:
    """Two sentences count as 雷同 at this shingle similarity or above."""
    return float(_get("SIMILAR_SENTENCE_RATIO", 0.8))


def similar_report_warning() -> float:
    """Share of a report's text found in another report above which the 内容雷同 warning is raised."""
    return float(_get("SIMILAR_REPORT_WARNING", 0.3))


def docx_fonts() -> dict[str, str]:
    """Fonts of the DOCX output (GB/T 9704 公文 conventions); readers' machines substitute missing ones."""
    return {
        "title": "方正小标宋简体", "heading": "黑体", "subheading": "楷体_GB2312", "body": "仿宋_GB2312",
        "table": "宋体", **_get("DOCX_FONTS", {}),
    }


def pdf_font_stack() -> str:
    return _get("PDF_FONT_STACK", '"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", serif')
