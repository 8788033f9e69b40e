import pytest

from gongkai.organisations.models import UnitGroup
from gongkai.organisations.resolver import load_directory, normalise, resolve_name
from gongkai.organisations.selectors import group_members


@pytest.mark.parametrize("printed", ["市发展改革局", "市发改局", "江门市发展和改革局", " 江门市 发展和改革局 "])
def test_official_short_and_alias_names_resolve_to_one_unit(directory, printed):
    result = resolve_name(printed)
    assert result.kind == "unit"
    assert result.unit == directory.unit("市发展改革局")


def test_traditional_characters_resolve(directory):
    result = resolve_name("江門市民政局")
    assert result.kind == "unit"
    assert result.unit == directory.unit("市民政局")


@pytest.mark.parametrize("printed", ["各市（区）政府", "各市(区)政府", "各市（区）人民政府", "各市 (区) 政府"])
def test_brackets_and_spaces_do_not_matter_for_groups(directory, printed):
    result = resolve_name(printed)
    assert result.kind == "group"
    assert result.group.name == "各市（区）政府"


def test_group_resolves_to_its_set_of_units(directory):
    result = resolve_name("市直各部门")
    assert result.kind == "group"
    members = set(group_members(result.group).values_list("short_name", flat=True))
    assert {"市政府办公室", "市发展改革局", "市民政局", "市财政局"} <= members
    assert "市委宣传部" not in members  # kind OTHER is not a government department
    assert "蓬江区政府" not in members


def test_rule_based_groups_follow_the_directory(directory):
    group = UnitGroup.objects.get(name="各市（区）政府")
    assert group_members(group).count() == 7
    offices = UnitGroup.objects.get(name="各股室")
    assert set(group_members(offices).values_list("name", flat=True)) == {
        "办公室", "社会救助股", "社会事务和社会工作股", "基层政权和社区治理股"}


def test_district_units_resolve_with_their_own_prefix(directory):
    assert resolve_name("区民政局").unit.name == "江门市蓬江区民政局"
    assert resolve_name("蓬江区民政局").unit.name == "江门市蓬江区民政局"


def test_unknown_name_is_unresolved_with_close_candidates(directory):
    result = resolve_name("市发展和改革委员会")
    assert result.kind == "unresolved"
    assert result.candidates
    assert result.candidates[0][0] == "江门市发展和改革局"
    assert result.as_dict()["id"] is None


def test_an_office_name_shared_by_units_is_ambiguous_without_context(directory):
    from gongkai.organisations.services import unit_create

    unit_create(name="办公室", kind="office", parent=directory.unit("市民政局"))
    result = resolve_name("办公室")
    assert result.kind == "ambiguous"
    within = resolve_name("办公室", within=directory.unit("区民政局"))
    assert within.kind == "unit" and within.unit.parent.short_name == "区民政局"


def test_normalise_folds_width_traditional_and_spaces():
    assert normalise(" 江門市（蓬江區） ") == "江门市(蓬江区)"


def test_directory_index_is_built_in_two_queries(directory, django_assert_num_queries):
    with django_assert_num_queries(2):
        load_directory()
