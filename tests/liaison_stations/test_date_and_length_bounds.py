"""Visits dated out of bounds, matters too long and deadlines out of bounds or before
the visit are refused with a clear message, and nothing changes."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from liaison_stations.models import Visit
from tests.access import client_as, get_as
from tests.bounds import OUT_OF_BOUNDS, TOO_LONG, too_long_for
from tests.deputies.factories import MembershipFactory
from tests.liaison_stations.factories import HandlingUnitFactory, StationFactory, VisitFactory

pytestmark = pytest.mark.usefixtures("point_rules")
RECEIVED_ON = datetime.date(2026, 11, 18)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def station(street, my_deputy):
    """A station of the staff's street, and a current deputy they may name as receiving."""
    MembershipFactory(deputy=my_deputy)
    return StationFactory(street=street)


@pytest.fixture
def visit(station):
    return VisitFactory(station=station, received_on=RECEIVED_ON)


def register(user, station, deputy, **changes):
    form = {
        "station": station.pk, "received_on": "2026-11-20", "category": "property",
        "matter": "电梯故障多次报修未修复", "deputies": [deputy.pk],
        "constituents-TOTAL_FORMS": "1", "constituents-INITIAL_FORMS": "0",
        "constituents-0-name": "王先生",
    } | changes  # fmt: skip
    return client_as(user).post(reverse("liaison_stations:register_visit"), form)


def assign(user, visit, deadline):
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "assign"])
    form = {"assign-unit": HandlingUnitFactory().pk, "assign-deadline": deadline}
    return client_as(user).post(url, form, follow=True).content.decode()


@pytest.mark.parametrize("day, message", OUT_OF_BOUNDS)
def test_a_visit_dated_out_of_bounds_is_refused(staff, my_deputy, station, day, message):
    page = register(staff, station, my_deputy, received_on=day)

    assert page.status_code == 200 and message in page.content.decode()
    assert not Visit.objects.exists()


def test_a_matter_of_100000_characters_is_refused(staff, my_deputy, station):
    page = register(staff, station, my_deputy, matter=TOO_LONG)

    assert too_long_for(5000) in page.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("day, message", OUT_OF_BOUNDS)
def test_a_deadline_out_of_bounds_is_refused_and_nothing_changes(staff, visit, day, message):
    assert message in assign(staff, visit, day)

    visit.refresh_from_db()
    assert visit.state == Visit.State.REGISTERED
    assert visit.deadline is None and visit.handling_unit is None


def test_a_deadline_before_the_visit_is_refused_and_nothing_changes(staff, visit):
    page = assign(staff, visit, "2026-11-17")

    assert "办理期限不能早于接待日期（2026年11月18日）。" in page
    visit.refresh_from_db()
    assert visit.state == Visit.State.REGISTERED
    assert visit.deadline is None and visit.handling_unit is None


@pytest.mark.parametrize("step", ["assign", "refer"])
def test_the_visit_refuses_a_deadline_before_it_was_received(db, step):
    visit = VisitFactory(received_on=RECEIVED_ON)

    with pytest.raises(DomainError, match="办理期限不能早于接待日期"):
        getattr(visit, step)(HandlingUnitFactory(), RECEIVED_ON - datetime.timedelta(days=1))

    assert (visit.state, visit.deadline, visit.handling_unit_id) == ("registered", None, None)


def test_a_deadline_on_the_day_of_the_visit_is_accepted(db):
    visit = VisitFactory(received_on=RECEIVED_ON)

    visit.assign(HandlingUnitFactory(), RECEIVED_ON)

    assert (visit.state, visit.deadline) == (Visit.State.ASSIGNED, RECEIVED_ON)


@pytest.mark.parametrize("month", ["0001-01", "1900-01", "9999-12"])
def test_a_roster_month_out_of_bounds_shows_this_month(staff, station, month):
    url = reverse("liaison_stations:roster", args=[station.pk]) + f"?month={month}"

    page = get_as(staff, url)

    assert page.status_code == 200
    assert page.context["month"] == datetime.date(2026, 11, 1)


def test_the_ledger_ignores_a_date_out_of_bounds_and_says_why(staff, visit):
    page = get_as(staff, reverse("liaison_stations:visit_ledger") + "?received_before=0001-01-01")

    assert list(page.context["visits"]) == [visit]
    assert "日期不能早于1949年1月1日。" in page.content.decode()
