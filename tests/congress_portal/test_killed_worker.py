"""A real worker, on the real Redis, killed mid-task: nothing is left stuck, no
email goes out twice, and no person has to step in (the minute's sweep, run here
as beat would run it once the age limits have passed)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from congress_portal import celery_app
from congress_portal.tasks import sweep_outbox
from deputies import letters
from deputies.models import ReminderLetter
from deputies.tasks import deliver_reminder_letter, issue_reminder_letters
from reports import services
from reports.models import ArchivePDF
from reports.tasks import render_archive
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.workers import RealWorker, SmtpSink, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
State = ReminderLetter.State


@pytest.fixture
def workers():
    started = []

    def start(**options):
        started.append(RealWorker(**options).start())
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def sink():
    server = SmtpSink()
    yield server
    server.close()


def sweep_later(minutes):
    """The minute's sweep, run `minutes` from now; what it queues runs in-process."""
    later = timezone.now() + datetime.timedelta(minutes=minutes)
    celery_app.conf.task_always_eager = True
    try:
        with time_machine.travel(later, tick=False):
            sweep_outbox()
    finally:
        celery_app.conf.task_always_eager = False


@pytest.fixture
def on_roster(street, point_rules):
    """A current deputy who has done nothing: the early warning flags them."""
    deputy = DeputyFactory(street=street, email="zhou@example.com")
    MembershipFactory(deputy=deputy)
    return deputy


@pytest.fixture
def letter(on_roster, staff, django_capture_on_commit_callbacks):
    """A reminder letter issued by hand, its delivery job not yet sent."""
    with django_capture_on_commit_callbacks(execute=False):
        letter, _created = letters.issue_letter(on_roster, "low_points", "2026-Q3", staff)
    return letter


def test_a_worker_killed_mid_send_leaves_no_letter_stuck_and_no_second_email(
    letter, workers, sink, mailoutbox
):
    sink.holding.set()  # the message reaches the server, which never confirms it
    worker = workers(email_url=sink.url)
    deliver_reminder_letter.apply_async((letter.pk,), queue=worker.queue)
    wait_for(lambda: sink.received == 1, what="the letter reaching the mail server")
    worker.kill()
    letter.refresh_from_db()
    assert letter.state == State.SENDING and letter.attempted_at is not None

    sweep_later(minutes=5)
    assert ReminderLetter.objects.get().state == State.SENDING  # within its age limit
    sweep_later(minutes=11)
    sweep_later(minutes=12)

    letter.refresh_from_db()
    assert letter.state == State.UNCONFIRMED and "可能已发出" in letter.error
    assert (sink.received, sink.accepted, len(mailoutbox)) == (1, 0, 0)


def test_a_worker_killed_mid_render_leaves_one_ready_file_and_no_human_step(
    street, staff, workers, settings, monkeypatch
):
    monkeypatch.setattr(services.jobs, "enqueue", lambda task, *args: None)
    archive = services.request_archive_pdf(DeputyFactory(street=street), 2026, staff)
    monkeypatch.undo()
    worker = workers(slowed="reports.rendering:archive_pdf", seconds=60)
    render_archive.apply_async((archive.pk,), queue=worker.queue)
    rendering = ArchivePDF.objects.filter(pk=archive.pk, state=ArchivePDF.State.RENDERING)
    wait_for(rendering.exists, what="the worker claiming the archive")
    worker.kill()

    sweep_later(minutes=11)

    archive.refresh_from_db()
    assert archive.state == ArchivePDF.State.READY
    assert [path.name for path in settings.MEDIA_ROOT.rglob("*.pdf")] == [
        archive.pdf.name.rpartition("/")[2]
    ]


def test_the_quarters_letters_are_issued_by_the_next_run_after_the_database_was_down(
    on_roster, workers
):
    down = workers(database="postgres://postgres@127.0.0.1:9/nowhere")  # no server there
    # Its last retry, as after a quarter of an hour of outage: it fails for good.
    failed = issue_reminder_letters.apply_async(queue=down.queue, retries=5, ignore_result=False)
    failed.get(timeout=60, propagate=False)
    assert failed.state == "FAILURE" and "OperationalError" in repr(failed.result)
    assert not ReminderLetter.objects.exists()

    up = workers()
    issue_reminder_letters.apply_async(queue=up.queue, ignore_result=False).get(timeout=120)

    assert ReminderLetter.objects.filter(deputy=on_roster, period="2026-Q3").exists()
