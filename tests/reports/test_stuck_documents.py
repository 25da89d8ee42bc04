"""No document stays queued or rendering for good: a storage error marks it FAILED
with its message; a job lost on its way (its message dropped, its retries used up)
or a worker that died mid-render is taken up by the sweep, with no person; and the
PDF already published stays downloadable meanwhile."""

import datetime

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from congress_portal import documents, tasks
from reports import services
from reports.models import ArchivePDF
from tests.deputies.factories import DeputyFactory

NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
LATER = datetime.timedelta(minutes=16)


@pytest.fixture
def lost(street, staff, monkeypatch):
    """An archive queued at NOW whose job never reaches a worker."""
    monkeypatch.setattr(services.jobs, "enqueue", lambda task, *args: None)
    with time_machine.travel(NOW, tick=False):
        archive = services.request_archive_pdf(DeputyFactory(street=street), 2026, staff)
    monkeypatch.undo()
    return archive


def test_a_storage_error_marks_the_document_failed_with_its_message(
    street, staff, fake_render, monkeypatch, django_capture_on_commit_callbacks
):
    def full(self, name, content, max_length=None):
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full)
    with django_capture_on_commit_callbacks(execute=True):
        archive = services.request_archive_pdf(DeputyFactory(street=street), 2026, staff)

    archive.refresh_from_db()
    assert archive.state == ArchivePDF.State.FAILED
    assert "No space left on device" in archive.error
    assert not archive.is_busy  # staff may ask again


def test_a_lost_job_is_queued_again_by_the_sweep_and_rendered(
    lost, fake_render, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        assert lost.is_busy and documents.requeue_stale(timezone.now()) == 0

    with (
        time_machine.travel(NOW + LATER, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.sweep_outbox()

    lost.refresh_from_db()
    assert lost.state == ArchivePDF.State.READY and lost.pdf


def test_a_lost_job_no_longer_blocks_asking_again(lost, staff, fake_render):
    with time_machine.travel(NOW + LATER, tick=False):
        lost.refresh_from_db()
        assert not lost.is_busy
        services.request_archive_pdf(lost.deputy, 2026, staff)  # refused while busy


def test_a_render_whose_worker_died_is_taken_up_and_the_old_pdf_served_meanwhile(
    street, staff, fake_render, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        archive = services.request_archive_pdf(DeputyFactory(street=street), 2026, staff)
    archive.refresh_from_db()
    published = archive.pdf.name
    # A new rendering claimed at NOW by a worker that then died.
    ArchivePDF.objects.filter(pk=archive.pk).update(state="rendering", rendered_at=NOW)

    archive.refresh_from_db()
    assert archive.pdf.name == published and archive.pdf.storage.exists(published)
    with (
        time_machine.travel(NOW + datetime.timedelta(minutes=11), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert documents.requeue_stale(timezone.now()) == 1

    archive.refresh_from_db()
    assert archive.state == ArchivePDF.State.READY and archive.pdf.name != published
