"""Consistent snapshots of the database and the uploaded files in one archive, and their restore.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL with
pg_dump in custom format, restored with pg_restore --clean. Uploads are stored beside it. The archive
is a .tar.gz with a manifest.json describing what it holds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from .exceptions import DomainError

FORMAT_VERSION = 1


def _pg_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update({"PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or ""),
                "PGUSER": str(db.get("USER") or ""), "PGPASSWORD": str(db.get("PASSWORD") or ""),
                "PGDATABASE": str(db["NAME"])})
    return env


def _run(args: list[str]) -> None:
    if shutil.which(args[0]) is None:
        raise DomainError(f"找不到 {args[0]}，请安装 postgresql-client")
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise DomainError(f"{args[0]} 失败：{result.stderr.strip()[:500]}")


def create_backup(target: Path) -> Path:
    target = Path(target)
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if vendor == "sqlite":
            connection.ensure_connection()
            dest = sqlite3.connect(tmp_path / "database.sqlite3")
            with dest:
                connection.connection.backup(dest)
            dest.close()
            db_file = "database.sqlite3"
        elif vendor == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(tmp_path / "database.pgdump")])
            db_file = "database.pgdump"
        else:
            raise DomainError(f"不支持备份此数据库：{vendor}")
        manifest = {
            "format": FORMAT_VERSION, "vendor": vendor, "database": db_file,
            "created_at": dt.datetime.now(dt.UTC).isoformat(), "uploads": "uploads",
        }
        (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(tmp_path / "manifest.json", arcname="manifest.json")
            archive.add(tmp_path / db_file, arcname=db_file)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="uploads")
    return target


def restore_backup(source: Path) -> dict:
    source = Path(source)
    if not source.exists():
        raise DomainError(f"备份文件不存在：{source}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(tmp_path, filter="data")
            manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
        except (tarfile.TarError, OSError, ValueError) as exc:
            raise DomainError(f"备份文件已损坏或格式不对：{exc}")
        if manifest.get("format") != FORMAT_VERSION:
            raise DomainError("备份文件版本不受支持")
        if manifest["vendor"] != connection.vendor:
            raise DomainError(f"备份来自 {manifest['vendor']}，当前数据库是 {connection.vendor}，不能直接恢复")
        db_path = tmp_path / manifest["database"]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            src = sqlite3.connect(db_path)
            with src:
                src.backup(connection.connection)
            src.close()
        else:
            connection.close()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--dbname", str(connection.settings_dict["NAME"]), str(db_path)])
        media = Path(settings.MEDIA_ROOT)
        uploads = tmp_path / "uploads"
        if media.exists():
            shutil.rmtree(media)
        if uploads.exists():
            shutil.copytree(uploads, media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return manifest
