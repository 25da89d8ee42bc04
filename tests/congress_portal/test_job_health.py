"""A scheduled job that fails or is overdue is told to staff (the staff home and
the admin's index) and emailed once to ALERT_EMAILS; the minute's sweep runs it
again until it succeeds, and then the line is gone."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from congress_portal import health
from congress_portal.models import JobHealth
from congress_portal.tasks import sweep_outbox
from reports import digest, tasks
from tests.access import LOGIN, assert_outcome, get_as

DIGEST = "reports.tasks.send_supervision_digests"
# 09:00 in Shanghai on 28 November 2026: the digest was due at 08:30.
MORNING = datetime.datetime(2026, 11, 28, 1, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def installed_long_ago(db):
    """The schedules were installed long before (their migrations ran at setup)."""
    PeriodicTask.objects.update(date_changed=MORNING - datetime.timedelta(days=200))
    JobHealth.objects.bulk_create(
        JobHealth(task=task, succeeded_at=MORNING - datetime.timedelta(minutes=1))
        for task in PeriodicTask.objects.exclude(task=DIGEST).values_list("task", flat=True)
    )


@pytest.fixture
def failed_digest(monkeypatch):
    JobHealth.objects.create(task=DIGEST, succeeded_at=MORNING - datetime.timedelta(days=1))

    def broken(day):
        raise RuntimeError("the mail server refused the login")

    monkeypatch.setattr(digest, "send_digests", broken)
    assert tasks.send_supervision_digests.apply(throw=False).failed()  # as a worker runs it
    monkeypatch.undo()


def words(response):
    return response.content.decode()


def test_a_failed_job_is_told_to_staff_with_its_error(failed_digest, staff):
    home = get_as(staff, reverse("staff_home"))
    admin = get_as(staff, reverse("admin:index"))

    for page in (home, admin):
        assert "“每日督办提醒邮件”于2026-11-28 09:00运行失败" in words(page)
        assert "RuntimeError: the mail server refused the login" in words(page)


@pytest.mark.parametrize(
    "persona, outcome", [("deputy", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_only_staff_open_the_home_that_tells_it(failed_digest, personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("staff_home")), outcome)


def test_the_sweep_runs_a_failed_job_again_and_alerts_once(
    failed_digest, staff, settings, mailoutbox, clock, django_capture_on_commit_callbacks
):
    settings.ALERT_EMAILS = ["ops@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()
        sweep_outbox()  # a minute later: neither again nor a second alert

    (alert,) = mailoutbox
    assert alert.to == ["ops@example.org"] and "督办提醒邮件" in alert.subject
    assert "RuntimeError" in alert.body
    assert health.problems() == []  # run again, and it succeeded
    assert "定时任务" not in words(get_as(staff, reverse("staff_home")))


def test_an_overdue_job_is_told_and_run_again(
    staff, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ALERT_EMAILS = ["ops@example.org"]
    JobHealth.objects.create(task=DIGEST, succeeded_at=MORNING - datetime.timedelta(days=2))

    (problem,) = health.problems()
    assert (problem.name, problem.error) == ("每日督办提醒邮件", "")
    assert timezone.localtime(problem.since).strftime("%m-%d %H:%M") == "11-27 08:30"
    assert "应于2026-11-27 08:30运行，至今未完成" in words(get_as(staff, reverse("staff_home")))

    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()

    assert [m.to for m in mailoutbox] == [["ops@example.org"]]
    assert health.problems() == []


def test_a_job_not_yet_due_is_no_problem():
    JobHealth.objects.create(task=DIGEST, succeeded_at=MORNING - datetime.timedelta(hours=2))
    with time_machine.travel(MORNING - datetime.timedelta(minutes=40), tick=False):
        assert health.problems() == []


def test_the_health_line_costs_two_queries_whatever_the_jobs(django_assert_num_queries):
    with django_assert_num_queries(2):
        health.problems()
