import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from liaison_stations.models import DutyAssignment
from tests.access import LOGIN, assert_outcome, get_as
from tests.factories import CommunityFactory, StreetFactory
from tests.liaison_stations.factories import DutyAssignmentFactory, StationFactory
from tests.queries import list_queries

TODAY = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def roster_url(station, month="2026-11"):
    return reverse("liaison_stations:roster", args=[station.pk]) + f"?month={month}"


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 200), ("anonymous", LOGIN)],
)
def test_roster_is_for_signed_in_users(personas, my_deputy, street, persona, outcome):
    assert_outcome(get_as(personas[persona], roster_url(StationFactory(street=street))), outcome)


@pytest.mark.parametrize("persona", ["staff", "deputy"])
def test_another_streets_roster_is_not_found(personas, my_deputy, persona):
    station = StationFactory(street=StreetFactory(name="白鹭街道"))

    assert get_as(personas[persona], roster_url(station)).status_code == 404


def test_a_deputy_without_a_deputy_record_finds_no_roster(deputy, street):
    assert get_as(deputy, roster_url(StationFactory(street=street))).status_code == 404


def test_roster_shows_checked_in_missed_and_scheduled(staff, street):
    station = StationFactory(street=street)
    for day, name in [(4, "周晓梅"), (11, "吴海波"), (25, "郑国强")]:
        DutyAssignmentFactory(
            session__station=station, session__date=datetime.date(2026, 11, day), deputy__name=name
        )
    DutyAssignment.objects.filter(deputy__name="周晓梅").update(checked_in_at=timezone.now())

    page = get_as(staff, roster_url(station)).content.decode()

    assert page.index("周晓梅") < page.index("已签到") < page.index("吴海波") < page.index("缺席")
    assert page.index("郑国强") < page.index("待值班", page.index("郑国强"))


def test_roster_runs_a_fixed_number_of_queries(staff, street):
    station = StationFactory(street=street)
    DutyAssignmentFactory(session__station=station, session__date=datetime.date(2026, 11, 4))
    few = list_queries(staff, roster_url(station))
    for day in range(5, 20):
        DutyAssignmentFactory.create_batch(2, session__station=station,
                                           session__date=datetime.date(2026, 11, day))  # fmt: skip

    assert list_queries(staff, roster_url(station)) == few


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_coverage_is_for_staff_and_leadership(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("liaison_stations:coverage")), outcome)


def test_coverage_counts_communities_with_a_station(staff, street):
    covered = CommunityFactory(street=street, name="桂花社区")
    CommunityFactory(street=street, name="新华社区")
    StationFactory(street=street, community=covered, name="桂花社区代表联络站")

    page = get_as(staff, reverse("liaison_stations:coverage")).content.decode()

    assert "2 个社区中有 1 个已建联络站" in page
    assert "桂花社区代表联络站" in page
