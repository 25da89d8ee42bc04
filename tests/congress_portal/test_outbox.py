"""Background jobs go out after commit, and wait in the outbox while Redis is down."""

import threading
import time
from datetime import timedelta

import pytest
from celery import shared_task
from celery.exceptions import NotRegistered
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from congress_portal import celery_app
from congress_portal.jobs import enqueue, send_pending
from congress_portal.models import OutboxJob
from congress_portal.roles import Role
from congress_portal.tasks import sweep_outbox
from tests.access import client_as
from tests.brokers import PROMPTLY, broker_at, take_queued_tasks
from tests.factories import UserFactory

REFUSING_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1
RUNS = []


@shared_task(name="tests.outbox.record")
def record(*args):
    RUNS.append(list(args))


@pytest.fixture(autouse=True)
def runs():
    RUNS.clear()
    yield RUNS
    RUNS.clear()


class Rollback(Exception):
    pass


def enqueue_and_commit(task, *args):
    """Returns the job and the seconds that enqueueing and committing took."""
    started = time.monotonic()
    with transaction.atomic():
        job = enqueue(task, *args)
    elapsed = time.monotonic() - started
    job.refresh_from_db()
    return job, elapsed


# Development and tests: eager, the task runs in-process after the commit.


@pytest.mark.django_db(transaction=True)
def test_job_runs_only_after_the_transaction_commits_and_is_marked_sent(runs):
    with transaction.atomic():
        job = enqueue(record, "visit", 7)
        assert runs == []

    assert runs == [["visit", 7]]
    job.refresh_from_db()
    assert job.sent_at is not None
    assert job.attempts == 1
    assert job.last_error == ""


@pytest.mark.django_db(transaction=True)
def test_job_never_runs_when_the_transaction_rolls_back(runs):
    with pytest.raises(Rollback), transaction.atomic():
        enqueue(record, "visit", 7)
        raise Rollback

    assert runs == []
    assert not OutboxJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_job_in_a_rolled_back_savepoint_never_runs(runs):
    with transaction.atomic():
        enqueue(record, "kept")
        with pytest.raises(Rollback), transaction.atomic():
            enqueue(record, "dropped")
            raise Rollback

    assert runs == [["kept"]]
    assert list(OutboxJob.objects.values_list("args", flat=True)) == [["kept"]]


@pytest.mark.django_db(transaction=True)
def test_job_named_by_its_task_runs_after_the_commit(runs):
    with transaction.atomic():
        enqueue("tests.outbox.record", "visit", 7)

    assert runs == [["visit", 7]]


@pytest.mark.django_db
def test_job_for_an_unknown_task_name_fails_when_it_is_queued():
    with pytest.raises(NotRegistered):
        enqueue("tests.outbox.no_such_task", 7)

    assert not OutboxJob.objects.exists()


# Redis down: the request goes on, the job waits for the sweep.


@pytest.mark.django_db(transaction=True)
def test_job_the_broker_refuses_stays_unsent_and_the_request_goes_on_promptly(runs):
    with broker_at(REFUSING_BROKER):
        job, elapsed = enqueue_and_commit(record, "visit", 7)

    assert elapsed < PROMPTLY
    assert job.sent_at is None
    assert job.attempts == 1
    assert "Connection refused" in job.last_error
    assert runs == []


@pytest.mark.django_db(transaction=True)
def test_sweep_sends_a_refused_job_exactly_once_when_the_broker_is_back(runs):
    with broker_at(REFUSING_BROKER):
        job, _elapsed = enqueue_and_commit(record, "visit", 7)

    assert send_pending(older_than=timedelta(0)) == 1
    assert send_pending(older_than=timedelta(0)) == 0

    assert runs == [["visit", 7]]
    job.refresh_from_db()
    assert job.sent_at is not None
    assert job.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_sweep_stops_at_the_first_job_the_broker_refuses(runs):
    with broker_at(REFUSING_BROKER):
        jobs = [enqueue_and_commit(record, number)[0] for number in range(3)]

        started = time.monotonic()
        assert send_pending(older_than=timedelta(0)) == 0
        assert time.monotonic() - started < PROMPTLY

    attempts = OutboxJob.objects.order_by("created_at", "pk").values_list("attempts", flat=True)
    assert list(attempts) == [2, 1, 1]
    assert all(job.sent_at is None for job in OutboxJob.objects.all())
    assert send_pending(older_than=timedelta(0)) == len(jobs)
    assert sorted(runs) == [[0], [1], [2]]


@pytest.mark.django_db(transaction=True)
def test_sweep_leaves_jobs_just_committed_to_their_own_send(runs):
    OutboxJob.objects.create(task=record.name, args=["just now"])

    assert send_pending() == 0
    assert runs == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked,
    reason="SQLite has no row locks: its sweeps are serialised by the database lock",
)
def test_a_second_sweep_skips_the_job_the_first_is_sending(monkeypatch):
    job = OutboxJob.objects.create(task=record.name, args=["visit"])
    task = celery_app.tasks[record.name]
    published, second_sweep = [], []

    def sweep_in_another_process():
        try:
            second_sweep.append(send_pending(older_than=timedelta(0)))
        finally:
            connection.close()

    def publish(self, *args, **options):
        published.append(options["args"])
        other = threading.Thread(target=sweep_in_another_process)
        other.start()
        other.join(timeout=30)
        assert not other.is_alive(), "the second sweep waited for the first one's lock"

    monkeypatch.setattr(type(task), "apply_async", publish)
    celery_app.conf.task_always_eager = False  # the autouse fixture restores it

    assert send_pending(older_than=timedelta(0)) == 1

    assert second_sweep == [0]
    assert published == [["visit"]]
    assert send_pending(older_than=timedelta(0)) == 0
    job.refresh_from_db()
    assert job.sent_at is not None and job.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_sweep_task_sends_pending_jobs_and_forgets_those_sent_long_ago(runs):
    old = OutboxJob.objects.create(task=record.name, args=["old"])
    OutboxJob.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    pending = OutboxJob.objects.create(task=record.name, args=["pending"])
    OutboxJob.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(minutes=1))

    assert sweep_outbox.delay().get() == 1

    assert runs == [["pending"]]
    assert list(OutboxJob.objects.values_list("args", flat=True)) == [["pending"]]


@pytest.mark.django_db(transaction=True)
def test_job_for_an_unknown_task_stays_unsent_without_stopping_the_sweep(runs):
    OutboxJob.objects.create(task="tests.outbox.renamed", args=[])
    OutboxJob.objects.create(task=record.name, args=["after"])

    assert send_pending(older_than=timedelta(0)) == 1

    assert runs == [["after"]]
    broken = OutboxJob.objects.get(task="tests.outbox.renamed")
    assert broken.sent_at is None
    assert "NotRegistered" in broken.last_error


def test_sweep_is_scheduled_every_minute_with_the_database_scheduler(db, settings):
    sweep = PeriodicTask.objects.get(task="congress_portal.tasks.sweep_outbox")

    assert sweep.enabled
    assert (sweep.interval.every, sweep.interval.period) == (1, "minutes")
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"


# The admin: read only, for district-level staff, who may send jobs again.


def test_street_staff_do_not_see_the_outbox(staff):
    response = client_as(staff).get(reverse("admin:congress_portal_outboxjob_changelist"))

    assert response.status_code == 403


def test_district_staff_send_a_job_again_from_the_admin(db, runs):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    job = OutboxJob.objects.create(task=record.name, args=["visit"])
    url = reverse("admin:congress_portal_outboxjob_changelist")

    response = client_as(district_staff).post(
        url, {"action": "send_again", "_selected_action": [job.pk]}, follow=True
    )

    assert response.status_code == 200
    assert runs == [["visit"]]
    job.refresh_from_db()
    assert job.sent_at is not None


def test_the_outbox_is_read_only_in_the_admin(db):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    job = OutboxJob.objects.create(task=record.name, args=["visit"])
    client = client_as(district_staff)

    assert client.get(reverse("admin:congress_portal_outboxjob_add")).status_code == 403
    change = client.post(reverse("admin:congress_portal_outboxjob_change", args=[job.pk]), {})
    assert change.status_code == 403
    delete = client.post(reverse("admin:congress_portal_outboxjob_delete", args=[job.pk]), {})
    assert delete.status_code == 403


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_job_queued_while_redis_is_down_reaches_it_once_when_it_is_back(private_redis):
    with broker_at(private_redis.url):
        # Connected first, as a web process is when Redis goes away.
        before, _elapsed = enqueue_and_commit(record, "before")
        assert before.sent_at is not None
        assert take_queued_tasks(private_redis.url) == [(record.name, ["before"])]

        private_redis.stop()
        job, elapsed = enqueue_and_commit(record, "during", 7)
        assert elapsed < PROMPTLY
        assert job.sent_at is None and job.last_error

        private_redis.start()  # empty: it keeps nothing on disk
        assert send_pending(older_than=timedelta(0)) == 1
        assert send_pending(older_than=timedelta(0)) == 0

        assert take_queued_tasks(private_redis.url) == [(record.name, ["during", 7])]
    job.refresh_from_db()
    assert job.sent_at is not None
