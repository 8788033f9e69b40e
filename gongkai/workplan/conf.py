"""Settings of the task ledger, each overridable as settings.GONGKAI_WORKPLAN_<NAME>."""

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, f"GONGKAI_WORKPLAN_{name}", default)


def due_soon_days() -> int:
    """Calendar days before a deadline when an assignment counts as 即将到期 (working days when the plan says 工作日)."""
    return int(_get("DUE_SOON_DAYS", 7))


def plan_upload_max_bytes() -> int:
    return int(_get("PLAN_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


PLAN_EXTENSIONS = (".txt", ".docx", ".xlsx", ".html", ".htm", ".pdf")


def attachment_max_bytes() -> int:
    return int(_get("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def attachment_extensions() -> frozenset[str]:
    return frozenset(_get("ATTACHMENT_EXTENSIONS", {
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".jpg", ".jpeg", ".png", ".zip", ".txt",
    }))


def coverage_threshold() -> float:
    """Cosine similarity (jieba tokens) at or above which a child task counts as covering a parent task."""
    return float(_get("COVERAGE_THRESHOLD", 0.55))


def bulletin_doc_prefix() -> str:
    """Prefix of the 文号 of supervision bulletins, e.g. 公开办通报〔2026〕3号."""
    return str(_get("BULLETIN_DOC_PREFIX", "公开办通报"))


def default_rubric() -> dict:
    """Default 考核 weights (points out of 100). UNCONFIRMED: local practice varies (portal-and-oversight.md §7.4)."""
    return dict(_get("DEFAULT_RUBRIC", {"completion": 60, "timeliness": 25, "evidence": 15}))
