"""The core app's tasks, and the rules every project task follows.

Tasks are queued with `congress_portal.jobs.enqueue` (after commit, kept in
the outbox while Redis is down), take ids rather than model instances, and are
idempotent: a job may arrive twice. Those that touch the database retry with
backoff when it is briefly unreachable: `@shared_task(**DATABASE_RETRY)`.
"""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import jobs, kept, notices, sheets, submissions
from .health import Scheduled

# Up to 5 retries, 30 s, 1, 2, 4 and 8 minutes after each failure: they span a
# quarter of an hour, as a database restart or failover takes minutes. No jitter:
# Celery's is a random share of each wait, which may be next to nothing (five
# retries were seen to end within 2.2 s of a 45 s outage). Periodic work does what
# its failed runs left on its next run (e.g. deputies.letters.issue_due).
DATABASE_RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": False,
    "max_retries": 5,
}


@shared_task
def ping():
    """Answer "pong": proves that a worker takes tasks from the broker."""
    return "pong"


@shared_task(base=Scheduled, ignore_result=True)
def sweep_outbox():
    """Send the jobs Redis could not take when they were queued, forget those sent
    long ago, and queue again the documents and letters whose job was lost or whose
    worker died (`jobs.recovers`). Beat runs it every minute (the schedule is in the
    admin's periodic tasks), which is also its retry: no DATABASE_RETRY."""
    jobs.prune_sent()
    now = timezone.now()
    for recover in jobs.RECOVERIES:
        recover(now)
    return jobs.send_pending()


# An export of a city's ledger or an import of a large roster takes minutes:
# the longest limits (Redis's visibility timeout follows them).
@shared_task(
    acks_late=True, soft_time_limit=settings.LONGEST_TASK_SECONDS - 2 * 60,
    time_limit=settings.LONGEST_TASK_SECONDS, ignore_result=True, **DATABASE_RETRY,
)  # fmt: skip
def run_sheet_job(job_pk):
    """Make or read the job's sheet, once (see congress_portal.sheets)."""
    return sheets.run(job_pk)


@shared_task(ignore_result=True, **DATABASE_RETRY)
def recount(name, *args):
    """Count what a page shows (congress_portal.kept) and keep it."""
    kept.recount(name, *args)


@shared_task(base=Scheduled, ignore_result=True, **DATABASE_RETRY)
def remove_expired():
    """Beat runs this every hour: exports, imports and the tokens of forms answered
    once are kept for a day, kept counts nobody asked for in a month are forgotten, and
    sheet jobs whose worker died are taken up again. Returns how many sheets were removed."""
    submissions.forget_old()
    kept.forget_old(timezone.now())
    sheets.take_up_stale()
    return sheets.remove_expired()


@shared_task(bind=True, ignore_result=True, **DATABASE_RETRY)
def email_notice(self, notice_pk):
    """Email a notice of the inbox, once (see congress_portal.notices); a send that
    fails is tried again after 2, 4, 8, 16 and 32 minutes."""
    try:
        return notices.email(notice_pk)
    except (OperationalError, InterfaceError):
        raise
    except Exception as error:
        raise self.retry(
            countdown=120 * 2**self.request.retries, max_retries=5, exc=error
        ) from error
