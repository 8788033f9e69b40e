"""Each role logs in through the real login page and lands in its own workspace."""

import io

import pytest

ROLES = [
    ("gkb", "公开办工作台", True),
    ("fgj", "单位联络员工作台", False),
    ("mzj_jb", "单位联络员工作台", False),  # handler and liaison: the first role in Role order names the workspace
    ("mzj_sh", "审核人工作台", False),
    ("leader", "领导查阅", False),
]


@pytest.fixture
def demo_directory(transactional_db):
    from gongkai.organisations import demo

    demo.load(io.StringIO())


@pytest.mark.browser
@pytest.mark.parametrize(("username", "heading", "sees_admin"), ROLES)
def test_each_role_logs_in_and_sees_its_workspace(page, live_server, demo_directory, username, heading, sees_admin):
    page.goto(f"{live_server.url}/staff/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("gongkai-demo-2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    nav = page.get_by_role("navigation", name="功能导航")
    assert nav.get_by_role("link", name="依申请公开").is_visible()
    assert nav.get_by_role("link", name="基础数据").count() == (1 if sees_admin else 0)


@pytest.mark.browser
def test_public_home_has_landmarks_and_no_external_assets(page, live_server, demo_directory):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/")
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("search").count() == 1
    assert all(url.startswith(live_server.url) for url in requests), requests
