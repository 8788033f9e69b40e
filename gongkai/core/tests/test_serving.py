"""The production deployment as docs/deploy.md describes it: prod settings, migrate, collectstatic, then
gunicorn with deploy/gunicorn.conf.py serving pages and hashed static files. Run in subprocesses against a
database and a var directory of its own (never the test database, never the CI database)."""

import http.client
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.core import serving

BIN = Path(sys.executable).parent


def _get(port: int, path: str) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


@pytest.fixture
def production(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG") and k not in ("DB", "DJANGO_SETTINGS_MODULE")}
    env.update({
        "GONGKAI_SECRET_KEY": "s" * 50, "GONGKAI_ALLOWED_HOSTS": "127.0.0.1", "GONGKAI_SSL_REDIRECT": "0",
        "GONGKAI_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'gongkai.sqlite3'}",
        "GONGKAI_WORKERS": "2", "GONGKAI_LOG_LEVEL": "warning", "DJANGO_SETTINGS_MODULE": "gongkai.settings.prod",
    })
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([BIN / "gongkai", *command], env=env, cwd=serving.REPO_DIR, check=True, timeout=300)
    process, port = serving.start_gunicorn(env, tmp_path / "gunicorn.log")
    yield port
    assert serving.stop(process) == 0


def test_gunicorn_serves_the_public_site_and_its_static_files_with_production_settings(production):
    status, headers, body = _get(production, "/xxgk/")
    assert status == 200
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    page = body.decode()
    assert "政府信息公开" in page
    # collectstatic's manifest names the stylesheet by its content hash; whitenoise serves it for a year.
    stylesheet = re.search(r'href="(/static/css/gongkai\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "no hashed stylesheet link on the page"
    status, headers, body = _get(production, stylesheet.group(1))
    assert status == 200 and headers["content-type"].startswith("text/css") and body
    assert "immutable" in headers["cache-control"]
    status, _, body = _get(production, "/search/?q=%E5%85%AC%E5%BC%80")  # 公开
    assert status == 200 and "搜索" in body.decode()
    assert _get(production, "/xxgk/item/nope/")[0] == 404
