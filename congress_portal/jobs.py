"""Background jobs that survive a Redis outage: a transactional outbox.

`enqueue(task, *args)` (a task or its name) records the job as an OutboxJob row in the caller's
transaction and sends it to the broker once that transaction commits: a
worker never sees a job for rows that were rolled back, and never misses one
for rows that were committed. When Redis cannot take the message, the request
still succeeds within about a second (see CELERY_BROKER_TRANSPORT_OPTIONS):
the row stays unsent, and `send_pending`, run every minute by the
`sweep_outbox` task, sends it once Redis is back.

Each send claims its row first (a locked, conditional UPDATE in the same
transaction as the publish), so two sweeps, or a sweep and the send after
commit, never send one job twice. A job can still arrive twice (the publish
succeeded but the mark was lost with its transaction, or staff sent it again):
every task must be idempotent. Arguments are JSON: pass ids, not instances.

With CELERY_TASK_ALWAYS_EAGER (no REDIS_URL: development and tests) the task
runs in-process after the commit, and its errors propagate.
"""

import enum
import logging
from datetime import timedelta

import redis.exceptions
from celery.exceptions import NotRegistered
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from kombu.exceptions import OperationalError as BrokerUnreachable

from .celery import app as celery_app
from .models import OutboxJob

logger = logging.getLogger(__name__)

# The broker could not take the message: the job waits in the outbox. (kombu
# wraps connection errors in its OperationalError; the rest are belt and braces.)
BROKER_ERRORS = (
    BrokerUnreachable,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)
# The sweep leaves younger unsent jobs to the send that follows their commit.
SWEEP_AFTER = timedelta(seconds=30)
SWEEP_BATCH = 500
KEEP_SENT = timedelta(days=30)
# What the minute's sweep takes up besides the outbox: functions `f(now)`, each
# queueing again the work of one kind whose job was lost or whose worker died.
RECOVERIES = []


def recovers(function):
    """Have the minute's sweep (`congress_portal.tasks.sweep_outbox`) call `function(now)`."""
    RECOVERIES.append(function)
    return function


class Outcome(enum.Enum):
    SENT = "sent"
    REFUSED = "refused"  # the broker is unreachable: stays unsent
    BROKEN = "broken"  # no such task, or cannot be sent: stays unsent, with the error
    SKIPPED = "skipped"  # already sent, or being sent by another process


def enqueue(task, *args):
    """Run `task(*args)` in the background once the current transaction
    commits (at once outside a transaction); nothing runs if it rolls back.
    `task`: the task or its name; services name the tasks that call them, as
    their tasks module imports them. Returns the OutboxJob."""
    if isinstance(task, str):
        task = _registered(task)  # an unknown name fails here, in the request
    job = OutboxJob.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: send(job.pk, task))
    return job


def send_pending(older_than=SWEEP_AFTER, limit=SWEEP_BATCH):
    """Send the jobs still unsent `older_than` after they were recorded,
    oldest first, stopping at the first one the broker refuses. Returns how
    many were sent."""
    cutoff = timezone.now() - older_than
    pending = OutboxJob.objects.filter(sent_at=None, created_at__lte=cutoff)
    sent = 0
    for pk in list(pending.order_by("created_at", "pk").values_list("pk", flat=True)[:limit]):
        outcome = send(pk)
        if outcome is Outcome.REFUSED:
            break
        sent += outcome is Outcome.SENT
    return sent


def prune_sent(keep=KEEP_SENT):
    """Forget the jobs sent more than `keep` ago. Returns how many."""
    deleted, _by_model = OutboxJob.objects.filter(sent_at__lt=timezone.now() - keep).delete()
    return deleted


def send(pk, task=None, *, again=False):
    """Send job `pk` now, unless it was sent already (or `again`: even then)
    or another process is sending it. Returns an Outcome."""
    eager = celery_app.conf.task_always_eager
    with transaction.atomic():
        job = _claim(pk, again)
        if job is None:
            return Outcome.SKIPPED
        try:
            task = task or _registered(job.task)
        except NotRegistered as error:
            logger.error("Job %s stays in the outbox: no task %s.", job.pk, job.task)
            _unsend(job, error)
            return Outcome.BROKEN
        if not eager:
            try:
                task.apply_async(args=job.args, retry=False, ignore_result=True)
            except BROKER_ERRORS as error:
                logger.warning(
                    "Job %s (%s) stays in the outbox for the sweep: the broker is "
                    "unreachable (%s).",
                    job.pk,
                    job.task,
                    error,
                )
                _unsend(job, error)
                return Outcome.REFUSED
            except Exception as error:
                # A job that can never be sent must not fail the request that
                # committed it, nor stop the sweep at it every minute.
                logger.exception(
                    "Job %s (%s) stays in the outbox: it cannot be sent.", job.pk, job.task
                )
                _unsend(job, error)
                return Outcome.BROKEN
    if eager:
        # Outside the claim's transaction, as a worker would run it.
        task.apply_async(args=job.args, ignore_result=True)
    return Outcome.SENT


def _claim(pk, again):
    """The job, marked sent in the current transaction, or None if it is not
    ours to send. On PostgreSQL the row lock makes other sweeps skip it; the
    conditional UPDATE is the claim where rows cannot be locked (SQLite, whose
    database lock serialises writers anyway)."""
    jobs = OutboxJob.objects.select_for_update(skip_locked=True).filter(pk=pk)
    job = (jobs if again else jobs.filter(sent_at=None)).first()
    if job is None:
        return None
    claimed = OutboxJob.objects.filter(pk=pk, sent_at=job.sent_at).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1
    )
    return job if claimed else None


def _unsend(job, error):
    OutboxJob.objects.filter(pk=job.pk).update(
        sent_at=None, last_error=f"{type(error).__name__}: {error}"
    )


def _registered(name):
    """The task called `name`, importing every app's tasks module if needed
    (a web process has imported only those its code used)."""
    if name not in celery_app.tasks:
        autodiscover_modules("tasks")  # what the worker's autodiscovery imports
    return celery_app.tasks[name]
