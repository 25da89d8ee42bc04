import datetime

import pytest
from django.urls import reverse

from congress_portal.roles import Role
from deputies import services
from deputies.models import Membership
from tests.access import LOGIN, assert_outcome, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory
from tests.queries import list_queries

pytestmark = pytest.mark.usefixtures("point_rules")


def deputy_with_points(street, staff, name, dates):
    deputy = DeputyFactory(street=street, name=name)
    MembershipFactory(deputy=deputy)
    for day in dates:
        services.approve(PointEntryFactory(deputy=deputy, occurred_on=day), staff)
    return deputy


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_ranking_is_for_staff_and_leadership(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:ranking")), outcome)


def test_ranking_orders_current_deputies_with_quarterly_totals(staff, street):
    deputy_with_points(
        street, staff, "周晓梅", [datetime.date(2026, 2, 1), datetime.date(2026, 8, 1)]
    )
    deputy_with_points(street, staff, "吴海波", [datetime.date(2026, 5, 1)] * 3)
    former = deputy_with_points(street, staff, "郑国强", [datetime.date(2026, 5, 1)] * 5)
    former.memberships.update(
        ended_on=datetime.date(2026, 6, 1), ended_how=Membership.Ended.TRANSFER
    )

    page = get_as(staff, reverse("deputies:ranking") + "?year=2026").content.decode()

    assert page.index("吴海波") < page.index("周晓梅")
    assert "郑国强" not in page
    row = page.split("周晓梅")[1].split("</tr>")[0]
    cells = [cell.split("<")[0] for cell in row.split('class="text-end')[1:]]
    assert [cell.split(">")[1] for cell in cells] == ["3", "0", "3", "0", "6", "—"]


def test_district_leadership_picks_a_street(db, staff):
    neighbour = StreetFactory(name="白鹭街道")
    deputy_with_points(neighbour, staff, "吴海波", [datetime.date(2026, 5, 1)])
    district_leader = UserFactory(role=Role.LEADERSHIP, street=None)

    url = reverse("deputies:ranking") + f"?street={neighbour.pk}&year=2026"
    page = get_as(district_leader, url).content.decode()

    assert "白鹭街道2026年度履职积分排名" in page and "吴海波" in page


def test_street_leadership_cannot_see_another_street(leader, staff):
    neighbour = StreetFactory(name="白鹭街道")
    deputy_with_points(neighbour, staff, "吴海波", [datetime.date(2026, 5, 1)])

    page = get_as(leader, reverse("deputies:ranking") + f"?street={neighbour.pk}").content.decode()

    assert "吴海波" not in page


def test_ranking_runs_a_fixed_number_of_queries(staff, street):
    deputy_with_points(street, staff, "周晓梅", [datetime.date(2026, 5, 1)])
    url = reverse("deputies:ranking") + "?year=2026"
    few = list_queries(staff, url)
    for n in range(20):
        deputy_with_points(street, staff, f"代表{n}", [datetime.date(2026, 5, 1)] * 2)

    assert list_queries(staff, url) == few


@pytest.mark.parametrize(
    "query", ["?street=abc", "?street=²", "?street=1e9", "?year=²", "?year=abc&street=-1"]
)
def test_junk_parameters_are_ignored(staff, street, query):
    response = get_as(staff, reverse("deputies:ranking") + query)

    assert response.status_code == 200
    assert response.context["street"] == street


def test_a_big_street_is_ranked_a_hundred_to_a_page_over_the_whole_street(
    staff, street, monkeypatch
):
    from deputies import views

    monkeypatch.setattr(views, "RANKED_PER_PAGE", 2)
    for name, points in (("甲", 9), ("乙", 7), ("丙", 5)):
        deputy = DeputyFactory(street=street, name=name)
        MembershipFactory(deputy=deputy)
        PointEntryFactory(deputy=deputy, points=points, occurred_on=datetime.date(2026, 3, 1),
                          state="approved")  # fmt: skip

    second = get_as(staff, reverse("deputies:ranking") + "?year=2026&page=2")

    (only,) = second.context["deputies"]
    assert (only["name"], only["rank"]) == ("丙", 3)
    assert "year=2026&amp;page=1" in second.content.decode()
