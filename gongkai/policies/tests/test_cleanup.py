import datetime as dt

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.policies.models import CleanupDecision, CleanupStatus, DocumentStatus, EventAction, PolicyEvent
from gongkai.policies.services import cleanup_batch_apply, cleanup_batch_create, cleanup_entry_decide

from .factories import make_document, publish

D = dt.date


@pytest.fixture
def library(directory):
    mzj = directory.unit("市民政局")
    docs = [publish(make_document(mzj, title=f"文件{i}暂行办法" if i == 0 else f"文件{i}办法", written_on=D(2024, 1, 2)),
                    D(2024, 1, 10)) for i in range(3)]
    amending = publish(make_document(mzj, title="关于修改文件1办法的决定", written_on=D(2025, 1, 2)), D(2025, 1, 6))
    decision = publish(make_document(directory.city, title="江门市人民政府关于公布规范性文件清理结果的决定",
                                     doc_number="江府〔2025〕1号", written_on=D(2025, 1, 2)), D(2025, 1, 6))
    return directory, docs, amending, decision


def test_applying_a_batch_performs_every_decision(library):
    directory, (renewed, amended, repealed), amending, decision = library
    batch = cleanup_batch_create(government=directory.city, title="2025年规范性文件清理", documents=[renewed, amended, repealed])
    batch.decision_document = decision
    batch.save()
    entries = {e.document_id: e for e in batch.entries.all()}
    cleanup_entry_decide(entry=entries[renewed.pk], decision=CleanupDecision.CONTINUE, renew=True)
    cleanup_entry_decide(entry=entries[amended.pk], decision=CleanupDecision.AMEND, related_document=amending)
    cleanup_entry_decide(entry=entries[repealed.pk], decision=CleanupDecision.REPEAL, reason="已不适应实际")
    batch = cleanup_batch_apply(batch=batch, on=D(2025, 1, 8))
    assert batch.status == CleanupStatus.APPLIED
    for doc in (renewed, amended, repealed):
        doc.refresh_from_db()
    assert renewed.status == DocumentStatus.IN_FORCE and renewed.expires_on == D(2027, 1, 7)  # 暂行: 2 年 from 8 Jan
    assert amended.status == DocumentStatus.AMENDED and amended.status_document == amending
    assert repealed.status == DocumentStatus.REPEALED and repealed.status_document == decision
    assert set(PolicyEvent.objects.filter(cleanup_batch=batch).values_list("action", flat=True)) == {
        EventAction.RENEWED, EventAction.AMENDED, EventAction.REPEALED}


def test_a_batch_with_an_undecided_entry_changes_nothing(library):
    directory, (first, second, _), _, _ = library
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first, second])
    cleanup_entry_decide(entry=batch.entries.get(document=first), decision=CleanupDecision.REPEAL, reason="过时")
    with pytest.raises(DomainError, match="尚未提出清理意见"):
        cleanup_batch_apply(batch=batch, on=D(2025, 1, 8))
    first.refresh_from_db()
    assert first.status == DocumentStatus.IN_FORCE
    assert not PolicyEvent.objects.filter(action=EventAction.REPEALED).exists()


def test_amend_decision_needs_the_amending_document(library):
    directory, (first, *_), _, _ = library
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first])
    cleanup_entry_decide(entry=batch.entries.get(), decision=CleanupDecision.AMEND)
    with pytest.raises(DomainError, match="请指定修改文件"):
        cleanup_batch_apply(batch=batch, on=D(2025, 1, 8))


def test_a_transition_refused_midway_rolls_back_the_whole_batch(library):
    directory, (first, second, _), amending, _ = library
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first, second])
    cleanup_entry_decide(entry=batch.entries.get(document=first), decision=CleanupDecision.REPEAL, reason="过时")
    # the amending document was published on 2025-01-06: amending on 2025-01-05 is refused
    cleanup_entry_decide(entry=batch.entries.get(document=second), decision=CleanupDecision.AMEND,
                         related_document=amending)
    with pytest.raises(DomainError, match="晚于生效日期"):
        cleanup_batch_apply(batch=batch, on=D(2025, 1, 5))
    first.refresh_from_db()
    batch.refresh_from_db()
    assert first.status == DocumentStatus.IN_FORCE and batch.status == CleanupStatus.OPEN


def test_documents_of_another_government_cannot_join_the_batch(library):
    directory, docs, _, _ = library
    with pytest.raises(DomainError, match="不属于"):
        cleanup_batch_create(government=directory.pengjiang, title="清理", documents=docs[:1])


def test_the_decision_document_given_at_apply_is_the_basis_of_unreasoned_repeals(library):
    directory, (first, *_), _, decision = library
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first])
    cleanup_entry_decide(entry=batch.entries.get(), decision=CleanupDecision.REPEAL)
    batch = cleanup_batch_apply(batch=batch, on=D(2025, 1, 8), decision_document=decision)
    first.refresh_from_db()
    assert batch.decision_document == decision and first.status_document == decision


def test_a_refused_apply_does_not_record_the_decision_document(library):
    directory, (first, second, _), _, decision = library
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first, second])
    cleanup_entry_decide(entry=batch.entries.get(document=first), decision=CleanupDecision.REPEAL)
    with pytest.raises(DomainError, match="尚未提出清理意见"):
        cleanup_batch_apply(batch=batch, on=D(2025, 1, 8), decision_document=decision)
    batch.refresh_from_db()
    assert batch.decision_document is None and batch.status == CleanupStatus.OPEN


def test_a_decision_document_of_another_government_is_refused(library):
    directory, (first, *_), _, _ = library
    district = publish(make_document(directory.unit("区民政局"), title="蓬江区清理结果的决定", doc_number="蓬府〔2025〕1号",
                                     written_on=D(2025, 1, 2)), D(2025, 1, 6))
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first])
    cleanup_entry_decide(entry=batch.entries.get(), decision=CleanupDecision.REPEAL)
    with pytest.raises(DomainError, match="清理决定文件须是江门市人民政府的文件，不能关联其他人民政府的文件"):
        cleanup_batch_apply(batch=batch, on=D(2025, 1, 8), decision_document=district)
    first.refresh_from_db()
    assert first.status == DocumentStatus.IN_FORCE


def test_a_cleanup_entry_cannot_name_a_document_of_another_government(library):
    directory, (first, *_), _, _ = library
    district = publish(make_document(directory.unit("区民政局"), title="蓬江区关于废止有关文件的决定",
                                     doc_number="蓬民〔2025〕2号", written_on=D(2025, 1, 2)), D(2025, 1, 6))
    batch = cleanup_batch_create(government=directory.city, title="清理", documents=[first])
    with pytest.raises(DomainError, match="不能关联其他人民政府的文件"):
        cleanup_entry_decide(entry=batch.entries.get(), decision=CleanupDecision.REPEAL, related_document=district)
    assert batch.entries.get().related_document is None
