"""The public search page in headless Chromium: a 2-character word, a traditional-character query and
highlighted snippets, without JavaScript being needed for any of it."""

import datetime
import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.urls("gongkai.search.tests.urls")]


@pytest.fixture
def demo_index(transactional_db):
    from gongkai.organisations import demo as directory_demo
    from gongkai.organisations.models import Unit
    from gongkai.search import demo as search_demo
    from gongkai.search.services import search_document_upsert

    directory_demo.load(io.StringIO())
    mzj = Unit.objects.get(short_name="市民政局")
    search_document_upsert(
        key="test.demo:9001", kind="item", title="江门市民政局关于调整城乡最低生活保障标准的通知",
        body="经市人民政府同意，自2025年7月1日起，全市城乡低保标准统一提高到每人每月1100元。",
        url="/xxgk/demo-9001/", unit=mzj, published_on=datetime.date(2025, 6, 20), topic="民政、扶贫、救灾\\社会救助",
    )
    search_document_upsert(
        key="test.demo:9002", kind="item", title="关于防汛防旱工作的通知", body="各镇街做好准备。",
        url="/xxgk/demo-9002/", unit=mzj, published_on=datetime.date(2025, 5, 1), is_public=False,
    )
    search_demo.load(io.StringIO())  # the demo reindex keeps documents of sources it does not rebuild


def test_public_search_finds_by_two_character_word_and_traditional_query(page, live_server, demo_index):
    page.goto(f"{live_server.url}/search/")
    page.get_by_label("关键词").fill("低保")
    with page.expect_navigation():
        page.locator("#main").get_by_role("button", name="搜索", exact=True).click()
    assert "共找到 1 条结果" in page.locator(".result-count").inner_text()
    mark = page.locator(".hit-snippet mark").first
    assert mark.inner_text() == "低保"
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"

    page.get_by_label("关键词").fill("最低生活保障標準")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    title = page.locator(".hit-title").first
    assert "江门市民政局关于调整城乡最低生活保障标准的通知" in title.inner_text()
    assert title.locator("mark").count() >= 1

    page.get_by_label("关键词").fill("防汛")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "未找到" in page.locator(".result-count").inner_text()


def test_search_page_works_without_javascript(browser, live_server, demo_index):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=低保&order=date")
    assert page.locator(".hit").count() == 1
    page.get_by_label("按发布日期").check()
    with page.expect_navigation():
        page.get_by_role("button", name="应用").click()
    assert "order=date" in page.url
    context.close()
