import pytest
from django.urls import reverse

from gongkai.organisations.selectors import can_see_unit, visible_units


def test_coordinator_sees_the_whole_government(directory):
    gkb = directory.user("gkb")
    units = visible_units(gkb)
    assert directory.unit("市民政局") in units
    assert directory.unit("区民政局") in units  # a district is part of the city's subtree


def test_district_coordinator_does_not_see_the_city(directory):
    coordinator = directory.user("pj_gkb")
    assert can_see_unit(coordinator, directory.unit("区民政局"))
    assert not can_see_unit(coordinator, directory.unit("市民政局"))
    assert not can_see_unit(coordinator, directory.city)


def test_liaison_sees_own_unit_and_its_sub_units_only(directory):
    liaison = directory.user("pjmz")
    names = set(visible_units(liaison).values_list("name", flat=True))
    assert names == {"江门市蓬江区民政局", "办公室", "社会救助股", "社会事务和社会工作股", "基层政权和社区治理股"}


def test_leader_has_read_only_oversight_of_the_government(directory):
    assert can_see_unit(directory.user("leader"), directory.unit("市财政局"))


def test_unit_page_of_another_unit_is_not_found(client, directory):
    client.force_login(directory.user("fgj"))
    response = client.get(reverse("organisations:unit_detail", args=[directory.unit("市民政局").pk]))
    assert response.status_code == 404


def test_api_lists_only_visible_units(client, directory):
    client.force_login(directory.user("fgj"))
    response = client.get("/api/org/units/")
    assert response.status_code == 200
    assert [u["short_name"] for u in response.json()["results"]] == ["市发展改革局"]


def test_api_requires_login(client, directory):
    assert client.get("/api/org/units/").status_code == 403


def test_api_token_authentication(client, directory):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=directory.user("gkb"))
    response = client.get("/api/org/units/resolve/", {"name": "江門市民政局"}, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.json()["name"] == "江门市民政局"


@pytest.mark.parametrize(("username", "allowed"), [("gkb", True), ("fgj", False), ("leader", False)])
def test_admin_is_for_coordinators_only(client, directory, username, allowed):
    client.force_login(directory.user(username))
    response = client.get("/admin/organisations/unit/")
    assert (response.status_code == 200) is allowed


def test_unit_list_query_count_does_not_grow_with_units(client, directory, django_assert_max_num_queries):
    client.force_login(directory.user("gkb"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("organisations:unit_list")).status_code == 200
