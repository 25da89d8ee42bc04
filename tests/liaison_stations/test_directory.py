import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from deputies.models import Level
from tests.access import get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory, TermFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import (
    DutyAssignmentFactory,
    DutySessionFactory,
    StationFactory,
)
from tests.queries import list_queries
from tests.uploads import png, png_bytes

TODAY = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
URL = "/stations/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize("persona", ["anonymous", "deputy", "staff", "leadership"])
def test_directory_is_public(personas, persona):
    assert get_as(personas[persona], reverse("liaison_stations:directory")).status_code == 200


def test_directory_shows_station_deputies_and_published_roster(db):
    station = StationFactory(name="桂花社区代表联络站", address="桂花路8号")
    deputy = DeputyFactory(name="周晓梅", phone="13812345678")
    MembershipFactory(deputy=deputy, term=TermFactory(level=Level.CITY, number=16))
    station.deputies.add(deputy)
    published = DutySessionFactory(station=station, date=datetime.date(2026, 11, 24))
    DutyAssignmentFactory(session=published, deputy=DeputyFactory(name="吴海波"))
    DutySessionFactory(station=station, date=datetime.date(2026, 11, 30))  # not yet published
    DutyAssignmentFactory(session__station=station, session__date=datetime.date(2026, 11, 20),
                          deputy=DeputyFactory(name="郑国强"))  # fmt: skip

    page = get_as(None, URL).content.decode()

    assert "桂花社区代表联络站" in page and "桂花路8号" in page
    assert "周晓梅" in page and "市" in page
    assert "13812345678" not in page
    assert "吴海波" in page and "郑国强" not in page
    assert "11月30日" not in page and "2026年11月30日" not in page


def test_closed_stations_are_not_listed(db):
    StationFactory(name="已撤销的联络点", active=False)

    assert "已撤销的联络点" not in get_as(None, URL).content.decode()


def test_session_is_published_three_days_ahead_by_default(db):
    session = DutySessionFactory(date=datetime.date(2026, 12, 2))

    assert session.publish_on == datetime.date(2026, 11, 29)


def test_directory_runs_a_fixed_number_of_queries(db):
    def add_station():
        station = StationFactory()
        deputy = DeputyFactory()
        MembershipFactory(deputy=deputy)
        station.deputies.add(deputy)
        DutyAssignmentFactory(session__station=station, session__date=datetime.date(2026, 11, 23))

    add_station()
    few = list_queries(None, URL)
    for _ in range(10):
        add_station()

    assert list_queries(None, URL) == few


def portrait_url(deputy):
    return reverse("liaison_stations:portrait", args=[deputy.pk])


@pytest.fixture
def photographed(db):
    """A deputy with a photo, in no station yet."""
    return DeputyFactory(name="周晓梅", photo=png("周晓梅.png"))


def test_the_directory_shows_portraits_through_the_public_portrait_view(photographed):
    StationFactory().deputies.add(photographed)

    page = get_as(None, URL).content.decode()

    assert f'src="{portrait_url(photographed)}"' in page and "/media/" not in page


def test_anyone_sees_the_portrait_of_a_deputy_the_directory_shows(photographed):
    StationFactory().deputies.add(photographed)
    StationFactory().deputies.add(photographed)  # at two stations: still one portrait

    response = get_as(None, portrait_url(photographed))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


@pytest.mark.parametrize("station", [None, "closed"])
def test_the_portrait_of_a_deputy_the_directory_does_not_show_is_not_public(
    photographed, personas, station
):
    if station:
        StationFactory(active=False).deputies.add(photographed)

    for persona in ["anonymous", "deputy", "staff"]:
        assert get_as(personas[persona], portrait_url(photographed)).status_code == 404


def test_the_directory_finds_a_station_by_its_deputy_or_its_name(db):
    guihua = StationFactory(name="桂花社区代表联络站")
    StationFactory(name="白鹭社区代表联络站")
    deputy = DeputyFactory(name="周晓梅")
    guihua.deputies.add(deputy)

    by_deputy = Client().get(URL, {"q": "周晓梅"}).content.decode()
    by_name = Client().get(URL, {"q": "白鹭"}).content.decode()

    assert "桂花社区代表联络站" in by_deputy and "白鹭社区代表联络站" not in by_deputy
    assert "白鹭社区代表联络站" in by_name and "桂花社区代表联络站" not in by_name


def test_the_directory_filters_by_street_pages_and_calls(db):
    qingshi = StreetFactory(name="青石街道")
    for n in range(12):
        StationFactory(street=qingshi, name=f"青石第{n:02}站", contact_phone="0571-88886666")
    StationFactory(street=StreetFactory(name="白鹭街道"), name="白鹭站")

    first = Client().get(URL, {"street": qingshi.pk}).content.decode()
    second = Client().get(URL, {"street": qingshi.pk, "page": 2}).content.decode()

    assert "白鹭站" not in first + second
    assert first.count("青石第") == 10 and second.count("青石第") == 2
    assert 'href="tel:0571-88886666"' in first
    assert f"street={qingshi.pk}&amp;page=2" in first
