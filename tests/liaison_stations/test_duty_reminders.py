"""The evening email to each deputy on duty tomorrow, sent once per duty."""

import datetime

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from liaison_stations import tasks
from liaison_stations.models import DutyAssignment
from tests.deputies.factories import DeputyFactory
from tests.factories import UserFactory
from tests.liaison_stations.factories import DutyAssignmentFactory, DutySessionFactory

# 18:00 in Shanghai on Tuesday 24 November 2026: the duties of the 25th are due.
EVENING = datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC)
TOMORROW = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(EVENING, tick=False):
        yield


@pytest.fixture
def session(street):
    return DutySessionFactory(
        station__street=street,
        station__name="青石第一代表联络站",
        station__address="青石路1号",
        date=TOMORROW,
        starts_at=datetime.time(9),
        ends_at=datetime.time(11, 30),
    )


def on_duty(session, name, email):
    user = UserFactory(email=email) if email is not None else None
    deputy = DeputyFactory(name=name, street=session.station.street, user=user)
    return DutyAssignmentFactory(session=session, deputy=deputy)


def test_each_deputy_on_duty_tomorrow_is_emailed_once(session, mailoutbox):
    on_duty(session, "李建国", "li@example.org")
    on_duty(session, "王芳", "wang@example.org")

    assert tasks.remind_duties_tomorrow.delay().get() == 2
    assert tasks.remind_duties_tomorrow.delay().get() == 0

    assert sorted(m.to[0] for m in mailoutbox) == ["li@example.org", "wang@example.org"]
    message = next(m for m in mailoutbox if m.to == ["li@example.org"])
    assert "青石第一代表联络站" in message.subject and "11月25日" in message.subject
    assert "李建国" in message.body and "09:00" in message.body and "11:30" in message.body
    assert "青石路1号" in message.body and "/deputies/me/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "青石第一代表联络站" in html
    assert not DutyAssignment.objects.filter(reminded_at=None).exists()


def test_other_days_and_deputies_without_an_address_get_nothing(session, street, mailoutbox):
    no_email = on_duty(session, "无邮箱", "")
    no_account = on_duty(session, "无账号", None)
    later = DutySessionFactory(station=session.station, date=TOMORROW + datetime.timedelta(days=1))
    DutyAssignmentFactory(session=later, deputy__user=UserFactory(email="later@example.org"))
    inactive = on_duty(session, "停用", "gone@example.org")
    inactive.deputy.user.is_active = False
    inactive.deputy.user.save()

    tasks.remind_duties_tomorrow.delay()

    assert mailoutbox == []
    for assignment in (no_email, no_account, inactive):
        assignment.refresh_from_db()
        assert assignment.reminded_at is None  # reminded if an address is added in time


def test_a_failed_send_is_given_back_for_the_retry(session, monkeypatch, mailoutbox):
    on_duty(session, "李建国", "li@example.org")
    working = tasks.send_duty_reminder

    def broken(*args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(tasks, "send_duty_reminder", broken)
    assert tasks.remind(TOMORROW) == (0, 1)
    assert DutyAssignment.objects.get().reminded_at is None

    monkeypatch.setattr(tasks, "send_duty_reminder", working)
    assert tasks.remind(TOMORROW) == (1, 0)
    assert len(mailoutbox) == 1


def test_a_duty_claimed_by_another_run_is_not_sent_again(session, mailoutbox):
    assignment = on_duty(session, "李建国", "li@example.org")
    DutyAssignment.objects.filter(pk=assignment.pk).update(reminded_at=EVENING)

    assert tasks.remind(TOMORROW) == (0, 0)
    assert mailoutbox == []


def test_a_retry_after_midnight_keeps_its_day(session, mailoutbox):
    on_duty(session, "李建国", "li@example.org")

    with time_machine.travel(EVENING + datetime.timedelta(hours=7), tick=False):
        tasks.remind_duties_tomorrow.delay(day=TOMORROW.isoformat())

    assert len(mailoutbox) == 1


def test_the_reminders_are_scheduled_every_evening(db):
    task = PeriodicTask.objects.get(task="liaison_stations.tasks.remind_duties_tomorrow")
    assert (task.crontab.hour, task.crontab.minute) == ("18", "0")
    assert str(task.crontab.timezone) == "Asia/Shanghai" and task.enabled


def test_a_missed_evening_is_caught_up_for_the_duties_not_yet_begun(street, mailoutbox):
    begun = DutySessionFactory(station__street=street, date=TOMORROW, starts_at=datetime.time(9))
    later = DutySessionFactory(station__street=street, date=TOMORROW, starts_at=datetime.time(14))
    on_duty(begun, "李建国", "li@example.org")
    on_duty(later, "王芳", "wang@example.org")

    # The evening run never happened; the sweep runs the job again at 10:00 on the day.
    with time_machine.travel(datetime.datetime(2026, 11, 25, 2, tzinfo=datetime.UTC)):
        assert tasks.remind_duties_tomorrow.delay().get() == 1

    (message,) = mailoutbox
    assert message.to == ["wang@example.org"] and "14:00" in message.body
