import datetime as dt
import io

import pdfplumber
import pytest
from django.urls import reverse

from gongkai.core.exceptions import DomainError
from gongkai.policies.services import gazette_article_add, gazette_issue_create, gazette_issue_publish
from gongkai.search.models import SearchDocument

from .factories import make_document, publish

D = dt.date


@pytest.fixture
def issue(directory):
    document = publish(make_document(directory.city, title="江门市社会救助家庭经济状况核对办法",
                                     doc_number="江府〔2025〕3号", written_on=D(2025, 3, 1)), D(2025, 3, 10))
    issue = gazette_issue_create(government=directory.city, year=2025, number=3, issued_on=D(2025, 3, 25), total_number=215)
    gazette_article_add(issue=issue, section="市政府文件", document=document)
    gazette_article_add(issue=issue, section="人事任免", title="江门市人民政府关于张三等同志职务任免的通知",
                        body="任命张三为江门市民政局副局长。")
    return issue, document


def test_publishing_renders_a_pdf_with_the_table_of_contents(issue):
    issue, document = issue
    issue = gazette_issue_publish(issue=issue)
    with pdfplumber.open(io.BytesIO(issue.pdf.read())) as pdf:
        texts = [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]
        pages = len(pdf.pages)
    text = "\n".join(texts)
    assert "目录" in texts[1] and texts[1].rstrip("—\n0123456789").endswith(".")  # page 2 is the contents
    assert "核对办法（江府〔2025〕3号）" in texts[1] and "...3\n" in texts[1]  # real page numbers (target-counter)
    assert "江门市人民政府公报" in text and "2025年第3期" in text and "目录" in text
    assert "江府〔2025〕3号" in text and "任命张三为江门市民政局副局长" in text
    assert pages >= 4  # cover, contents, one page per article
    assert len(issue.pdf_sha256) == 64


def test_published_articles_are_public_and_searchable(client, issue):
    issue, document = issue
    gazette_issue_publish(issue=issue)
    html = client.get(reverse("policies_public:gazette_issue", args=[issue.pk])).content.decode()
    assert "市政府文件" in html and "人事任免" in html and document.title in html
    article = issue.articles.get(document=document)
    html = client.get(reverse("policies_public:gazette_article", args=[article.pk])).content.decode()
    assert reverse("policies_public:document", args=[document.pk]) in html
    response = client.get(reverse("policies_public:gazette_pdf", args=[issue.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert SearchDocument.objects.filter(kind="gazette", is_public=True).count() == 2


def test_a_draft_issue_is_not_public_and_a_published_one_is_frozen(client, issue):
    issue, document = issue
    assert client.get(reverse("policies_public:gazette_issue", args=[issue.pk])).status_code == 404
    gazette_issue_publish(issue=issue)
    with pytest.raises(DomainError, match="已出版"):
        gazette_article_add(issue=issue, section="其他", title="补登", body="正文")


def test_issue_numbers_are_unique_per_year(issue, directory):
    with pytest.raises(DomainError, match="2025年第3期公报已存在"):
        gazette_issue_create(government=directory.city, year=2025, number=3, issued_on=D(2025, 4, 1))


def test_a_document_of_another_government_cannot_be_carried_in_the_issue(issue, directory):
    issue, _ = issue
    district = publish(make_document(directory.pengjiang, title="蓬江区困难残疾人生活补贴实施细则",
                                     doc_number="蓬府〔2025〕2号"), D(2025, 4, 8))
    with pytest.raises(DomainError) as refused:
        gazette_article_add(issue=issue, section="区政府文件", document=district)
    assert refused.value.message == "刊登的文件须是江门市人民政府的文件，不能关联其他人民政府的文件"
    assert not issue.articles.filter(document=district).exists()


def test_another_governments_draft_is_refused_without_naming_it(issue, directory):
    issue, _ = issue
    draft = make_document(directory.pengjiang, title="蓬江区某未发布办法", doc_number="蓬府〔2025〕9号")
    with pytest.raises(DomainError) as refused:
        gazette_article_add(issue=issue, section="区政府文件", document=draft)
    assert "蓬江区某未发布办法" not in refused.value.message  # the government is checked before 尚未发布
