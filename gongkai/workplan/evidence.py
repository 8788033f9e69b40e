"""Evidence checks: attachment type and size (checked on the bytes, not the name alone), and the automatic
evidence of tasks bound to a disclosure column (contract 4: `disclosure.selectors.column_freshness`)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from gongkai.core.exceptions import DomainError

from . import conf

# Leading bytes of each accepted family; OOXML, OFD and zip are all zip containers, doc/xls/wps/et are OLE.
_SIGNATURES = {
    b"%PDF": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"PK\x03\x04": "application/zip",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "application/x-ole-storage",
}
_EXPECTED = {
    ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".docx": "application/zip", ".xlsx": "application/zip", ".zip": "application/zip", ".ofd": "application/zip",
    ".doc": "application/x-ole-storage", ".xls": "application/x-ole-storage", ".wps": "application/x-ole-storage",
    ".et": "application/x-ole-storage", ".txt": "text/plain",
}
_CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ofd": "application/ofd",
}


def sniff_attachment(*, name: str, data: bytes) -> str:
    """The content type of an evidence file, or DomainError when its size, extension or content is wrong."""
    lower = name.lower()
    ext = lower[lower.rfind("."):] if "." in lower else ""
    if ext not in conf.attachment_extensions():
        raise DomainError(f"附件“{name}”的格式不允许，可上传：{'、'.join(sorted(conf.attachment_extensions()))}")
    if not data:
        raise DomainError(f"附件“{name}”是空文件")
    limit = conf.attachment_max_bytes()
    if len(data) > limit:
        raise DomainError(f"附件“{name}”超过{limit // (1024 * 1024)}MB上限")
    expected = _EXPECTED.get(ext)
    if expected == "text/plain":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode("gb18030")
            except UnicodeDecodeError:
                raise DomainError(f"附件“{name}”不是文本文件")
        return "text/plain"
    actual = next((ctype for sig, ctype in _SIGNATURES.items() if data.startswith(sig)), None)
    if expected and actual != expected:
        raise DomainError(f"附件“{name}”的内容与扩展名不符，请上传原始文件")
    return _CONTENT_TYPES.get(ext, actual or "application/octet-stream")


STATUS_LABELS = {"ok": "按期更新", "stale": "未按期更新", "blank": "空白栏目", "undated": "无发布日期"}


def column_evidence(*, column_id: int, on: dt.date) -> dict:
    """A JSON snapshot of the bound column's freshness on `on`, or a note when it cannot be read."""
    try:
        from gongkai.disclosure.models import Column
        from gongkai.disclosure.selectors import column_freshness
    except ImportError:
        return {"error": "信息发布模块尚未提供栏目更新情况"}
    column = Column.objects.filter(pk=column_id).first()
    if column is None:
        return {"error": "绑定的栏目已不存在"}
    fresh = column_freshness(column=column, on=on)
    data = dataclasses.asdict(fresh) if dataclasses.is_dataclass(fresh) else dict(vars(fresh))
    out = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()
           if isinstance(v, (str, int, float, bool, dt.date, type(None)))}
    out["column"] = str(column)
    out["checked_on"] = on.isoformat()
    out["status_label"] = STATUS_LABELS.get(out.get("status", ""), out.get("status", ""))
    return out


def column_choices(unit_ids: list[int]) -> list[tuple[int, str]]:
    """Columns a task may be bound to (those of the task's units), empty when disclosure is not installed."""
    try:
        from gongkai.disclosure.models import Column
    except ImportError:
        return []
    qs = Column.objects.filter(unit_id__in=unit_ids, is_active=True).select_related("unit")
    return [(c.pk, f"{c.unit} · {c.name}") for c in qs.order_by("unit__path", "order")[:500]]
