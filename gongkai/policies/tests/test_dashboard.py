"""Workspace panels (dashboard.py): each count covers only what the user's scope lets them see, and is the
length of the list it links to."""

import datetime as dt
import io

import pytest
from django.urls import resolve

from gongkai.policies import demo
from gongkai.policies.dashboard import panels
from gongkai.policies.models import DocumentKind, PolicyDocument
from gongkai.policies.services import (
    cleanup_batch_apply,
    cleanup_batch_create,
    cleanup_entry_decide,
    gazette_issue_create,
    interpretation_create,
    interpretation_submit,
    policy_document_register,
    policy_document_return,
    policy_document_submit,
)

from .factories import make_document

D = dt.date


def _count(user, label: str) -> str:
    return next(value for panel in panels(user) for row_label, value, _ in panel.rows if row_label == label)


def test_draft_gazette_count_covers_only_the_governments_in_the_users_scope(directory):
    gazette_issue_create(government=directory.city, year=2025, number=1, issued_on=D(2025, 1, 25))
    gazette_issue_create(government=directory.pengjiang, year=2025, number=1, issued_on=D(2025, 1, 28))
    assert _count(directory.user("pj_gkb"), "编辑中的公报") == "1"  # the district's own issue, not the city's
    assert _count(directory.user("gkb"), "编辑中的公报") == "2"  # as the city's gazette list shows both


@pytest.fixture
def busy_library(directory):
    """The demo library, and something on every to-do list, in the city and in 蓬江区."""
    demo.load(io.StringIO())
    mzj, pjmz = directory.unit("市民政局"), directory.unit("区民政局")

    def submitted(unit, title, number):
        document = make_document(unit, title=title, doc_number=number)
        document = policy_document_register(document=document, on=D(2025, 9, 1))
        return policy_document_submit(document=document, by=None)

    make_document(pjmz, title="蓬江区某办法（送审稿）", doc_number="蓬民〔2025〕91号")  # the district registers it
    make_document(mzj, title="市民政局某工作方案", kind=DocumentKind.OTHER, doc_number="江民〔2025〕91号")
    policy_document_register(document=make_document(mzj, title="已登记未报审的办法", doc_number="江民〔2025〕92号"),
                             on=D(2025, 9, 1))
    submitted(mzj, "审核中的办法", "江民〔2025〕93号")
    policy_document_return(document=submitted(mzj, "被退回的办法", "江民〔2025〕94号"), by=None, reason="请补充依据")
    submitted(pjmz, "蓬江区审核中的办法", "蓬民〔2025〕95号")
    temp = PolicyDocument.objects.get(title="江门市临时救助实施办法（试行）")
    interpretation_create(document=temp, title="临时救助问答（草稿）", form="text", body="问：…答：…")
    interpretation_submit(interpretation=interpretation_create(document=temp, title="临时救助图解说明", form="text",
                                                               body="一、对象。"), by=None)
    city_docs = list(PolicyDocument.objects.filter(government=directory.city, status="in_force", kind="normative"))
    applied = cleanup_batch_create(government=directory.city, title="2025年清理（已执行）", documents=city_docs[:1])
    cleanup_entry_decide(entry=applied.entries.get(), decision="continue")
    cleanup_batch_apply(batch=applied, on=D(2025, 10, 8))
    cleanup_batch_create(government=directory.city, title="2026年清理", documents=city_docs[1:2])
    cleanup_batch_create(government=directory.pengjiang, title="蓬江区清理",
                         documents=list(PolicyDocument.objects.filter(government=directory.pengjiang, status="in_force")))
    gazette_issue_create(government=directory.city, year=2025, number=4, issued_on=D(2025, 9, 25))
    gazette_issue_create(government=directory.pengjiang, year=2025, number=1, issued_on=D(2025, 9, 28))
    return directory


def _list_length(client, url: str) -> int:
    """The number of rows of the staff list at `url` (all pages)."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    return {
        "documents": lambda: context["page"].paginator.count,
        "interpretations": lambda: context["page"].paginator.count,
        "cleanups": lambda: len(context["batches"]),
        "gazette": lambda: len(context["issues"]),
        "alerts": lambda: len(context["overdue"]),
    }[resolve(url.split("?")[0]).url_name]()


def test_every_count_is_the_length_of_the_list_it_links_to(client, busy_library):
    mismatches = {}
    for username in ("gkb", "pj_gkb", "leader", "fgj", "mzj_jb", "mzj_sh", "gkb_jb", "gkb_sh", "pjmz"):
        user = busy_library.user(username)
        client.force_login(user)
        for panel in panels(user):
            for label, value, link in panel.rows:
                if value.isdigit() and (listed := _list_length(client, link)) != int(value):
                    mismatches[username, label] = (value, listed, link)
    assert mismatches == {}  # (user, row): (count, rows in the linked list, link)


def test_the_counts_cover_the_lists_that_matter_to_each_role(busy_library):
    def counted(username):
        return {label: value for panel in panels(busy_library.user(username)) for label, value, _ in panel.rows
                if value.isdigit()}

    gkb = counted("gkb")
    assert {"待统一登记的规范性文件", "进行中的清理批次", "编辑中的公报", "待审核的文件", "待审核的解读"} <= set(gkb)
    assert gkb["进行中的清理批次"] == "2"  # the city's open batch and 蓬江区's, as the cleanup list shows
    assert gkb["待统一登记的规范性文件"] == "1"  # the city's draft only: 蓬江区 registers its own
    assert counted("pj_gkb")["待统一登记的规范性文件"] == "1"
    assert {"未发布的文件", "被退回修改的文件", "未发布的解读"} <= set(counted("mzj_jb"))
    assert counted("mzj_jb")["被退回修改的文件"] == "1"
