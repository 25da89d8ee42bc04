"""The morning supervision digest (督办提醒) for committee staff and handling units:
suggestions and visits near or past their deadline, once a day, nothing when all is
on time."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_celery_beat.models import PeriodicTask

from congress_portal.roles import Role
from liaison_stations.models import Visit
from reports import digest, tasks
from reports.models import DigestDelivery
from suggestions.models import Suggestion, UnitAssignment
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory, StationFactory, VisitFactory
from tests.suggestions.factories import SuggestionFactory

# 08:30 in Shanghai on Monday 23 November 2026.
MORNING = datetime.datetime(2026, 11, 23, 0, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 23)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def neighbour(db):
    return StreetFactory(name="白鹭街道")


@pytest.fixture
def street_staff(staff):
    staff.email, staff.name = "staff@example.org", "张工作"
    staff.save()
    return staff


def suggestion(street, deadline, state=Suggestion.State.ASSIGNED, title="关于加装电梯的建议"):
    return SuggestionFactory(lead=DeputyFactory(street=street, name="李建国"), title=title,
                             state=state, deadline=deadline, number=None)  # fmt: skip


def visit(street, deadline, state=Visit.State.ASSIGNED, matter="小区噪音扰民"):
    station = StationFactory(street=street)
    return VisitFactory(station=station, state=state, deadline=deadline, matter=matter)


def run():
    return tasks.send_supervision_digests.delay().get()


def test_staff_are_emailed_their_streets_items_near_or_past_deadline_once_a_day(
    street, neighbour, street_staff, mailoutbox
):
    late = suggestion(street, days(-2), title="关于背街小巷照明的建议")
    soon = suggestion(street, days(10), title="关于社区食堂的建议")
    suggestion(street, days(40), title="时间还早的建议")
    suggestion(street, days(-5), state=Suggestion.State.ANSWERED, title="已答复的建议")
    suggestion(neighbour, days(-2), title="白鹭街道的建议")
    due_visit = visit(street, days(5), matter="楼道堆物")
    visit(street, days(9), matter="下周以后的事项")
    visit(street, days(-1), state=Visit.State.CLOSED, matter="已办结的事项")

    assert run() == 1
    assert run() == 0

    (message,) = mailoutbox
    assert message.to == ["staff@example.org"]
    assert "1" in message.subject and "2" in message.subject  # 1 overdue, 2 due soon
    body = message.body
    assert "张工作" in body
    assert late.title in body and soon.title in body and "楼道堆物" in body
    for absent in [
        "时间还早的建议",
        "已答复的建议",
        "白鹭街道的建议",
        "下周以后的事项",
        "已办结的事项",
    ]:
        assert absent not in body
    assert f"/suggestions/{late.pk}/" in body and f"/stations/visits/{due_visit.pk}/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="http' in html and late.title in html
    assert DigestDelivery.objects.get().items == 3


def test_district_staff_get_every_street_and_other_roles_nothing(
    street, neighbour, street_staff, leader, mailoutbox
):
    leader.email = "leader@example.org"
    leader.save()
    UserFactory(role=Role.STAFF, street=None, email="district@example.org")
    UserFactory(role=Role.STAFF, street=neighbour, email="bailu@example.org")
    UserFactory(role=Role.STAFF, street=street, email="")  # no address
    UserFactory(role=Role.STAFF, street=street, email="gone@example.org", is_active=False)
    suggestion(street, days(-2), title="青石街道的建议")
    visit(neighbour, days(3), matter="白鹭街道的事项")

    run()

    by_address = {message.to[0]: message.body for message in mailoutbox}
    assert set(by_address) == {"staff@example.org", "district@example.org", "bailu@example.org"}
    assert "青石街道的建议" in by_address["district@example.org"]
    assert "白鹭街道的事项" in by_address["district@example.org"]
    assert "白鹭街道的事项" not in by_address["staff@example.org"]
    assert "青石街道的建议" not in by_address["bailu@example.org"]


def test_nothing_is_sent_when_everything_is_on_time(street, street_staff, mailoutbox):
    suggestion(street, days(40))
    visit(street, days(30))

    assert run() == 0
    assert mailoutbox == [] and not DigestDelivery.objects.exists()


def test_a_failed_send_is_given_back_for_the_retry(street, street_staff, monkeypatch, mailoutbox):
    suggestion(street, days(-2))
    working = digest.send_supervision_digest

    def broken(*args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(digest, "send_supervision_digest", broken)
    assert digest.send_digests(TODAY) == (0, 1)
    assert not DigestDelivery.objects.exists()

    monkeypatch.setattr(digest, "send_supervision_digest", working)
    assert digest.send_digests(TODAY) == (1, 0)
    assert len(mailoutbox) == 1


def test_a_digest_claimed_by_another_run_is_not_sent_again(street, street_staff, mailoutbox):
    suggestion(street, days(-2))
    DigestDelivery.objects.create(recipient=street_staff, day=TODAY)

    assert digest.send_digests(TODAY) == (0, 0)
    assert mailoutbox == []


def test_the_next_day_sends_again(street, street_staff, mailoutbox):
    suggestion(street, days(-2))
    run()

    with time_machine.travel(MORNING + datetime.timedelta(days=1), tick=False):
        run()

    assert len(mailoutbox) == 2


def test_long_lists_are_cut_with_a_link_to_the_portal(
    street, street_staff, monkeypatch, mailoutbox
):
    monkeypatch.setattr(digest, "MAX_LISTED", 2)
    for n in range(3):
        suggestion(street, days(-2), title=f"逾期建议{n}")

    run()

    body = mailoutbox[0].body
    assert "逾期建议0" in body and "逾期建议1" in body and "逾期建议2" not in body
    assert "/suggestions/signals/" in body


def test_a_fixed_number_of_queries_whatever_the_volume(street, neighbour, street_staff):
    def queries_to_send():
        DigestDelivery.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            digest.send_digests(TODAY)
        return len(queries)

    suggestion(street, days(-2))
    visit(street, days(2))
    few = queries_to_send()

    for n in range(10):
        suggestion(street if n % 2 else neighbour, days(n - 3))
        visit(street if n % 2 else neighbour, days(n - 3))
    UserFactory.create_batch(5, role=Role.STAFF, street=neighbour, email="bailu@example.org")
    UserFactory(role=Role.STAFF, street=None, email="district@example.org")

    assert queries_to_send() == few


def test_the_digest_is_scheduled_every_morning(db):
    task = PeriodicTask.objects.get(task="reports.tasks.send_supervision_digests")
    assert (task.crontab.hour, task.crontab.minute) == ("8", "30")
    assert str(task.crontab.timezone) == "Asia/Shanghai" and task.enabled


def test_a_units_accounts_are_emailed_what_the_unit_owes_on_the_reminder_days(
    street, neighbour, mailoutbox
):
    housing, urban = HandlingUnitFactory(name="区住建局"), HandlingUnitFactory(name="区城管局")
    UserFactory(username="zhujianju", role=Role.UNIT, handling_unit=housing,
                email="zhujianju@example.org")  # fmt: skip
    UserFactory(username="noemail", role=Role.UNIT, handling_unit=housing)

    def assigned(deadline, title, role="lead", unit=housing, view_due=None):
        found = suggestion(street, deadline, title=title)
        UnitAssignment.objects.create(suggestion=found, unit=unit, role=role,
                                      assigned_on=days(-60), view_due=view_due)  # fmt: skip

    assigned(days(5), "五天后到期的建议")
    assigned(days(30), "还有三十天的建议")
    assigned(days(20), "还有二十天的建议")  # no reminder today
    assigned(days(60), "协办意见已逾期的建议", role="co", view_due=days(-2))
    assigned(days(3), "别的单位的建议", unit=urban)
    matter = visit(neighbour, days(14), matter="路灯损坏")
    Visit.objects.filter(pk=matter.pk).update(handling_unit=housing)
    visit(neighbour, days(2), matter="别的单位的事项")

    assert run() == 1
    assert run() == 0  # once a day

    [email] = mailoutbox
    body = email.body
    assert email.to == ["zhujianju@example.org"]
    assert "本单位的协办意见：协办意见已逾期的建议" in body
    for listed in ["五天后到期的建议", "还有三十天的建议", "路灯损坏"]:
        assert listed in body, listed
    for not_listed in ["还有二十天的建议", "别的单位的建议", "别的单位的事项"]:
        assert not_listed not in body, not_listed


def test_staff_are_told_of_the_co_handling_views_past_their_month(
    street, neighbour, street_staff, mailoutbox
):
    for place, title in [(street, "本街道的建议"), (neighbour, "邻街道的建议")]:
        late = suggestion(place, days(60), title=title)
        UnitAssignment.objects.create(
            suggestion=late, unit=HandlingUnitFactory(name=f"{place.name}协办单位"), role="co",
            assigned_on=days(-40), view_due=days(-9),
        )  # fmt: skip

    assert run() == 1

    body = mailoutbox[0].body
    assert "青石街道协办单位的协办意见：本街道的建议" in body and "邻街道的建议" not in body
