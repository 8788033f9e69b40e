"""REST API, the freshness command and the workspace panels."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from gongkai.core.dashboard import panels_for
from gongkai.disclosure import demo
from gongkai.disclosure.models import InformationItem, ItemStatus


@pytest.fixture
def demo_platform(directory):
    demo.load(io.StringIO())
    return directory


def test_anonymous_api_lists_only_published_items_with_cursor_pages(demo_platform):
    api = APIClient()
    response = api.get("/api/disclosure/items/?page_size=5")
    assert response.status_code == 200
    data = response.json()
    assert "count" not in data and data["next"]
    assert all(row["status"] == "published" for row in data["results"])
    draft = InformationItem.objects.filter(status=ItemStatus.IN_REVIEW).first()
    assert api.get(f"/api/disclosure/items/{draft.pk}/").status_code == 404
    assert api.post("/api/disclosure/items/", {}).status_code in (401, 403)


def test_staff_api_drives_the_review_workflow(demo_platform):
    api = APIClient()
    api.force_authenticate(demo_platform.user("mzj_sh"))
    item = InformationItem.objects.get(title="市民政局召开年度工作总结会")
    assert api.get(f"/api/disclosure/items/{item.pk}/").json()["current_step"] == "secrecy"
    response = api.post(f"/api/disclosure/items/{item.pk}/approve/", {"note": "同意"}, format="json")
    assert response.status_code == 200 and response.json()["current_step"] == "first"
    response = api.post(f"/api/disclosure/items/{item.pk}/return/", {"reason": ""}, format="json")
    assert response.status_code == 400
    response = api.post(f"/api/disclosure/items/{item.pk}/return/", {"reason": "请补充会议时间"}, format="json")
    assert response.json()["status"] == "returned"


def test_api_freshness_and_openapi_schema(demo_platform):
    api = APIClient()
    api.force_authenticate(demo_platform.user("gkb"))
    rows = api.get("/api/disclosure/freshness/").json()
    assert any(r["unit"] == "江门市发展和改革局" and r["column"] == "规划计划" and r["status"] == "blank" for r in rows)
    schema = api.get("/api/schema/").content.decode()
    assert "/api/disclosure/items/{id}/approve/" in schema


def test_freshness_command_prints_problems_and_writes_xlsx(demo_platform, tmp_path):
    out = io.StringIO()
    target = tmp_path / "report.xlsx"
    call_command("disclosure", "freshness", "--unit", "市发展改革局", "--xlsx", str(target), stdout=out)
    text = out.getvalue()
    assert "江门市发展和改革局" in text and "空白栏目" in text and "未及时更新" in text
    assert target.read_bytes()[:2] == b"PK"
    out = io.StringIO()
    call_command("disclosure", "freshness", "--on", dt.date.today().isoformat(), "--unit", "市民政局", stdout=out)
    assert "江门市发展和改革局" not in out.getvalue()


def test_panels_tell_each_role_what_to_do(demo_platform):
    titles = {p.title for p in panels_for(demo_platform.user("mzj_sh")) }
    assert "信息发布：待我审核" in titles
    reviewer_panel = next(p for p in panels_for(demo_platform.user("mzj_sh")) if p.title == "信息发布：待我审核")
    assert any("困难群众走访慰问" in row[0] for row in reviewer_panel.rows)
    coordinator = {p.title: p for p in panels_for(demo_platform.user("gkb"))}
    assert coordinator["栏目更新监测"].tone in ("warn", "danger")
    handler = {p.title: p for p in panels_for(demo_platform.user("mzj_jb"))}
    assert handler["信息发布：我的稿件"].rows[2][1] == "2"  # two of their items are in review
