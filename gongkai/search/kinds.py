"""The kinds of searchable documents (contract 3 of the briefing) and their Chinese labels."""

from django.db import models


class DocumentKind(models.TextChoices):
    ITEM = "item", "公开信息"  # disclosure.InformationItem
    POLICY = "policy", "政策文件"  # policies normative documents / 规范性文件
    INTERPRETATION = "interpretation", "政策解读"
    GAZETTE = "gazette", "政府公报"
    ANNUAL_REPORT = "annual_report", "年度报告"


def kind_label(code: str) -> str:
    """The Chinese label of a kind code; unknown codes (a new source) are shown as they are."""
    try:
        return DocumentKind(code).label
    except ValueError:
        return code
