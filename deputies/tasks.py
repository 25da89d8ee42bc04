"""Background work on letters: thin tasks that take ids and call `deputies.letters`."""

import datetime

from celery import shared_task
from django.utils import timezone

from congress_portal.health import Scheduled
from congress_portal.tasks import DATABASE_RETRY

from . import letters, services


@shared_task(base=Scheduled, ignore_result=True, **DATABASE_RETRY)
def issue_reminder_letters(on=None):
    """Beat runs this every morning (see the admin's periodic tasks): each quarter
    ended and not yet done gets its round, the early warning as of its last day and
    one letter per deputy, reason and quarter; a missed run is caught up by the
    next. `on` (an ISO date): the round of the quarter holding that day, by hand."""
    if on:
        return len(letters.issue_all(datetime.date.fromisoformat(on)))
    return len(letters.issue_due(timezone.localdate()))


# Jobs queued before letters went in batches name one letter: the name and a single
# argument still work.
@shared_task(ignore_result=True, **DATABASE_RETRY)
def deliver_reminder_letter(*letter_pks):
    """Render the letters' PDFs in one pass and email each one, once."""
    letters.deliver(letter_pks)


@shared_task(ignore_result=True, **DATABASE_RETRY)
def render_thank_you_letters(batch_pk):
    letters.render_thank_you_batch(batch_pk)


@shared_task(**DATABASE_RETRY)
def render_published_ranking(published_pk):
    return services.render_published_ranking(published_pk)


@shared_task(ignore_result=True, **DATABASE_RETRY)
def announce_published_ranking(published_pk):
    return services.announce_published_ranking(published_pk)
