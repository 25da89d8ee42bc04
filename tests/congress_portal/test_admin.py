import pytest
from django.urls import reverse

from congress_portal.roles import Role
from tests.access import client_as, get_as
from tests.factories import CommunityFactory, StreetFactory, UserFactory
from tests.queries import assert_fixed_queries


@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_admin_is_for_staff_only(personas, persona):
    response = get_as(personas[persona], reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_admin_index_is_in_chinese(staff):
    page = get_as(staff, reverse("admin:index")).content.decode()

    assert "人大街道工委门户" in page
    assert "社区" in page


def test_street_staff_see_only_their_streets_communities(staff, street):
    CommunityFactory(street=street, name="桂花社区")
    CommunityFactory(street=StreetFactory(name="白鹭街道"), name="金沙社区")

    page = get_as(staff, reverse("admin:congress_portal_community_changelist")).content.decode()

    assert "桂花社区" in page
    assert "金沙社区" not in page


def test_district_staff_see_every_street(db):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    CommunityFactory(name="桂花社区")
    CommunityFactory(name="金沙社区")

    page = get_as(district_staff, reverse("admin:congress_portal_community_changelist"))

    assert "桂花社区" in page.content.decode() and "金沙社区" in page.content.decode()


def test_street_staff_cannot_open_another_streets_community(staff):
    elsewhere = CommunityFactory(street=StreetFactory(name="白鹭街道"))
    url = reverse("admin:congress_portal_community_change", args=[elsewhere.pk])

    response = get_as(staff, url)

    assert response.status_code == 302
    assert response.url == reverse("admin:index")  # the admin's "does not exist"


def test_staff_cannot_see_superusers(staff):
    UserFactory(username="root", is_superuser=True, street=staff.street)

    page = get_as(staff, reverse("admin:congress_portal_user_changelist")).content.decode()

    assert "root" not in page


def _communities_and_users(count=2):
    CommunityFactory.create_batch(count)
    UserFactory.create_batch(count, street=StreetFactory())


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:congress_portal_community_changelist",
        "admin:congress_portal_street_changelist",
        "admin:congress_portal_user_changelist",
    ],
)
def test_admin_lists_run_a_fixed_number_of_queries(db, url_name):
    district_staff = UserFactory(role=Role.STAFF, street=None)

    assert_fixed_queries(district_staff, reverse(url_name), _communities_and_users)


def test_staff_unlock_logins_in_chinese(staff):
    page = get_as(staff, reverse("admin:index")).content.decode()

    assert "登录尝试" in page
    assert reverse("admin:congress_portal_loginattempt_changelist") in page


def test_street_filter_offers_only_the_staff_members_street(staff, street):
    CommunityFactory(street=street)
    CommunityFactory(street=StreetFactory(name="白鹭街道"))

    page = get_as(staff, reverse("admin:congress_portal_community_changelist")).content.decode()

    assert "白鹭街道" not in page


def test_street_staff_cannot_make_an_account_district_wide(staff, street):
    form = {"username": staff.username, "name": staff.name, "street": "", "groups": []}
    url = reverse("admin:congress_portal_user_change", args=[staff.pk])

    page = client_as(staff).post(url, form)

    assert page.status_code == 200  # the form comes back with an error
    staff.refresh_from_db()
    assert staff.street == street


def test_street_staff_offered_only_their_own_street(staff, street):
    StreetFactory(name="白鹭街道")

    page = get_as(staff, reverse("admin:congress_portal_user_add")).content.decode()

    street_choices = page[page.index('name="street"') :]
    assert "白鹭街道" not in page
    assert '<option value="" selected>' not in street_choices[: street_choices.index("</select>")]


def test_only_district_staff_add_streets(staff, db):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    url = reverse("admin:congress_portal_street_add")

    assert get_as(staff, url).status_code == 403
    assert get_as(district_staff, url).status_code == 200


def test_street_staff_see_only_their_streets_locked_logins(staff, street, client):
    UserFactory(username="neighbour", street=StreetFactory(name="白鹭街道"))
    UserFactory(username="local", street=street)
    for username in ["neighbour", "local"]:
        client.post(reverse("login"), {"username": username, "password": "wrong"})

    page = get_as(staff, reverse("admin:congress_portal_loginattempt_changelist")).content.decode()

    assert "local" in page and "neighbour" not in page
