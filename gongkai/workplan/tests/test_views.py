"""Pages and API: the review screen, permissions, fixed query counts on list pages."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.workplan import services
from gongkai.workplan.models import Assignment, DraftImport, Plan, ProgressReport, Task

pytestmark = pytest.mark.django_db


def _login(client, directory, username):
    client.force_login(directory.user(username))
    return client


def test_upload_then_review_screen_shows_tasks_beside_the_original(client, directory, seed):
    _login(client, directory, "gkb")
    name, data = seed("000")
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(reverse("workplan:import"), {"file": upload})
    draft = DraftImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("workplan:import_review", args=[draft.pk])
    page = client.get(response.url).content.decode()
    assert "江府办函〔2021〕129号" in page
    assert "专栏每月至少更新2条信息" in page  # original source lines beside task 15
    assert "第55项" in page and "市直有关部门" in page
    assert Plan.objects.count() == 0


def test_review_corrections_are_saved_and_confirm_writes_the_ledger(client, directory, seed):
    _login(client, directory, "gkb")
    name, data = seed("000")
    draft = services.draft_import_create(owner=directory.city, filename=name, data=data, by=directory.user("gkb"))
    post = {"title": "江门市2021年政务公开工作要点分工方案（修订）", "issuer": "江门市人民政府办公室",
            "doc_number": "江府办函〔2021〕129号", "year": "2021", "action": "save"}
    for i, task in enumerate(draft.review["tasks"]):
        post.update({f"t-{i}-include": "on", f"t-{i}-no": task["no"], f"t-{i}-section": " / ".join(task["section"]),
                     f"t-{i}-text": task["text"], f"t-{i}-deadline": task["deadline"] or "",
                     f"t-{i}-deadline_text": task["deadline_text"], f"t-{i}-recurrence": task["recurrence"],
                     f"t-{i}-min": task["recurrence_min_count"] or ""})
        for role in ("lead", "responsible", "cooperate", "reference"):
            post[f"t-{i}-{role}"] = "、".join(task["units"][role])
    del post["t-1-include"]  # leave task 2 out
    post["t-0-responsible"] = "市直有关部门、市未知局"
    client.post(reverse("workplan:import_review", args=[draft.pk]), post)
    draft.refresh_from_db()
    assert draft.review["tasks"][1]["include"] is False
    assert draft.review["resolutions"]["市未知局"]["kind"] == "unresolved"
    page = client.get(reverse("workplan:import_review", args=[draft.pk])).content.decode()
    assert "个名称未识别" in page
    response = client.post(reverse("workplan:import_review", args=[draft.pk]), {**post, "action": "confirm"})
    assert Plan.objects.count() == 0 and "未识别" in client.get(response.url).content.decode()
    response = client.post(reverse("workplan:import_review", args=[draft.pk]),
                           {**post, "action": "confirm", "skip_unresolved": "on"})
    plan = Plan.objects.get()
    assert response.url == reverse("workplan:plan_detail", args=[plan.pk])
    assert plan.title.endswith("（修订）") and plan.tasks.count() == 54


def test_only_coordinators_import(client, directory):
    _login(client, directory, "fgj")
    assert client.get(reverse("workplan:import")).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_ledger_list_has_a_fixed_number_of_queries(client, directory, django_assert_num_queries, size, import_plan):
    plan = Plan.objects.create(owner=directory.city, title="测试方案", year=2026)
    units = list(directory.city.children.all()[: 4 * size])
    for n in range(10 * size):
        task = Task.objects.create(plan=plan, order=n, text=f"任务{n}")
        for unit in units:
            Assignment.objects.create(task=task, unit=unit, role="responsible")
    _login(client, directory, "gkb")
    client.get(reverse("workplan:plan_detail", args=[plan.pk]))  # warm caches (session, roles)
    with django_assert_num_queries(11):  # the warm working-day calendar costs none
        response = client.get(reverse("workplan:plan_detail", args=[plan.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 4])
def test_my_tasks_has_a_fixed_number_of_queries(client, directory, django_assert_num_queries, size):
    plan = Plan.objects.create(owner=directory.city, title="测试方案", year=2026)
    unit = directory.unit("市民政局")
    for n in range(8 * size):
        task = Task.objects.create(plan=plan, order=n, text=f"任务{n}", deadline=dt.date(2026, 12, 31))
        Assignment.objects.create(task=task, unit=unit, role="responsible")
    _login(client, directory, "mzj_jb")
    client.get(reverse("workplan:my_tasks"))
    with django_assert_num_queries(10):  # the warm working-day calendar costs none
        response = client.get(reverse("workplan:my_tasks"))
    assert response.content.decode().count("任务") >= 8 * size


def test_my_tasks_filters_and_search(client, directory, import_plan):
    plan = import_plan("000")
    _login(client, directory, "mzj_jb")
    everything = client.get(reverse("workplan:my_tasks")).context["page"].paginator.count
    assert everything == Assignment.objects.filter(task__plan=plan, unit=directory.unit("市民政局")).count()
    found = client.get(reverse("workplan:my_tasks"), {"q": "惠民惠农"}).context["rows"]
    assert [r["a"].task.no for r in found] == ["9"]
    lead = client.get(reverse("workplan:my_tasks"), {"role": "lead"}).context["page"].paginator.count
    assert lead == 0


def _tasks_with_deadlines(directory, deadlines: dict[str, tuple[dt.date, bool]]) -> None:
    """One task per entry (text → deadline, counted in 工作日), assigned to 市民政局."""
    plan = Plan.objects.create(owner=directory.city, title="测试方案", year=2026)
    for n, (text, (deadline, working_days)) in enumerate(deadlines.items()):
        task = Task.objects.create(plan=plan, order=n, text=text, deadline=deadline,
                                   deadline_in_working_days=working_days)
        Assignment.objects.create(task=task, unit=directory.unit("市民政局"), role="responsible")


def _my_tasks_on(client, day: dt.date, **params):
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        return client.get(reverse("workplan:my_tasks"), params).context


def test_due_soon_list_and_labels_count_the_same_working_days(client, directory):
    # Bundled 2026 calendar. From 2月12日 (Thu) the 7 working days of the window are 13, 14 (Sat, 调休), then
    # after 春节 (15—23) 24, 25, 26, 27 and 28 (Sat, 调休); 3月1日 is a Sunday, 3月2日 the 8th working day.
    # Seven calendar days reach 2月19日.
    _tasks_with_deadlines(directory, {
        "工作日2月27日": (dt.date(2026, 2, 27), True), "工作日3月1日": (dt.date(2026, 3, 1), True),
        "工作日3月2日": (dt.date(2026, 3, 2), True), "自然日2月19日": (dt.date(2026, 2, 19), False),
        "自然日2月20日": (dt.date(2026, 2, 20), False), "工作日2月11日": (dt.date(2026, 2, 11), True),
    })
    _login(client, directory, "mzj_jb")
    today = dt.date(2026, 2, 12)
    labelled = {r["a"].task.text for r in _my_tasks_on(client, today)["rows"] if r["due_label"] == "即将到期"}
    assert labelled == {"工作日2月27日", "工作日3月1日", "自然日2月19日"}
    listed = _my_tasks_on(client, today, due="due_soon")
    assert {r["a"].task.text for r in listed["rows"]} == labelled
    assert listed["counts"]["due_soon"] == 3


def test_a_deadline_passed_over_the_weekend_is_listed_and_labelled_overdue(client, directory):
    _tasks_with_deadlines(directory, {"工作日3月6日": (dt.date(2026, 3, 6), True)})  # a Friday
    _login(client, directory, "mzj_jb")
    saturday = dt.date(2026, 3, 7)
    assert [r["due_label"] for r in _my_tasks_on(client, saturday)["rows"]] == ["已逾期"]
    assert [r["due_label"] for r in _my_tasks_on(client, saturday, due="overdue")["rows"]] == ["已逾期"]
    assert _my_tasks_on(client, saturday, due="due_soon")["rows"] == []


@override_settings(GONGKAI_WORKPLAN_DUE_SOON_DAYS=3)
def test_ledger_my_tasks_and_the_assignment_page_label_a_task_alike(client, directory):
    # From 2月12日 the 3rd working day is 2月24日 (13, 14 调休, then 24 after 春节); 2月25日 is the 4th.
    _tasks_with_deadlines(directory, {"工作日2月24日": (dt.date(2026, 2, 24), True),
                                      "工作日2月25日": (dt.date(2026, 2, 25), True)})
    _login(client, directory, "mzj_jb")
    expected = {"工作日2月24日": "即将到期", "工作日2月25日": ""}
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 2, 12)):
        mine = client.get(reverse("workplan:my_tasks")).context["rows"]
        assert {r["a"].task.text: r["due_label"] for r in mine} == expected
        ledger = client.get(reverse("workplan:plan_detail", args=[Plan.objects.get().pk])).context["rows"]
        assert {r["task"].text: r["due_label"] for r in ledger} == expected
        for row in mine:
            page = client.get(reverse("workplan:assignment_detail", args=[row["a"].pk])).context
            assert page["due_label"] == expected[row["a"].task.text]


def test_unit_reports_progress_with_an_attachment_and_others_cannot(client, directory, import_plan):
    plan = import_plan("000")
    a = Assignment.objects.get(task__plan=plan, task__no="9", unit=directory.unit("市民政局"))
    _login(client, directory, "fgj")
    assert client.post(reverse("workplan:assignment_detail", args=[a.pk]), {"text": "x"}).status_code in (403, 404)
    _login(client, directory, "mzj_jb")
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF")
    pdf.name = "发放名单截图.pdf"
    response = client.post(reverse("workplan:assignment_detail", args=[a.pk]), {
        "text": "已公开惠民惠农资金发放信息", "reported_on": dt.date.today().isoformat(), "evidence_links": "",
        "files": [pdf]})
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    attachment = report.attachments.get()
    assert client.get(reverse("workplan:attachment", args=[attachment.pk])).status_code == 200
    _login(client, directory, "fgj")
    assert client.get(reverse("workplan:attachment", args=[attachment.pk])).status_code == 404
    # the lead unit's assignment (市财政局) shows the other units' reports, for the consolidated one;
    # the other unit (市发改局) cannot open it, the coordinator can
    lead = Assignment.objects.get(task=a.task, role="lead")
    assert client.get(reverse("workplan:assignment_detail", args=[lead.pk])).status_code == 404
    _login(client, directory, "gkb")
    page = client.get(reverse("workplan:assignment_detail", args=[lead.pk]))
    assert page.status_code == 200 and list(page.context["partner_reports"]) == [report]
    assert "已公开惠民惠农资金发放信息" in page.content.decode()


def test_api_lists_scoped_assignments_and_accepts_progress(client, directory, import_plan):
    plan = import_plan("000")
    _login(client, directory, "mzj_jb")
    response = client.get("/api/plans/assignments/", {"task__plan": plan.pk})
    ids = {row["unit_name"] for row in response.json()["results"]}
    assert ids == {"江门市民政局"}
    a = Assignment.objects.get(task__plan=plan, task__no="9", unit=directory.unit("市民政局"))
    created = client.post("/api/plans/progress/", {"assignment": a.pk, "text": "接口报送"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["unit_name"] == "江门市民政局"
    other = Assignment.objects.get(task__plan=plan, task__no="3", unit=directory.unit("市商务局"))
    refused = client.post("/api/plans/progress/", {"assignment": other.pk, "text": "越权"}, content_type="application/json")
    assert refused.status_code in (400, 403)
    bad = client.post(f"/api/plans/assignments/{a.pk}/transition/", {"status": "not_applicable"},
                      content_type="application/json")
    assert bad.status_code == 400 and "理由" in bad.json()["detail"]
    tasks = client.get("/api/plans/tasks/", {"plan": plan.pk}).json()
    assert tasks["count"] == 55


def test_openapi_schema_lists_the_ledger_endpoints(client, directory):
    _login(client, directory, "gkb")
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/plans/progress/" in schema["paths"] and "/api/plans/assignments/{id}/transition/" in schema["paths"]


def test_supervision_pages_render_for_the_coordinator(client, directory, import_plan):
    plan = import_plan("000")
    _login(client, directory, "gkb")
    for name in ("bulletin_list", "assessment", "lookback", "review_list", "cascade", "plan_versions"):
        assert client.get(reverse(f"workplan:{name}", args=[plan.pk])).status_code == 200, name
    response = client.post(reverse("workplan:bulletin_list", args=[plan.pk]),
                           {"kind": "monthly", "as_of": dt.date.today().isoformat(), "remarks": ""})
    bulletin = plan.bulletins.get()
    assert response.url == reverse("workplan:bulletin_detail", args=[bulletin.pk])
    docx = client.get(reverse("workplan:bulletin_download", args=[bulletin.pk, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    _login(client, directory, "fgj")
    assert client.get(reverse("workplan:assessment", args=[plan.pk])).status_code == 403
    assert client.get(reverse("workplan:bulletin_detail", args=[bulletin.pk])).status_code == 404  # draft


def test_workspace_panels_by_role(directory, import_plan):
    from gongkai.workplan.dashboard import panels

    plan = import_plan("000")
    plan.year = dt.date.today().year
    plan.save()
    titles = [p.title for p in panels(directory.user("gkb"))]
    assert any(plan.title[:10] in t for t in titles)
    liaison = panels(directory.user("mzj_jb"))
    assert liaison[0].title == "我的台账任务"
