"""Older office formats (.doc .wps .xls .et): converted with LibreOffice in headless mode.

LibreOffice runs in a process group of its own (``soffice`` is a shell script that starts
``oosplash``, which starts ``soffice.bin``): when a conversion runs past its time limit the
whole group is killed, so no ``soffice.bin`` is left behind holding CPU and a profile.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path, PurePath

from ..model import PlanParseError

INSTALL_HINT = "请安装 LibreOffice：apt-get install libreoffice-writer libreoffice-calc (install LibreOffice to read .doc/.wps/.xls/.et)"
_SHEETS = {"xls", "et", "ett", "xlt"}

# A plan converts in a few seconds; a file that LibreOffice cannot read may make it wait
# forever. The limit is read at each conversion, so a deployment can change it without code.
TIMEOUT_ENV = "GONGKAI_SOFFICE_TIMEOUT"
DEFAULT_TIMEOUT = 60.0  # seconds


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def conversion_timeout() -> float:
    """Seconds a conversion may take: ``$GONGKAI_SOFFICE_TIMEOUT`` if it is a positive number, else 60."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < math.inf else DEFAULT_TIMEOUT


def convert_legacy(data: bytes, filename: str) -> tuple[bytes, str]:
    """Convert to .docx or .xlsx and return (bytes, new filename).

    Raises PlanParseError when LibreOffice is missing, fails, or runs past
    :func:`conversion_timeout` (then it is killed with everything it started).
    """
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
        returncode = _run_group(
            [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", target, "--outdir", tmp, str(src)],
            env=env, timeout=conversion_timeout(),
        )
        out = Path(tmp) / f"input.{target}"
        if returncode != 0 or not out.exists() or out.stat().st_size == 0:
            raise PlanParseError(f"LibreOffice 无法转换此文件，可能已损坏或加密 (LibreOffice could not convert {ext})")
        return out.read_bytes(), f"converted.{target}"


def _run_group(args: list[str], *, env: dict[str, str], timeout: float) -> int:
    """Run ``args`` as the leader of a new process group and return its exit code.

    On a timeout (or an interrupt) the group is killed before the leader is reaped: while
    the leader is unreaped its id cannot name another group. Output is discarded, so no
    pipe is left for a surviving grandchild to hold open.
    """
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise PlanParseError(
            f"LibreOffice 转换超时（超过 {timeout:g} 秒），已终止；文件可能已损坏或过大，请另存为 .docx 或 .xlsx 后再试 "
            f"(LibreOffice conversion timed out after {timeout:g} s)"
        ) from None
    except BaseException:
        _kill_group(proc)
        raise


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:  # pragma: no cover - the group is gone already
        pass
    proc.wait()
