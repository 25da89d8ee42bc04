"""Tasks that meet an unreachable database retry over minutes, not seconds: a
database restart outlasts a few seconds of retries."""

from celery.utils.time import get_exponential_backoff_interval

from congress_portal.tasks import DATABASE_RETRY
from deputies.tasks import issue_reminder_letters


def test_retries_wait_at_least_half_a_minute_and_span_a_quarter_of_an_hour():
    waits = [
        get_exponential_backoff_interval(
            factor=DATABASE_RETRY["retry_backoff"],
            retries=retries,
            maximum=DATABASE_RETRY["retry_backoff_max"],
            full_jitter=DATABASE_RETRY["retry_jitter"],
        )
        for retries in range(DATABASE_RETRY["max_retries"])
    ]

    assert waits == [30, 60, 120, 240, 480]
    assert sum(waits) >= 15 * 60


def test_the_tasks_take_these_retries():
    assert issue_reminder_letters.retry_backoff == 30
    assert issue_reminder_letters.retry_jitter is False
    assert issue_reminder_letters.max_retries == 5
