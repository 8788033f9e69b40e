"""Keeps the search index (contract 3) in step with the library: called by the services, inside their transaction.

Keys: "policies.document:<id>", "policies.interpretation:<id>", "policies.gazette:<article id>". Drafts are
indexed with is_public=False so that staff search finds them; withdrawn records are deleted from the index.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.search.services import search_document_delete, search_document_upsert

from .models import GazetteArticle, GazetteStatus, Interpretation, PolicyDocument


def document_key(document: PolicyDocument) -> str:
    return f"policies.document:{document.pk}"


def interpretation_key(interpretation: Interpretation) -> str:
    return f"policies.interpretation:{interpretation.pk}"


def gazette_key(article: GazetteArticle) -> str:
    return f"policies.gazette:{article.pk}"


def index_document(document: PolicyDocument) -> None:
    search_document_upsert(
        key=document_key(document), kind="policy", title=document.title, body=document.body,
        url=reverse("policies_public:document", args=[document.pk]), unit=document.unit,
        published_on=document.published_on, topic=document.topic, validity=document.validity_label,
        doc_number=document.doc_number, is_public=document.is_published,
    )


def index_interpretation(interpretation: Interpretation) -> None:
    if interpretation.status == "withdrawn":
        search_document_delete(key=interpretation_key(interpretation))
        return
    document = interpretation.document
    search_document_upsert(
        key=interpretation_key(interpretation), kind="interpretation", title=interpretation.title,
        body=interpretation.body, url=reverse("policies_public:interpretation", args=[interpretation.pk]),
        unit=interpretation.unit, published_on=interpretation.published_on, topic=document.topic,
        validity="", doc_number=document.doc_number, is_public=interpretation.is_public,
    )


def index_gazette_article(article: GazetteArticle) -> None:
    issue = article.issue
    search_document_upsert(
        key=gazette_key(article), kind="gazette", title=article.title, body=article.text,
        url=reverse("policies_public:gazette_article", args=[article.pk]), unit=issue.government,
        published_on=issue.issued_on, topic=article.document.topic if article.document_id else "",
        validity=article.document.validity_label if article.document_id else "", doc_number=article.doc_number,
        is_public=issue.status == GazetteStatus.PUBLISHED,
    )


def unindex_gazette_article(article: GazetteArticle) -> None:
    search_document_delete(key=gazette_key(article))
