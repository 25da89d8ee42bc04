"""Benchmark: the visit ledger (接待台账) at city scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/visits.py [--scale 100]

PostgreSQL only; the database is created if it does not exist. The first run
migrates and builds the data with `seed_demo --scale N` (DEBUG on, as the demo
requires): 10,000 × N visits over the stations of every street, so --scale 100
is a city (1,000,000 visits). The command adds only what is missing, so a
database built by bench/deputies.py gets the stations' data added to its
deputies. Later runs reuse the data; to build it at another scale, drop the
database first.

Prints the row counts, then the median of 5 runs in milliseconds and the
number of SQL queries of GET of the ledger's first page by a staff member of
the street with the most visits: unfiltered, by category, overdue only, and a
month's visits in one state.
"""

import datetime

from common import measure, run_at_scale, seed


def build(scale):
    from deputies.demo import BULK_NOTE
    from liaison_stations.demo import BULK_VISITS_PER_SCALE
    from liaison_stations.models import Visit

    expected = BULK_VISITS_PER_SCALE * scale if scale > 1 else 0
    built = Visit.objects.filter(deputies__notes=BULK_NOTE).exists()
    if built or (Visit.objects.exists() and not expected):
        visits = Visit.objects.count()
        if not expected <= visits <= expected + 5_000:
            print(f"Note: the data was built at another scale ({visits:,} visits).")
        return
    seed(scale)


def report():
    from urllib.parse import urlencode

    from django.contrib.auth.models import Group
    from django.db.models import Count
    from django.http import QueryDict
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from congress_portal.models import Street, User
    from congress_portal.roles import Role
    from liaison_stations.filters import VisitFilter
    from liaison_stations.models import Constituent, Station, Visit

    print(f"Stations:       {Station.objects.count():>10,}")
    print(f"Visits:         {Visit.objects.count():>10,}")
    print(f"Constituents:   {Constituent.objects.count():>10,}")
    print(f"Visit deputies: {Visit.deputies.through.objects.count():>10,}")

    street = Street.objects.annotate(n=Count("stations__visits")).order_by("-n", "pk").first()
    today = timezone.localdate()
    visits = Visit.objects.filter(station__street=street)
    print(f"Biggest street: {street} ({street.n:,} visits, "
          f"{visits.overdue(today).count():,} overdue)")  # fmt: skip

    staff, _created = User.objects.get_or_create(
        username=f"bench-staff-{street.pk}", defaults={"street": street, "is_staff": True}
    )
    staff.groups.add(Group.objects.get(name=Role.STAFF.group_name))
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    url = reverse("liaison_stations:visit_ledger")
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    month = {
        "received_after": last_month_end.replace(day=1).isoformat(),
        "received_before": last_month_end.isoformat(),
        "state": Visit.State.CLOSED,
    }
    cases = [
        ("unfiltered", {}),
        ("category=environment", {"category": Visit.Category.ENVIRONMENT}),
        ("overdue=on", {"overdue": "on"}),
        (f"last month, {Visit.State.CLOSED}", month),
    ]
    for label, query in cases:

        def ledger(query=query):
            response = client.get(url, query)
            assert response.status_code == 200, response.status_code

        total = VisitFilter(QueryDict(urlencode(query)), queryset=visits, user=staff).qs.count()
        millis, queries = measure(ledger)
        print(f"Ledger, {label} ({total:,} visits): {millis:8.1f} ms, {queries} queries")


if __name__ == "__main__":
    run_at_scale(__doc__, build, report)
