import datetime

from celery import shared_task
from django.utils import timezone

from congress_portal.health import Scheduled
from congress_portal.tasks import DATABASE_RETRY

from . import digest, services


class DigestsNotSent(Exception):
    """Some digests could not be sent: the task tries them again later."""


@shared_task(ignore_result=True, **DATABASE_RETRY)
def count_report_figures(report_pk, by_pk):
    """Freeze a new report's figures and write its draft."""
    services.count_figures(report_pk, by_pk)


@shared_task(**DATABASE_RETRY)
def render_annual_report(report_pk):
    return services.render_pdf(report_pk)


@shared_task(**DATABASE_RETRY)
def render_archive(archive_pk):
    return services.render_archive_pdf(archive_pk)


@shared_task(base=Scheduled, bind=True, **DATABASE_RETRY)
def send_supervision_digests(self, day=None):
    """Beat runs this every morning: each staff member's digest, sent once a day.
    A retry keeps the day it was first run for (`day`, ISO)."""
    day = datetime.date.fromisoformat(day) if day else timezone.localdate()
    sent, failed = digest.send_digests(day)
    if failed:
        # Only the digests not yet sent go out again: after 2, 4, 8, 16, 32 minutes.
        raise self.retry(
            kwargs={"day": day.isoformat()},
            countdown=120 * 2**self.request.retries,
            max_retries=5,
            exc=DigestsNotSent(f"{failed} supervision digests for {day} were not sent"),
        )
    return sent
