"""Checks every uploaded file passes before it is stored: size, extension, and content sniffing."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

# Leading bytes of the formats we accept; a file whose content contradicts its extension is refused.
_SIGNATURES = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"], ".xlsx": [b"PK\x03\x04"], ".zip": [b"PK\x03\x04"], ".ofd": [b"PK\x03\x04"],
    ".doc": [b"\xd0\xcf\x11\xe0"], ".xls": [b"\xd0\xcf\x11\xe0"], ".wps": [b"\xd0\xcf\x11\xe0"],
    ".et": [b"\xd0\xcf\x11\xe0"],
    ".png": [b"\x89PNG"], ".jpg": [b"\xff\xd8\xff"], ".jpeg": [b"\xff\xd8\xff"],
}


def validate_upload(upload, *, allowed: set[str] | None = None, max_bytes: int | None = None) -> None:
    """Raise ValidationError (Chinese message) unless `upload` is an acceptable file."""
    allowed = allowed or settings.GONGKAI_UPLOAD_EXTENSIONS
    max_bytes = max_bytes or settings.GONGKAI_UPLOAD_MAX_BYTES
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in allowed:
        raise ValidationError(f"不支持的文件类型“{suffix or '无扩展名'}”，允许：{'、'.join(sorted(allowed))}")
    if upload.size == 0:
        raise ValidationError("文件是空的")
    if upload.size > max_bytes:
        raise ValidationError(f"文件过大（{upload.size / 1024 / 1024:.1f}MB），上限为{max_bytes // 1024 // 1024}MB")
    signatures = _SIGNATURES.get(suffix)
    if signatures:
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(sig) for sig in signatures):
            raise ValidationError(f"文件内容与扩展名“{suffix}”不符，可能已损坏或被改名")
