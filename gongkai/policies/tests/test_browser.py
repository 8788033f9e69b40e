import io

import pytest

from gongkai.policies import demo
from gongkai.policies.models import PolicyDocument


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_goes_from_document_to_its_interpretation_and_back(page, live_server, directory):
    demo.load(io.StringIO())
    document = PolicyDocument.objects.get(title="江门市最低生活保障审核确认办法")
    page.goto(f"{live_server.url}/zcwj/")
    page.get_by_role("link", name=document.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == document.title
    assert page.get_by_text("江府〔2023〕5号").first.is_visible()
    page.get_by_role("link", name="一图读懂：江门市最低生活保障审核确认办法").click()
    assert "一图读懂" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_text("政策咨询").is_visible()
    page.get_by_role("link", name=f"返回政策原文：{document.title}").click()
    assert page.url.endswith(f"/zcwj/{document.pk}/")
    # keyboard users reach the interpretation link too
    link = page.get_by_role("link", name="《江门市最低生活保障审核确认办法》政策解读")
    link.focus()
    page.keyboard.press("Enter")
    assert "政策解读" in page.get_by_role("heading", level=1).inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_repealed_document_shows_its_stamp(page, live_server, directory):
    demo.load(io.StringIO())
    old = PolicyDocument.objects.get(title="江门市社会救助家庭经济状况核对办法")
    page.goto(f"{live_server.url}/zcwj/{old.pk}/")
    stamp = page.get_by_role("note", name="文件效力：已废止")
    assert stamp.is_visible() and "2024年8月12日" in stamp.inner_text()
    page.get_by_role("link", name="《江门市社会救助家庭经济状况核对实施办法》（江民〔2024〕6号）").click()
    assert page.get_by_role("heading", level=1).inner_text() == "江门市社会救助家庭经济状况核对实施办法"
