"""Documents staff wait for go ahead of bulk mail, and a task a dead worker held
comes back soon after the longest task would have been killed."""

import uuid

import pytest
from django.conf import settings

from congress_portal import celery_app
from congress_portal.tasks import ping
from reports.tasks import render_archive
from tests.brokers import broker_at
from tests.workers import RealWorker

PROJECT_APPS = ("congress_portal.", "deputies.", "liaison_stations.", "suggestions.", "reports.")


def project_tasks():
    celery_app.loader.import_default_modules()
    return [task for name, task in celery_app.tasks.items() if name.startswith(PROJECT_APPS)]


def queue_of(name):
    return celery_app.amqp.router.route({}, name)["queue"].name


def test_every_task_is_killed_before_redis_hands_it_to_another_worker_and_not_long_before():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    limits = [task.time_limit or celery_app.conf.task_time_limit for task in project_tasks()]

    assert len(limits) >= 10
    assert max(limits) < visibility <= max(limits) + 5 * 60


@pytest.mark.parametrize(
    "task, queue",
    [
        ("reports.tasks.render_archive", "documents"),
        ("reports.tasks.render_annual_report", "documents"),
        ("congress_portal.tasks.run_sheet_job", "documents"),
        ("deputies.tasks.render_thank_you_letters", "documents"),
        ("congress_portal.tasks.sweep_outbox", "celery"),
        ("deputies.tasks.deliver_reminder_letter", "bulk"),
        ("deputies.tasks.issue_reminder_letters", "bulk"),
        ("reports.tasks.send_supervision_digests", "bulk"),
    ],
)
def test_tasks_go_to_their_queue(task, queue):
    assert queue_of(task) == queue


def test_every_task_goes_to_a_queue_every_worker_takes():
    taken = [queue.name for queue in settings.CELERY_TASK_QUEUES]

    assert taken == ["documents", "celery", "bulk"]
    assert {queue_of(task.name) for task in project_tasks()} <= set(taken)


@pytest.mark.redis
def test_a_worker_takes_the_documents_queue_before_the_bulk_one():
    documents, bulk = (f"test-{uuid.uuid4().hex}-{name}" for name in ("documents", "bulk"))
    letters = [ping.apply_async(queue=bulk) for _ in range(6)]
    pdfs = [ping.apply_async(queue=documents) for _ in range(2)]
    worker = RealWorker(queues=[documents, bulk], database="sqlite://:memory:").start()
    try:
        for result in letters + pdfs:
            result.get(timeout=60)
    finally:
        worker.stop()

    done_at = {result.id: result.date_done for result in letters + pdfs}
    assert max(done_at[pdf.id] for pdf in pdfs) < min(done_at[letter.id] for letter in letters)


@pytest.mark.redis
def test_a_task_reaches_its_queue_alone_once_a_worker_has_declared_them_all(private_redis):
    with broker_at(private_redis.url), celery_app.connection_for_write() as connection:
        channel = connection.default_channel
        for queue in celery_app.amqp.queues.values():  # as a worker starting up does
            queue(channel).declare()
        render_archive.apply_async((1,))
        lengths = {
            queue.name: channel.client.llen(queue.name) for queue in settings.CELERY_TASK_QUEUES
        }

    assert lengths == {"documents": 1, "celery": 0, "bulk": 0}
