"""Older office formats (.doc .wps .xls .et): converted with LibreOffice in headless mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePath

from ..model import PlanParseError

INSTALL_HINT = "请安装 LibreOffice：apt-get install libreoffice-writer libreoffice-calc (install LibreOffice to read .doc/.wps/.xls/.et)"
_SHEETS = {"xls", "et", "ett", "xlt"}


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_legacy(data: bytes, filename: str) -> tuple[bytes, str]:
    """Convert to .docx or .xlsx and return (bytes, new filename)."""
    exe = soffice_path()
    if exe is None:
        raise PlanParseError(f"{PurePath(filename).suffix or '旧版 Office'} 需要 LibreOffice 转换；{INSTALL_HINT}")
    ext = PurePath(filename).suffix.lower().lstrip(".") or "doc"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data[:200000]:
        ext = "xls" if ext not in _SHEETS else ext
    target = "xlsx" if ext in _SHEETS else "docx"
    with tempfile.TemporaryDirectory(prefix="gongkai-lo-") as tmp:
        src = Path(tmp) / f"input.{ext}"
        src.write_bytes(data)
        env = dict(os.environ, HOME=tmp)  # a private profile: parallel conversions do not collide
        try:
            proc = subprocess.run(
                [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", target, "--outdir", tmp, str(src)],
                capture_output=True, timeout=120, env=env, check=False,
            )
        except subprocess.TimeoutExpired:
            raise PlanParseError("LibreOffice 转换超时 (LibreOffice conversion timed out)")
        out = Path(tmp) / f"input.{target}"
        if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            raise PlanParseError(f"LibreOffice 无法转换此文件，可能已损坏或加密 (LibreOffice could not convert {ext})")
        return out.read_bytes(), f"converted.{target}"
