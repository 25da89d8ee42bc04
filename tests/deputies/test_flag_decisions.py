"""Error reports (错重漏) decided by staff: accepted with a correcting entry, or refused
with the reason; approved entries are never deleted; the deputy sees the decision."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal import workflow
from congress_portal.errors import DomainError
from congress_portal.roles import Role
from deputies import services
from deputies.models import EntryFlag, PointEntry, PublishedQuarter
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def flagged(my_deputy, staff, deputy):
    entry = services.approve(PointEntryFactory(deputy=my_deputy), staff)
    return services.flag(entry, deputy, EntryFlag.Kind.DUPLICATE, "与5月12日重复")


def step_url(flag, step):
    return reverse("deputies:flag_step", args=[flag.pk, step])


def accept(staff, flag, points=-3, day="2026-05-12", note="重复计分，予以扣回"):
    form = {"accept-points": points, "accept-occurred_on": day, "accept-note": note}
    return client_as(staff).post(step_url(flag, "accept"), form)


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("deputy", 403), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_the_decision_page_is_for_staff(flagged, personas, persona, outcome):
    assert_outcome(get_as(personas[persona], flagged.get_absolute_url()), outcome)


def test_staff_of_another_street_do_not_find_the_report(flagged):
    elsewhere = UserFactory(
        username="other", role=Role.STAFF, street=StreetFactory(name="白鹭街道")
    )

    assert get_as(elsewhere, flagged.get_absolute_url()).status_code == 404
    assert (
        client_as(elsewhere).post(step_url(flagged, "refuse"), {"refuse-reason": "x"}).status_code
        == 404
    )
    flagged.refresh_from_db()
    assert flagged.state == EntryFlag.State.RAISED


@pytest.mark.parametrize("persona, outcome", [("deputy", 403), ("anonymous", LOGIN)])
def test_only_staff_take_the_steps(flagged, personas, persona, outcome):
    assert_outcome(client_as(personas[persona]).post(step_url(flagged, "accept"), {}), outcome)
    flagged.refresh_from_db()
    assert flagged.state == EntryFlag.State.RAISED


def test_accepting_creates_one_correcting_entry_with_its_points(flagged, staff, my_deputy):
    accept(staff, flagged)

    flagged.refresh_from_db()
    correction = flagged.correction
    assert flagged.state == EntryFlag.State.ACCEPTED and flagged.resolution == "重复计分，予以扣回"
    assert (correction.points, correction.state, correction.source, correction.corrects) == (
        -3, PointEntry.State.APPROVED, PointEntry.Source.CORRECTION, flagged.entry,
    )  # fmt: skip
    assert correction.history.get().history_user == staff
    step = flagged.steps.get()
    assert (step.name, step.from_state, step.to_state, step.by) == (
        "accept",
        "raised",
        "accepted",
        staff,
    )
    year = my_deputy.point_entries.filter(state="approved").values_list("points", flat=True)
    assert sum(year) == 0


def test_deciding_twice_is_refused(flagged, staff):
    accept(staff, flagged)
    response = accept(staff, flagged)
    client_as(staff).post(step_url(flagged, "refuse"), {"refuse-reason": "不重复"})

    assert PointEntry.objects.filter(source=PointEntry.Source.CORRECTION).count() == 1
    flagged.refresh_from_db()
    assert flagged.state == EntryFlag.State.ACCEPTED
    with pytest.raises(DomainError):
        workflow.take_step(flagged, "refuse", staff, reason="不重复")
    assert response.status_code == 302


def test_refusing_needs_a_reason_and_keeps_the_points(flagged, staff):
    client_as(staff).post(step_url(flagged, "refuse"), {"refuse-reason": ""})
    flagged.refresh_from_db()
    assert flagged.state == EntryFlag.State.RAISED

    client_as(staff).post(step_url(flagged, "refuse"), {"refuse-reason": "经核实不重复"})

    flagged.refresh_from_db()
    assert (flagged.state, flagged.resolution) == (EntryFlag.State.REFUSED, "经核实不重复")
    assert not PointEntry.objects.filter(source=PointEntry.Source.CORRECTION).exists()


def test_a_correction_in_a_published_quarter_is_refused(flagged, staff, street):
    PublishedQuarter.objects.create(street=street, year=2026, quarter=2, published_by=staff)

    response = accept(staff, flagged, day="2026-05-12")

    flagged.refresh_from_db()
    assert flagged.state == EntryFlag.State.RAISED
    assert not PointEntry.objects.filter(source=PointEntry.Source.CORRECTION).exists()
    assert response.status_code == 302
    accept(staff, flagged, day="2026-07-01")
    flagged.refresh_from_db()
    assert flagged.correction.occurred_on == datetime.date(2026, 7, 1)


def test_a_correction_cannot_take_more_than_the_entry_counted(flagged, staff):
    accept(staff, flagged, points=-30)

    flagged.refresh_from_db()
    assert flagged.state == EntryFlag.State.RAISED


def test_an_approved_entry_cannot_be_deleted(flagged, staff):
    entry = flagged.entry

    with pytest.raises(DomainError):
        entry.delete()
    with pytest.raises(DomainError):
        PointEntry.objects.filter(pk=entry.pk).delete()
    url = reverse("admin:deputies_pointentry_delete", args=[entry.pk])
    assert client_as(staff).post(url, {"post": "yes"}).status_code == 403
    assert PointEntry.objects.filter(pk=entry.pk).exists()


def test_a_pending_entry_may_still_be_deleted(my_deputy):
    entry = PointEntryFactory(deputy=my_deputy)

    entry.delete()

    assert not PointEntry.objects.exists()


def test_the_deputy_sees_the_decision(flagged, staff, deputy):
    accept(staff, flagged)

    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "已采纳并更正" in page and "重复计分，予以扣回" in page
    assert "的“自行开展视察调研”记录" in page


def test_the_deputy_sees_a_refusal(flagged, staff, deputy):
    client_as(staff).post(step_url(flagged, "refuse"), {"refuse-reason": "经核实不重复"})

    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "不予采纳" in page and "经核实不重复" in page


def test_another_deputys_decision_is_not_shown(flagged, other_deputy):
    DeputyFactory(user=other_deputy)

    assert (
        "与5月12日重复" not in get_as(other_deputy, reverse("deputies:my_duties")).content.decode()
    )


def test_the_deputy_is_told_of_an_acceptance_in_their_inbox(flagged, staff, deputy):
    accept(staff, flagged)

    notice = deputy.notices.get()
    assert notice.title.startswith("您的错重漏报告已采纳：") and "-3" in notice.title
    assert notice.url == f"{reverse('deputies:my_duties')}#entry-{flagged.entry.pk}"
    assert f'id="entry-{flagged.entry.pk}"' in get_as(deputy, notice.url).content.decode()


def test_the_deputy_is_told_of_a_refusal_in_their_inbox(flagged, staff, deputy):
    client_as(staff).post(step_url(flagged, "refuse"), {"refuse-reason": "经核实不重复"})

    assert deputy.notices.get().title.startswith("您的错重漏报告未被采纳：")
