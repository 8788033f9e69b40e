import pytest

from gongkai.organisations.models import Unit, UnitGroup
from gongkai.organisations.transfer import (
    ImportRejected,
    export_bytes,
    groups_import,
    read_rows,
    units_import,
)


def test_units_export_and_reimport_round_trip(directory):
    data = export_bytes("units", "xlsx")
    before = {(u.name, u.short_name, u.kind, u.parent_id, u.credit_code) for u in Unit.objects.all()}
    report = units_import(rows=read_rows(data, "units.xlsx"))
    assert report.created == 0 and report.updated == len(before)
    assert {(u.name, u.short_name, u.kind, u.parent_id, u.credit_code) for u in Unit.objects.all()} == before


def test_csv_import_creates_units_under_parents_defined_earlier(directory):
    csv = (
        "名称,简称,别名,类型,层级,地区名,上级单位,统一社会信用代码,排序\n"
        "江门市江海区民政局,区民政局,江海民政,部门,,,江门市江海区人民政府,,5\n"
        "社会救助股,,,内设机构,,,江门市江海区民政局,,1\n"
    ).encode("utf-8-sig")
    report = units_import(rows=read_rows(csv, "u.csv"))
    assert report.created == 2
    assert Unit.objects.get(name="社会救助股", parent__name="江门市江海区民政局").path.count("/") == 5


def test_one_bad_row_rejects_the_whole_file(directory):
    count = Unit.objects.count()
    csv = (
        "名称,简称,别名,类型,层级,地区名,上级单位,统一社会信用代码,排序\n"
        "新单位甲,,,部门,,,江门市人民政府,,1\n"
        "新单位乙,,,衙门,,,江门市人民政府,,x\n"
        "新单位丙,,,部门,,,不存在的政府,,1\n"
    ).encode("utf-8-sig")
    with pytest.raises(ImportRejected) as caught:
        units_import(rows=read_rows(csv, "u.csv"))
    errors = "\n".join(caught.value.errors)
    assert "第3行“类型”无法识别：衙门" in errors
    assert "第3行“排序”应为整数" in errors
    assert "第4行上级单位“不存在的政府”不存在" in errors
    assert Unit.objects.count() == count


def test_wrong_credit_code_check_digit_is_reported(directory):
    csv = ("名称,类型,上级单位,统一社会信用代码\n新单位,部门,江门市人民政府,11440700000000101X\n").encode()
    with pytest.raises(ImportRejected, match="统一社会信用代码"):
        units_import(rows=read_rows(csv, "u.csv"))


def test_groups_round_trip_keeps_rules_and_members(directory):
    static = UnitGroup.objects.create(name="重点部门", owner=directory.city, rule="static")
    static.members.set([directory.unit("市财政局"), directory.unit("市民政局")])
    data = export_bytes("groups", "csv")
    groups_import(rows=read_rows(data, "g.csv"))
    again = UnitGroup.objects.get(name="重点部门")
    assert set(again.members.values_list("short_name", flat=True)) == {"市财政局", "市民政局"}
    assert UnitGroup.objects.get(name="市直各部门").rule == "departments"


def test_import_page_shows_row_errors(client, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(directory.user("gkb"))
    upload = SimpleUploadedFile("u.csv", "名称,类型\n坏单位,衙门\n".encode())
    response = client.post("/staff/org/transfer/", {"kind": "units", "file": upload})
    assert "第2行“类型”无法识别" in response.content.decode()


def test_unsupported_file_type_is_refused(directory):
    with pytest.raises(ImportRejected, match="只支持"):
        read_rows(b"x", "units.doc")
