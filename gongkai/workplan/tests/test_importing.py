"""Import and review: nothing reaches the ledger before confirmation, names resolve or wait for a choice,
groups expand to their members with roles kept, a corrected re-import shows and applies its diff."""

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.workplan import importing, services
from gongkai.workplan.models import Assignment, DraftImport, ImportStatus, Plan, PlanVersion, Task

pytestmark = pytest.mark.django_db


def _draft(directory, seed, prefix="000", owner=None, user="gkb", plan=None):
    name, data = seed(prefix)
    return services.draft_import_create(owner=owner or directory.city, filename=name, data=data,
                                        by=directory.user(user), plan=plan)


def test_upload_keeps_the_original_and_writes_nothing_to_the_ledger(directory, seed):
    draft = _draft(directory, seed)
    assert draft.status == ImportStatus.PENDING
    assert draft.original.read() == seed("000")[1]
    assert len(draft.review["tasks"]) == 55
    assert draft.review["doc_number"] == "江府办函〔2021〕129号"
    assert Plan.objects.count() == 0 and Task.objects.count() == 0 and Assignment.objects.count() == 0


def test_unparseable_upload_is_kept_as_discarded_with_the_reason(directory):
    draft = services.draft_import_create(owner=directory.city, filename="empty.txt",
                                         data="这不是工作方案。\n".encode(), by=directory.user("gkb"))
    assert draft.status == ImportStatus.DISCARDED
    assert "任务" in draft.parse["error"] or "解析" in draft.parse["error"]
    assert draft.original.read() == "这不是工作方案。\n".encode()


def test_unsupported_format_is_refused_in_chinese(directory):
    with pytest.raises(DomainError, match="不支持的文件格式"):
        services.draft_import_create(owner=directory.city, filename="plan.exe", data=b"MZ", by=directory.user("gkb"))


def test_printed_names_resolve_to_units_and_groups_of_the_city(directory, seed):
    draft = _draft(directory, seed)
    res = draft.review["resolutions"]
    assert res["市发展改革局"]["kind"] == "unit"
    assert res["市直有关部门"]["kind"] == "group"
    assert res["各市（区）政府"]["kind"] == "group"


def test_confirm_refuses_unresolved_names_until_picked_or_skipped(directory, seed):
    draft = _draft(directory, seed)
    review = draft.review
    review["tasks"][0]["units"]["responsible"].append("市不存在局")
    services.draft_import_update(draft=draft, header={}, tasks=review["tasks"], mapping={})
    with pytest.raises(DomainError, match="未识别"):
        services.draft_import_confirm(draft=draft, by=directory.user("gkb"))
    assert Plan.objects.count() == 0
    fgj = directory.unit("市发展改革局")
    services.draft_import_update(draft=draft, header={}, tasks=draft.review["tasks"],
                                 mapping={"市不存在局": f"unit:{fgj.pk}", **{
                                     n: "skip" for n in services.draft_import_problems(draft).unresolved
                                     if n != "市不存在局"}})
    plan = services.draft_import_confirm(draft=draft, by=directory.user("gkb"))
    first = plan.tasks.get(order=1)
    assert first.assignments.filter(unit=fgj).exists()


def test_groups_expand_to_members_and_the_strongest_role_is_kept(import_plan, directory):
    plan = import_plan("000")
    task = plan.tasks.get(no="2")  # 市政府办公室、市发展改革局牵头，市直有关部门配合；各市（区）政府参照落实
    roles = {a.unit.short_name: a.role for a in task.assignments.select_related("unit")}
    assert roles["市政府办公室"] == "lead"  # also a member of 市直有关部门, keeps 牵头
    assert roles["市发展改革局"] == "lead"
    assert roles["市民政局"] == "cooperate"
    assert roles["蓬江区政府"] == "reference"
    assert task.assignments.get(unit=directory.unit("市民政局")).via_group.name == "市直有关部门"
    assert PlanVersion.objects.get(plan=plan).number == 1


def test_seed_001_offices_are_assigned_within_the_bureau(import_plan, directory):
    bureau = directory.unit("区民政局")
    plan = import_plan("001", owner=bureau, user="pj_gkb")
    task = plan.tasks.order_by("order")[1]  # 加強行政執法信息公開 — 辦公室、各股室
    units = sorted(a.unit.name for a in task.assignments.all())
    assert units == sorted(["办公室", "社会救助股", "社会事务和社会工作股", "基层政权和社区治理股"])
    assert all(a.unit.parent_id == bureau.pk for a in task.assignments.all())


def test_reimport_shows_added_removed_and_changed_tasks_then_applies_them(import_plan, directory, seed):
    plan = import_plan("000")
    name, data = seed("000")
    text = data.decode("utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("\t14. 及时反馈网民")]
    edited = "\n".join(lines).replace("扎实做好疫苗接种信息公开和舆论引导工作。", "扎实做好疫苗接种信息公开和舆论引导工作，并公开采纳情况。")
    assert edited != text
    draft = services.draft_import_create(owner=directory.city, filename=name, data=edited.encode(),
                                         by=directory.user("gkb"), plan=plan)
    current = list(plan.tasks.filter(is_active=True).select_related("section"))
    changes = importing.diff_tasks(current, [t for t in draft.review["tasks"] if t["include"]])
    kinds = [c.kind for c in changes if c.kind != "same"]
    assert kinds.count("changed") == 1 and kinds.count("removed") == 1 and kinds.count("added") == 0
    changed = next(c for c in changes if c.kind == "changed")
    assert changed.fields[0][0] == "具体要求"
    removed_task = next(c for c in changes if c.kind == "removed").old
    kept_id = changed.old.pk
    services.draft_import_confirm(draft=draft, by=directory.user("gkb"), skip_unresolved=True)
    removed_task.refresh_from_db()
    assert removed_task.is_active is False
    assert Task.objects.get(pk=kept_id).text.endswith("并公开采纳情况。")
    version = plan.versions.get(number=2)
    assert version.changes["changed"] == 1 and version.changes["removed"] == 1
    assert plan.tasks.filter(is_active=True).count() == 54


def test_working_day_deadlines_are_flagged():
    assert importing.in_working_days({"deadline_text": "收到后5个工作日内", "text": ""})
    assert not importing.in_working_days({"deadline_text": "年底前", "text": "做好公开"})


def test_confirmed_import_cannot_be_confirmed_twice(directory, seed):
    draft = _draft(directory, seed)
    services.draft_import_confirm(draft=draft, by=directory.user("gkb"), skip_unresolved=True)
    with pytest.raises(DomainError):
        services.draft_import_confirm(draft=DraftImport.objects.get(pk=draft.pk), by=directory.user("gkb"))
