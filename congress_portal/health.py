"""Whether the scheduled jobs run. Every task beat runs is `Scheduled`: it records
its last success and its last failure for good (after its retries) in JobHealth.
A job whose last run failed, or whose run is overdue by its schedule (beat or the
workers stopped, or the database was down when it should have recorded), is a
problem: told on the staff home and the admin's index, emailed once to
ALERT_EMAILS, and run again by the minute's sweep every CATCH_UP_EVERY until it
succeeds. Running a scheduled job again is safe: each does only what its period
still misses (a quarter's letters, today's digests, the duty reminders not yet
sent)."""

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import celery
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from . import emails, jobs
from .models import JobHealth

logger = logging.getLogger(__name__)
# A run this late after it was due is a problem (retries span a quarter of an hour).
GRACE = timedelta(minutes=30)
CATCH_UP_EVERY = timedelta(minutes=30)
SWEEP = "congress_portal.tasks.sweep_outbox"  # the sweep does not catch itself up


class Scheduled(celery.Task):
    """The base of the tasks beat runs: `@shared_task(base=Scheduled)`."""

    def on_success(self, retval, task_id, args, kwargs):
        _record(self.name, succeeded_at=timezone.now())

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        _record(self.name, failed_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000])


def _record(task, **outcome):
    try:
        JobHealth.objects.update_or_create(task=task, defaults=outcome)
    except DatabaseError:  # the database is down: the job shows as overdue instead
        logger.warning("The outcome of %s could not be recorded.", task, exc_info=True)


@dataclass(frozen=True)
class Problem:
    """A scheduled job that failed (`error`) or is overdue (no error) since `since`."""

    job: PeriodicTask
    since: datetime
    error: str = ""

    @property
    def name(self):
        return self.job.name


def problems(now=None):
    """The scheduled jobs that failed or are overdue, in two queries."""
    now = now or timezone.now()
    health = {row.task: row for row in JobHealth.objects.all()}
    scheduled = PeriodicTask.objects.filter(enabled=True, one_off=False).select_related(
        "interval", "crontab", "solar"
    )
    found = []
    for job in scheduled.order_by("name"):
        row = health.get(job.task) or JobHealth(task=job.task)
        if row.failed_at and (row.succeeded_at is None or row.failed_at > row.succeeded_at):
            found.append(Problem(job, row.failed_at, row.error))
            continue
        last = max(filter(None, [row.succeeded_at, job.date_changed]))
        overdue = -job.schedule.remaining_estimate(last)
        if overdue > GRACE:
            found.append(Problem(job, now - overdue))
    return found


@jobs.recovers
def catch_up(now):
    """Run again each failed or overdue job (at most every CATCH_UP_EVERY), and email
    ALERT_EMAILS of each new problem. Returns the problems."""
    found = problems(now)
    for problem in found:
        row, _created = JobHealth.objects.get_or_create(task=problem.job.task)
        if problem.job.task != SWEEP and _claim(row, "caught_up_at", now - CATCH_UP_EVERY, now):
            jobs.enqueue(problem.job.task, *json.loads(problem.job.args or "[]"))
        if settings.ALERT_EMAILS and _claim(row, "alerted_at", problem.since, now):
            emails.send("job-alert", {"problem": problem}, settings.ALERT_EMAILS)
    return found


def _claim(row, field, before, now):
    """Set `field` to `now` unless it is already at or after `before` (or another
    sweep just did): True when this call did."""
    unset_or_older = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": before})
    return bool(JobHealth.objects.filter(unset_or_older, pk=row.pk).update(**{field: now}))
