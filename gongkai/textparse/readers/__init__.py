"""Readers: bytes of one file format → the intermediate :class:`~gongkai.textparse.model.Document`.

``read_document`` sniffs the format from the bytes (magic numbers) first and the file name
second, so a .doc that is really a .docx, or a .txt that is really HTML, still reads.
"""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document, PlanParseError

MAX_BYTES = 20 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, filename: str) -> str:
    """Format name: txt, html, docx, xlsx, pdf, legacy (doc/xls/wps/et), ole-encrypted, zip."""
    ext = PurePath(filename or "").suffix.lower().lstrip(".")
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or ext in ("docx", "docm", "wpsx"):
            return "docx"
        if b"xl/" in data[:65536] or ext in ("xlsx", "xlsm", "etx"):
            return "xlsx"
        return "zip"
    if head.startswith(_OLE):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data[:200000]:
            return "ole-encrypted"
        return "legacy"
    if ext in ("doc", "wps", "xls", "et", "rtf"):
        return "legacy" if ext != "rtf" else "legacy"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ext in ("html", "htm", "xhtml", "shtml") or low.startswith((b"<!doctype html", b"<html", b"<?xml")) \
            or (b"<table" in data[:200000].lower() and b"</t" in data[:200000].lower() and ext not in ("txt",)):
        return "html"
    return "txt"


def read_document(data: bytes, filename: str) -> Document:
    if not data:
        raise PlanParseError("文件为空 (empty file)")
    if len(data) > MAX_BYTES:
        raise PlanParseError(f"文件超过 20 MB，拒绝解析 (file too large: {len(data) / 1048576:.1f} MB > 20 MB)")
    kind = sniff(data, filename)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data)
    if kind == "html":
        from .html import read_html

        return read_html(data)
    if kind == "ole-encrypted":
        raise PlanParseError("文档已加密，请先解除密码保护 (document is encrypted; remove the password first)")
    if kind == "legacy":
        from .office import convert_legacy

        converted, new_name = convert_legacy(data, filename)
        return read_document(converted, new_name)
    if kind == "zip":
        raise PlanParseError("不支持的压缩文件格式 (a zip archive that is neither .docx nor .xlsx)")
    from .text import read_text

    return read_text(data)
