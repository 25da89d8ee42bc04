"""The dashboard's figures, counted by a worker and kept (DashboardSnapshot): a
request reads the last count, with the time it was made, and asks for a new one
when it is older than FRESH. Only the first view of a year and a street ever counts
in the request; later, however many leaders open it at once, one worker counts."""

import datetime

from django.db.models import Q
from django.utils import timezone

from congress_portal import jobs
from congress_portal.models import Street

from .charts import figure_charts
from .figures import year_figures
from .models import DashboardSnapshot

FRESH = datetime.timedelta(minutes=10)


def snapshot(year, street, now=None):
    """The last count of the year's dashboard; a recount is queued once it is stale."""
    now = now or timezone.now()
    found = DashboardSnapshot.objects.filter(key=_key(year, street)).first()
    if found is None:
        return count(year, street.pk if street else None)
    stale = now - FRESH
    if found.counted_at < stale:
        not_yet_asked = Q(recount_queued_at=None) | Q(recount_queued_at__lt=stale)
        if DashboardSnapshot.objects.filter(not_yet_asked, pk=found.pk).update(
            recount_queued_at=now
        ):
            jobs.enqueue("reports.tasks.count_dashboard", year, street.pk if street else None)
    return found


def count(year, street_pk):
    """Count the year's dashboard for the street (None: the district) and keep it."""
    street = Street.objects.get(pk=street_pk) if street_pk else None
    figures = year_figures(year, street)
    charts = {name: str(svg) for name, svg in figure_charts(figures).items()}
    kept, _created = DashboardSnapshot.objects.update_or_create(
        key=_key(year, street),
        defaults={"year": year, "street": street, "figures": figures, "charts": charts,
                  "counted_at": timezone.now(), "recount_queued_at": None},
    )  # fmt: skip
    return kept


def _key(year, street):
    return f"{year}:{street.pk if street else 'all'}"
