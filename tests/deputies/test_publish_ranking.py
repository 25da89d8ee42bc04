"""Staff publish (公布) a quarter's ranking from the ranking page, once, after it ends."""

import datetime

import pytest
import time_machine

from congress_portal.roles import Role
from deputies.models import PublishedQuarter
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory

pytestmark = pytest.mark.usefixtures("point_rules")
NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
PUBLISH = "/deputies/ranking/publish/"
RANKING = "/deputies/ranking/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def publish(user, street, quarter, year=2026):
    form = {"street": street.pk, "year": year, "quarter": quarter}
    return client_as(user).post(PUBLISH, form, follow=True)


@pytest.mark.parametrize(
    "persona, outcome", [("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)]
)
def test_only_staff_publish(personas, street, persona, outcome):
    form = {"street": street.pk, "year": 2026, "quarter": 2}

    assert_outcome(client_as(personas[persona]).post(PUBLISH, form), outcome)
    assert not PublishedQuarter.objects.exists()


def test_publishing_needs_a_post(staff):
    assert get_as(staff, PUBLISH).status_code == 405


def test_staff_publish_an_ended_quarter_and_the_ranking_says_so(staff, street, leader):
    response = publish(staff, street, 3)

    published = PublishedQuarter.objects.get()
    assert (published.street, published.year, published.quarter) == (street, 2026, 3)
    assert published.published_by == staff and published.published_at is not None
    assert "2026年第3季度积分排名已公布" in response.content.decode()
    page = get_as(leader, RANKING + "?year=2026").content.decode()
    assert "2026年第3季度积分排名已于 2026-11-21 由" in page
    assert '三季度 <span class="badge text-bg-success">已公布</span>' in page


def test_staff_are_offered_the_ended_quarters_not_yet_published(staff, street, leader):
    publish(staff, street, 1)

    offered = get_as(staff, RANKING + "?year=2026").context["publishable"]

    assert offered == [2, 3]
    assert "publishable" not in get_as(leader, RANKING + "?year=2026").context


@pytest.mark.parametrize(
    "quarter, year, message",
    [(4, 2026, "2026年第4季度尚未结束"), (1, 2027, "2027年第1季度尚未结束")],
)
def test_a_quarter_that_has_not_ended_is_refused(staff, street, quarter, year, message):
    response = publish(staff, street, quarter, year)

    assert message in response.content.decode()
    assert not PublishedQuarter.objects.exists()


def test_a_quarter_is_published_once_and_never_before_a_later_one(staff, street):
    publish(staff, street, 2)

    again = publish(staff, street, 2).content.decode()
    earlier = publish(staff, street, 1).content.decode()

    assert "2026年第2季度或其后的季度已经公布" in again
    assert "2026年第1季度或其后的季度已经公布" in earlier
    assert PublishedQuarter.objects.count() == 1


def test_claims_waiting_for_review_up_to_the_quarters_end_block_publishing(staff, street):
    deputy = DeputyFactory(street=street)
    PointEntryFactory(deputy=deputy, occurred_on=datetime.date(2026, 3, 31))
    PointEntryFactory(deputy=deputy, occurred_on=datetime.date(2026, 10, 1))
    PointEntryFactory(deputy=DeputyFactory(), occurred_on=datetime.date(2026, 3, 1))

    response = publish(staff, street, 2)

    assert "2026年第2季度结束前的 1 条申报尚待审核" in response.content.decode()
    assert not PublishedQuarter.objects.exists()


def test_street_staff_cannot_publish_for_another_street(staff):
    neighbour = StreetFactory(name="白鹭街道")

    response = publish(staff, neighbour, 2)

    assert "请选择街道、年度和已结束的季度" in response.content.decode()
    assert not PublishedQuarter.objects.exists()


def test_district_staff_publish_for_the_street_they_chose(db, street):
    neighbour = StreetFactory(name="白鹭街道")
    district = UserFactory(role=Role.STAFF, street=None)

    response = publish(district, neighbour, 2)

    assert PublishedQuarter.objects.get().street == neighbour
    assert response.redirect_chain[-1][0] == f"{RANKING}?street={neighbour.pk}&year=2026"


def unpublish(user, published):
    url = f"/admin/deputies/publishedquarter/{published.pk}/delete/"
    return client_as(user).post(url, {"post": "yes"})


def test_district_staff_withdraw_a_street_s_latest_publication_in_the_admin(staff, street):
    publish(staff, street, 1)
    publish(staff, street, 2)
    first, latest = PublishedQuarter.objects.order_by("quarter")
    district_staff = UserFactory(role=Role.STAFF, street=None)

    assert unpublish(district_staff, first).status_code == 403
    assert unpublish(staff, latest).status_code == 403
    assert unpublish(district_staff, latest).status_code == 302

    assert list(PublishedQuarter.objects.all()) == [first]
    assert get_as(staff, "/admin/deputies/publishedquarter/").status_code == 200
