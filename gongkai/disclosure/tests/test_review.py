"""Review before publishing (先审后发): configurable steps, word check, withdrawal, history, search calls."""

import datetime as dt
from unittest import mock

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.disclosure import services, wordcheck
from gongkai.disclosure.models import ItemEventKind, ItemStatus, ReviewStep, WordListKind

from .factories import make_column


@pytest.fixture
def civil(directory):
    unit = directory.unit("市民政局")
    return unit, make_column(unit), directory.user("mzj_jb"), directory.user("mzj_sh")


def _draft(column, by, **kwargs):
    defaults = {"title": "关于开展2026年养老机构安全检查的通知", "body": "各县（市、区）民政局：现就有关事项通知如下。"}
    return services.item_create(column=column, by=by, **{**defaults, **kwargs})


def test_nothing_is_public_before_every_configured_step_is_approved(civil, directory):
    unit, column, handler, reviewer = civil
    item = _draft(column, handler)
    services.item_submit(item=item, by=handler)
    item.refresh_from_db()
    assert item.review_steps == ["secrecy", "first", "second", "final"]
    for step in ["secrecy", "first", "second"]:
        assert item.current_step == step
        item = services.item_approve(item=item, by=reviewer)
        assert item.status == ItemStatus.IN_REVIEW and item.index_number == ""
    item = services.item_approve(item=item, by=directory.user("gkb"), publish_on=dt.date(2026, 3, 2))
    assert item.status == ItemStatus.PUBLISHED
    assert item.published_on == dt.date(2026, 3, 2)
    assert item.index_number == f"{unit.credit_code}/2026-00001"
    assert len(item.content_hash) == 64
    column.refresh_from_db()
    assert column.public_count == 1 and column.last_published_on == dt.date(2026, 3, 2)
    kinds = list(item.events.values_list("kind", flat=True))
    assert kinds == ["created", "submitted", "approved", "approved", "approved", "approved", "published"]


def test_steps_are_configured_per_unit_and_inherited_by_sub_units(directory):
    pengjiang_civil = directory.unit("区民政局")
    services.review_config_set(unit=directory.pengjiang, steps=[ReviewStep.FIRST, ReviewStep.FINAL])
    assert services.review_steps_for(pengjiang_civil) == ["first", "final"]
    assert services.review_steps_for(directory.unit("市民政局")) == ["secrecy", "first", "second", "final"]
    with pytest.raises(DomainError, match="至少保留一个"):
        services.review_config_set(unit=pengjiang_civil, steps=[])
    with pytest.raises(DomainError, match="顺序"):
        services.review_config_set(unit=pengjiang_civil, steps=[ReviewStep.FINAL, ReviewStep.FIRST])


def test_submitter_cannot_approve_their_own_item_and_handlers_cannot_review(civil, directory):
    unit, column, handler, reviewer = civil
    services.review_config_set(unit=unit, steps=[ReviewStep.FINAL])
    item = _draft(column, handler)
    services.item_submit(item=item, by=handler)
    with pytest.raises(DomainError, match="不能审核"):
        services.item_approve(item=item, by=handler)
    with pytest.raises(DomainError, match="不能审核"):  # a reviewer of another unit's scope
        services.item_approve(item=item, by=directory.user("pjmz"))
    assert services.item_approve(item=item, by=reviewer).is_public


def test_return_requires_a_reason_and_the_item_goes_back_to_editing(civil):
    unit, column, handler, reviewer = civil
    item = _draft(column, handler)
    services.item_submit(item=item, by=handler)
    with pytest.raises(DomainError, match="修改意见"):
        services.item_return(item=item, by=reviewer, reason=" ")
    item = services.item_return(item=item, by=reviewer, reason="请补充联系电话")
    assert item.status == ItemStatus.RETURNED and item.current_step == ""
    services.item_update(item=item, by=handler, body=item.body + "联系电话：0750-1234567。")
    services.item_submit(item=item, by=handler)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_REVIEW and item.current_step == "secrecy"


def test_published_items_cannot_be_edited_and_cannot_be_approved_twice(civil):
    unit, column, handler, reviewer = civil
    services.review_config_set(unit=unit, steps=[ReviewStep.FINAL])
    item = _draft(column, handler)
    services.item_submit(item=item, by=handler)
    item = services.item_approve(item=item, by=reviewer)
    with pytest.raises(DomainError, match="先撤回"):
        services.item_update(item=item, by=handler, title="新标题")
    with pytest.raises(DomainError, match="不能发布"):
        services.item_approve(item=item, by=reviewer)


def test_sensitive_words_block_approval_until_acknowledged(civil):
    unit, column, handler, reviewer = civil
    services.wordlist_save(name="涉密标识", kind=WordListKind.SENSITIVE, entries="机密\n内部资料", unit=None)
    services.review_config_set(unit=unit, steps=[ReviewStep.SECRECY])
    item = _draft(column, handler, body="本通知为内部资料，请勿外传。")
    services.item_submit(item=item, by=handler)
    with pytest.raises(DomainError, match="1处"):
        services.item_approve(item=item, by=reviewer)
    item = services.item_approve(item=item, by=reviewer, acknowledge_findings=True, note="已删除涉密表述后复核")
    approval = item.events.get(kind=ItemEventKind.APPROVED)
    assert approval.findings[0]["text"] == "内部资料"


def test_withdrawal_needs_a_reason_keeps_the_index_number_and_updates_counters(civil):
    unit, column, handler, reviewer = civil
    services.review_config_set(unit=unit, steps=[ReviewStep.FINAL])
    item = _draft(column, handler)
    services.item_submit(item=item, by=handler)
    item = services.item_approve(item=item, by=reviewer)
    number = item.index_number
    with pytest.raises(DomainError, match="撤回理由"):
        services.item_withdraw(item=item, by=reviewer, reason="")
    item = services.item_withdraw(item=item, by=reviewer, reason="附件版本错误")
    assert item.status == ItemStatus.WITHDRAWN and item.index_number == number
    column.refresh_from_db()
    assert column.public_count == 0 and column.last_published_on is None
    services.item_submit(item=item, by=handler)
    item = services.item_approve(item=item, by=reviewer)
    assert item.index_number == number  # republishing keeps the stable URL


def test_search_index_follows_publication_and_withdrawal(civil):
    unit, column, handler, reviewer = civil
    services.review_config_set(unit=unit, steps=[ReviewStep.FINAL])
    with mock.patch("gongkai.search.services.search_document_upsert") as upsert, \
            mock.patch("gongkai.search.services.search_document_delete") as delete:
        item = _draft(column, handler)
        assert upsert.call_args.kwargs["is_public"] is False
        services.item_submit(item=item, by=handler)
        item = services.item_approve(item=item, by=reviewer)
        call = upsert.call_args.kwargs
        assert call["key"] == f"disclosure.item:{item.pk}" and call["is_public"] is True
        assert call["url"] == f"/xxgk/item/{item.index_number}/"
        services.item_withdraw(item=item, by=reviewer, reason="重复发布")
        delete.assert_called_once_with(key=f"disclosure.item:{item.pk}")


def test_uploads_keep_the_original_bytes_and_reject_bad_files(civil):
    unit, column, handler, reviewer = civil
    item = _draft(column, handler)
    data = "%PDF-1.4 原件".encode()
    attachment = services.item_attachment_add(item=item, by=handler, name="通知.pdf", data=data)
    assert attachment.file.read() == data and attachment.original_name == "通知.pdf"
    with pytest.raises(DomainError, match="不支持的文件类型"):
        services.item_attachment_add(item=item, by=handler, name="脚本.exe", data=b"MZ")
    with pytest.raises(DomainError, match="已上传过"):
        services.item_attachment_add(item=item, by=handler, name="副本.pdf", data=data)


def test_word_check_finds_errors_leader_titles_and_leaves_correct_text_alone():
    lists = wordcheck.WordLists(
        sensitive=("绝密",),
        erroneous=(("党史教育", "党史学习教育"), ("再接再励", "再接再厉")),
        leaders=(("张三", "市长"), ("李四", "副市长")),
    )
    text = "开展党史学习教育。党史教育要再接再励。副市长张三出席，李四副市长讲话，市长张三强调。"
    findings = wordcheck.check_text(text, lists)
    messages = [f.message for f in findings]
    assert messages == [
        "疑似错误表述“党史教育”，应为“党史学习教育”",
        "疑似错误表述“再接再励”，应为“再接再厉”",
        "张三的职务应为“市长”，文中写作“副市长”",
    ]
    marked = wordcheck.highlight("<b>党史教育</b>", wordcheck.check_text("<b>党史教育</b>", lists))
    assert marked == '&lt;b&gt;<mark class="finding" title="疑似错误表述“党史教育”，应为“党史学习教育”">党史教育</mark>&lt;/b&gt;'
