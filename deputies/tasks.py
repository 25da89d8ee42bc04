"""Background work on letters: thin tasks that take ids and call `deputies.letters`."""

import datetime

from celery import shared_task
from django.utils import timezone

from congress_portal.tasks import DATABASE_RETRY

from . import letters


@shared_task(ignore_result=True, **DATABASE_RETRY)
def issue_reminder_letters(on=None):
    """Beat runs this on the first day of each quarter (see the admin's periodic
    tasks): the early warning as of yesterday, the last day of the quarter that
    ended, and one letter per deputy, reason and quarter. `on`: an ISO date."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate() - datetime.timedelta(1)
    return len(letters.issue_all(day))


@shared_task(ignore_result=True, **DATABASE_RETRY)
def deliver_reminder_letter(letter_pk):
    """Render the letter's PDF and email it, once."""
    letters.deliver(letter_pk)


@shared_task(ignore_result=True, **DATABASE_RETRY)
def render_thank_you_letters(batch_pk):
    letters.render_thank_you_batch(batch_pk)
