"""The deputy picker: the searchable selects of co-signers and a visit's receivers ask
this endpoint for options as the user types, instead of holding every deputy."""

import pytest
from django.urls import reverse

from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import CommunityFactory, StreetFactory
from tests.liaison_stations.factories import StationFactory
from tests.queries import assert_fixed_queries
from tests.suggestions.factories import CongressSessionFactory

PICK = reverse("deputies:pick")


def current(street, name, **fields):
    deputy = DeputyFactory(street=street, name=name, **fields)
    MembershipFactory(deputy=deputy)
    return deputy


def picked(user, typed):
    response = get_as(user, f"{PICK}?q={typed}")
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 200), ("deputy", 200), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_staff_and_deputies_pick_deputies(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], f"{PICK}?q=王"), outcome)


def test_a_units_account_picks_nobody(other_unit_account):
    assert_outcome(get_as(other_unit_account, f"{PICK}?q=王"), 403)


def test_staff_pick_current_deputies_of_their_street_by_part_of_the_name(staff, street):
    community = CommunityFactory(street=street, name="桂花社区")
    current(street, "王丽", community=community)
    current(street, "王小丽")
    current(street, "李强")
    DeputyFactory(street=street, name="王前任")  # no open membership: not current
    current(StreetFactory(name="白鹭街道"), "王白鹭")

    results = get_as(staff, f"{PICK}?q=丽").json()["results"]

    assert {(row["text"], row["community"]) for row in results} == {
        ("王丽", "桂花社区"),
        ("王小丽", ""),
    }
    assert sorted(picked(staff, "王")) == sorted(["王丽", "王小丽"])


def test_district_staff_pick_in_every_street(district_staff):
    current(StreetFactory(name="青石街道"), "王青石")
    current(StreetFactory(name="白鹭街道"), "王白鹭")

    assert sorted(picked(district_staff, "王")) == ["王白鹭", "王青石"]


def test_a_deputy_picks_colleagues_of_their_own_street_but_not_themself(deputy, my_deputy, street):
    MembershipFactory(deputy=my_deputy)
    current(street, "王丽")
    current(StreetFactory(name="白鹭街道"), "王白鹭")

    assert picked(deputy, "王") == ["王丽"]
    assert picked(deputy, my_deputy.name[:1]) == []


def test_nothing_typed_picks_nothing_and_many_matches_are_cut_at_twenty(staff, street):
    for number in range(25):
        current(street, f"王{number:02d}")

    assert picked(staff, "") == []
    assert picked(staff, "王") == [f"王{number:02d}" for number in range(20)]


def test_picking_runs_a_fixed_number_of_queries(staff, street):
    def add_rows(count=1):
        for _n in range(count):
            current(street, "王丽", community=CommunityFactory(street=street))

    assert_fixed_queries(staff, f"{PICK}?q=王", add_rows)


def test_another_streets_deputy_is_refused_by_the_form_even_if_posted(deputy, my_deputy, street):
    """The picker only offers; the form's own choices decide (a forged pk is refused)."""
    session = CongressSessionFactory()
    MembershipFactory(deputy=my_deputy, term=session.term)
    outsider = current(StreetFactory(name="白鹭街道"), "王白鹭")
    data = {"title": "关于增设信号灯的建议", "kind": "during_session", "session": session.pk,
            "category": "urban", "reasons": "路口拥堵。", "proposals": "增设信号灯。",
            "cosigners": [outsider.pk]}  # fmt: skip

    page = client_as(deputy).post(reverse("suggestions:new"), data).content.decode()

    assert "选择一个有效的选项" in page


def test_the_visit_form_of_staff_holds_only_the_chosen_deputies(staff, street):
    StationFactory(street=street)
    for number in range(30):
        current(street, f"代表{number:02d}")

    page = get_as(staff, reverse("liaison_stations:register_visit")).content.decode()

    assert "代表00" not in page and "代表29" not in page
    assert f'data-picker-url="{PICK}"' in page
