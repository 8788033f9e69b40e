"""Policy-library settings, each overridable in Django settings as GONGKAI_POLICIES_<NAME>.

Defaults follow shared/domain/portal-and-oversight.md §5.3 (有效期 5 年；暂行、试行 2 年；届满前 6 个月评估)
and §2.5 (`interpretation.sla`: 解读材料应于文件公开后 3 个工作日内发布, 国办发〔2016〕19号).
"""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"GONGKAI_POLICIES_{name}", default)


def default_validity_years() -> int:
    """有效期 of a 行政规范性文件 without its own term: 一般为 5 年 (§5.3)."""
    return int(_get("DEFAULT_VALIDITY_YEARS", 5))


def provisional_validity_years() -> int:
    """有效期 of a 暂行 / 试行 document: 2 年 (§5.3; Shandong allows 1 or 2, so configurable)."""
    return int(_get("PROVISIONAL_VALIDITY_YEARS", 2))


def provisional_markers() -> tuple[str, ...]:
    """Words in a title that make a document provisional (暂行办法、试行规定 …)."""
    return tuple(_get("PROVISIONAL_MARKERS", ("暂行", "试行")))


def kinds_with_validity_term() -> tuple[str, ...]:
    """Document kinds that get an automatic 有效期. 规章 are evaluated, not given a fixed term, by default."""
    return tuple(_get("KINDS_WITH_VALIDITY_TERM", ("normative",)))


def evaluation_lead_months() -> int:
    """评估 starts this many months before the 有效期 ends (届满前 6 个月内进行评估, §5.3)."""
    return int(_get("EVALUATION_LEAD_MONTHS", 6))


def interpretation_working_days() -> int:
    """解读材料应于文件公开后 3 个工作日内发布 (国办发〔2016〕19号, §2.5 `interpretation.sla`)."""
    return int(_get("INTERPRETATION_WORKING_DAYS", 3))


def registration_format() -> str:
    """Default 统一编号 format; placeholders {prefix} {year} {serial}. Huizhou prints “HFGS—2017—9” (§5.3)."""
    return str(_get("REGISTRATION_FORMAT", "{prefix}—{year}—{serial}"))


def registration_default_prefix_suffix() -> str:
    """Without a configured scheme the prefix is the government's region name plus this (江门市规)."""
    return str(_get("REGISTRATION_PREFIX_SUFFIX", "规"))


def gazette_name_format() -> str:
    """Title of a gazette, from the government's region name: 江门市人民政府公报."""
    return str(_get("GAZETTE_NAME_FORMAT", "{region}人民政府公报"))


def multi_form_min_forms() -> int:
    """A document counts as interpreted in several forms (多形式解读) with at least this many distinct forms."""
    return int(_get("MULTI_FORM_MIN_FORMS", 2))


def document_column() -> tuple[str, str]:
    """(slug, name) of the disclosure column that carries a unit's policy documents (条例第二十条第（一）项)."""
    return tuple(_get("DOCUMENT_COLUMN", ("zcwj", "政策文件")))


def interpretation_column() -> tuple[str, str]:
    """(slug, name) of the disclosure column that carries a unit's 政策解读."""
    return tuple(_get("INTERPRETATION_COLUMN", ("zcjd", "政策解读")))
