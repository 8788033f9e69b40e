import os
import subprocess
import sys

import pytest
from django.urls import reverse


def _login(client, password):
    return client.post(reverse("login"), {"username": "fgj", "password": password}, REMOTE_ADDR="10.0.0.9")


def test_login_lands_on_the_workspace(client, directory):
    response = _login(client, "gongkai-demo-2026")
    assert response.status_code == 302 and response["Location"] == reverse("core:workspace")


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, directory):
    for _ in range(4):
        assert _login(client, "wrong-password").status_code == 200
    assert _login(client, "wrong-password").status_code == 429  # the fifth failure locks
    response = _login(client, "gongkai-demo-2026")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_workspace_requires_login(client, db):
    response = client.get(reverse("core:workspace"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def _prod_settings(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings.prod", **env}, capture_output=True, text=True,
    )


def test_prod_refuses_to_start_with_the_dev_secret_key():
    from gongkai.settings.dev import DEV_SECRET_KEY

    proc = _prod_settings({"GONGKAI_SECRET_KEY": DEV_SECRET_KEY, "GONGKAI_ALLOWED_HOSTS": "gov.example"})
    assert proc.returncode != 0 and "GONGKAI_SECRET_KEY" in proc.stderr


def test_prod_starts_with_a_real_key_and_secure_settings():
    proc = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings as s; "
         "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.SECURE_CONTENT_TYPE_NOSNIFF, "
         "s.X_FRAME_OPTIONS, s.DEBUG)"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings.prod", "GONGKAI_SECRET_KEY": "k" * 50,
             "GONGKAI_ALLOWED_HOSTS": "gov.example"},
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True", "True", "True", "DENY", "False"]


def test_prod_cache_layout_passes_the_page_cache_deploy_checks():
    """Production shares the page generation between workers and keeps pages out of the file cache."""
    proc = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from gongkai.disclosure.checks import page_cache_shared; "
         "print([w.id for w in page_cache_shared(None)])"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings.prod", "GONGKAI_SECRET_KEY": "k" * 50,
             "GONGKAI_ALLOWED_HOSTS": "gov.example"},
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("url", ["/api/schema/", "/api/"])
def test_api_schema_and_docs_are_served_without_cdn(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn." not in body and "unpkg" not in body and "jsdelivr" not in body
