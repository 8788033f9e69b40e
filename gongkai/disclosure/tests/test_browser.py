"""A visitor walks the public site with JavaScript disabled: home → 政府信息公开 → department platform →
column → item → original download; and a reviewer approves an item through the review page."""

import io

import pytest


@pytest.fixture
def demo_platform(transactional_db):
    from gongkai.disclosure import demo
    from gongkai.organisations import demo as directory_demo

    directory_demo.load(io.StringIO())
    demo.load(io.StringIO())


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


@pytest.mark.browser
def test_visitor_walks_home_platform_column_item_without_javascript(page, live_server, demo_platform):
    external = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else external.append(r.url))
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="网站导航").get_by_role("link", name="政府信息公开").click()
    assert page.get_by_role("heading", level=1).inner_text() == "江门市人民政府 · 政府信息公开"
    for part in ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]:
        assert page.get_by_role("heading", name=part, level=2, exact=True).count() == 1
    page.get_by_role("link", name="市民政局", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "江门市民政局 · 政府信息公开"
    page.get_by_role("link", name="社会救助").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "社会救助"
    first_item = page.get_by_role("region", name="信息列表").get_by_role("link").first
    title = first_item.inner_text()
    first_item.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    meta = page.get_by_role("region", name="信息属性")
    for label in ["索引号", "主题分类", "发文机关", "成文日期", "发文字号", "发布日期", "有效性"]:
        assert meta.get_by_text(label, exact=True).count() == 1
    crumbs = page.get_by_role("navigation", name="当前位置")
    assert crumbs.get_by_role("link", name="社会救助").count() == 1
    with page.expect_download() as download:
        page.get_by_role("region", name="原文及附件下载").get_by_role("link").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(page.url)
    page.keyboard.press("Tab")  # the skip link is the first stop for keyboard users
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.emulate_media(media="print")
    assert page.get_by_role("navigation", name="网站导航").is_hidden()
    assert external == []


@pytest.fixture
def reviewer_page(browser):
    context = browser.new_context()  # JavaScript on for staff
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_reviewer_sees_marked_findings_and_passes_the_step(reviewer_page, live_server, demo_platform):
    page = reviewer_page
    page.goto(f"{live_server.url}/staff/disclosure/review/")
    page.get_by_label("用户名").fill("mzj_sh")
    page.get_by_label("密码").fill("gongkai-demo-2026")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="关于做好2027年元旦春节期间困难群众走访慰问工作的通知").click()
    assert page.locator("mark.finding").count() == 2
    page.get_by_label("通过").check()
    page.get_by_label("已逐条核对错敏词检查结果").check()
    page.get_by_role("button", name="提交审核意见").click()
    assert "初审已通过" in page.get_by_role("status").inner_text()
