"""The choices of the admin's forms and inlines: street staff choose only their
street's rows, whatever the widget (select, autocomplete), and a foreign id
POSTed is an error that saves nothing."""

import pytest
from django.urls import reverse

from deputies.models import Attendance, PointEntry, PointRule
from liaison_stations.models import DutySession
from tests.access import client_as, get_as
from tests.deputies.factories import ActivityFactory, DeputyFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import StationFactory

pytestmark = pytest.mark.usefixtures("point_rules")
INVALID_CHOICE = "选择一个有效的选项"


@pytest.fixture
def neighbour(db):
    """A deputy of another street, with a station there."""
    deputy = DeputyFactory(street=StreetFactory(name="白鹭街道"), name="吴海波")
    StationFactory(street=deputy.street, name="白鹭联络站")
    return deputy


def duty_session_form(station, deputy):
    return {
        "station": station.pk, "date": "2026-11-25", "starts_at": "09:00", "ends_at": "11:30",
        "publish_on": "2026-11-22",
        "assignments-TOTAL_FORMS": "1", "assignments-INITIAL_FORMS": "0",
        "assignments-0-deputy": deputy.pk,
    }  # fmt: skip


def test_duty_session_choices_are_the_streets_own(staff, street, neighbour):
    StationFactory(street=street, name="青石联络站")

    page = get_as(staff, reverse("admin:liaison_stations_dutysession_add")).content.decode()

    assert "青石联络站" in page and "白鹭联络站" not in page


def test_a_duty_session_cannot_put_another_streets_deputy_on_duty(staff, street, neighbour):
    station = StationFactory(street=street)
    url = reverse("admin:liaison_stations_dutysession_add")

    page = client_as(staff).post(url, duty_session_form(station, neighbour))

    assert page.status_code == 200 and INVALID_CHOICE in page.content.decode()
    assert not DutySession.objects.exists()


def test_a_duty_session_cannot_be_at_another_streets_station(staff, street, neighbour):
    mine = DeputyFactory(street=street)
    url = reverse("admin:liaison_stations_dutysession_add")

    page = client_as(staff).post(url, duty_session_form(neighbour.street.stations.get(), mine))

    assert page.status_code == 200 and INVALID_CHOICE in page.content.decode()
    assert not DutySession.objects.exists()


def test_a_duty_session_puts_the_streets_own_deputy_on_duty(staff, street):
    station, mine = StationFactory(street=street), DeputyFactory(street=street)
    url = reverse("admin:liaison_stations_dutysession_add")

    assert client_as(staff).post(url, duty_session_form(station, mine)).status_code == 302
    assert DutySession.objects.get().deputies.get() == mine


def test_an_activity_cannot_record_another_streets_deputy_attending(staff, street, neighbour):
    activity = ActivityFactory(street=street)
    form = {
        "street": street.pk, "kind": activity.kind, "theme": activity.theme,
        "organiser": activity.organiser, "held_on": "2026-05-12",
        "attendances-TOTAL_FORMS": "1", "attendances-INITIAL_FORMS": "0",
        "attendances-0-deputy": neighbour.pk,
        "attendances-0-status": Attendance.Status.ATTENDED,
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    }  # fmt: skip
    url = reverse("admin:deputies_activity_change", args=[activity.pk])

    client_as(staff).post(url, form)  # attendance is taken by its steps, not here

    assert not Attendance.objects.exists()
    assert not PointEntry.objects.exists()


def test_a_point_entry_cannot_award_another_streets_deputy(staff, neighbour):
    form = {
        "deputy": neighbour.pk, "rule": PointRule.objects.get(code="publicity").pk,
        "occurred_on": "2026-05-12", "description": "报道",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    }  # fmt: skip

    page = client_as(staff).post(reverse("admin:deputies_pointentry_add"), form)

    assert page.status_code == 200 and INVALID_CHOICE in page.content.decode()
    assert not PointEntry.objects.exists()


def test_autocomplete_offers_only_the_streets_deputies(staff, street, neighbour):
    DeputyFactory(street=street, name="周晓梅")
    query = "app_label=liaison_stations&model_name=dutyassignment&field_name=deputy"

    response = get_as(staff, f"{reverse('admin:autocomplete')}?{query}")

    names = [result["text"] for result in response.json()["results"]]
    assert names == ["周晓梅"]
