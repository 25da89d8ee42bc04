"""Counts a page shows that cost too much to make in a request, made by a worker and
kept (KeptCount). A page calls `kept(counter, *args)`: it gets the last count at once,
with the time it was made; a count older than FRESH queues one recount, however many
requests find it stale together; only the very first request counts in the request.

`counter` is a module-level function of JSON arguments returning JSON data; the
worker finds it again by its dotted name."""

import datetime
import json
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from . import jobs
from .models import KeptCount

FRESH = datetime.timedelta(minutes=10)
# A count nobody has asked for in this long (a past year's ranking, an old filter's
# term) is forgotten; asked for again, it is counted in that request.
FORGET_AFTER = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Count:
    data: object
    counted_at: datetime.datetime


def kept(counter, *args, now=None):
    """The last count of `counter(*args)`; a recount is queued once it is stale."""
    now = now or timezone.now()
    name = f"{counter.__module__}.{counter.__qualname__}"
    found = KeptCount.objects.filter(key=_key(name, args)).first()
    if found is None:
        return recount(name, *args)
    stale = now - FRESH
    asked = found.recount_queued_at is not None and found.recount_queued_at >= stale
    # Until the worker recounts, the requests that find a recount asked for write nothing.
    if found.counted_at < stale and not asked:
        not_yet_asked = Q(recount_queued_at=None) | Q(recount_queued_at__lt=stale)
        if KeptCount.objects.filter(not_yet_asked, pk=found.pk).update(recount_queued_at=now):
            jobs.enqueue("congress_portal.tasks.recount", name, *args)
    return Count(found.data, found.counted_at)


def recount(name, *args):
    """Count `name(*args)` now and keep it (the worker's step)."""
    data = json.loads(json.dumps(import_string(name)(*args)))  # as it reads back later
    counted_at = timezone.now()
    KeptCount.objects.update_or_create(
        key=_key(name, args),
        defaults={"data": data, "counted_at": counted_at, "recount_queued_at": None},
    )
    return Count(data, counted_at)


def _key(name, args):
    return f"{name}:{json.dumps(args)}"


def forget_old(now):
    """Forget the counts last made more than FORGET_AFTER before `now`. Returns how many."""
    deleted, _by_model = KeptCount.objects.filter(counted_at__lt=now - FORGET_AFTER).delete()
    return deleted
