"""Helpers that build library records through the services, as the application does."""

from __future__ import annotations

import datetime as dt

from gongkai.disclosure.services import review_config_set
from gongkai.policies.models import DocumentKind, PolicyDocument
from gongkai.policies.services import (
    interpretation_approve,
    interpretation_create,
    interpretation_submit,
    policy_document_approve,
    policy_document_create,
    policy_document_register,
    policy_document_submit,
)

_serial = {"n": 0}


def make_document(unit, *, title="江门市社会救助家庭经济状况核对办法", written_on=dt.date(2024, 3, 1),
                  kind=DocumentKind.NORMATIVE, doc_number=None, **extra) -> PolicyDocument:
    _serial["n"] += 1
    fields = dict(
        body="第一条 为规范社会救助家庭经济状况核对工作，制定本办法。", contact_name="张科长",
        contact_phone="0750-3270000", doc_number=doc_number if doc_number is not None else f"江民〔{written_on.year}〕{_serial['n']}号",
    )
    fields.update(extra)
    return policy_document_create(unit=unit, title=title, written_on=written_on, kind=kind, **fields)


def publish(document: PolicyDocument, on: dt.date) -> PolicyDocument:
    """Register (行政规范性文件), submit and approve through every step, publishing on `on`."""
    review_config_set(unit=document.unit, steps=["final"])
    if document.kind == DocumentKind.NORMATIVE and document.status == "draft":
        document = policy_document_register(document=document, on=on)
    policy_document_submit(document=document, by=None)
    return policy_document_approve(document=document, by=None, publish_on=on)


def interpret(document, *, on: dt.date, form="text", title=None, **extra):
    review_config_set(unit=extra.get("unit") or document.unit, steps=["final"])
    fields = {"body": "一、出台背景。二、主要内容。三、适用范围。"}
    if form in ("graphic", "video", "animation"):
        fields["external_url"] = "https://www.jiangmen.gov.cn/media/1.mp4"
    if form in ("expert", "leader"):
        fields["speaker"] = "王教授（五邑大学）"
    if form == "media":
        fields["source"] = "江门日报"
    fields.update(extra)
    interpretation = interpretation_create(document=document, title=title or f"《{document.title}》解读", form=form,
                                           **fields)
    interpretation_submit(interpretation=interpretation, by=None)
    return interpretation_approve(interpretation=interpretation, by=None, publish_on=on)
