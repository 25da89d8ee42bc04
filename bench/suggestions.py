"""Benchmark: the suggestion ledger (建议办理台账), the per-unit statistics (the league
table of units), the traffic light (三色督办) and a handling unit's home at city scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/suggestions.py [--scale 100]

PostgreSQL only; the database is created if it does not exist. The first run
migrates and builds the data with `seed_demo --scale N` (DEBUG on, as the demo
requires): 2,000 × N suggestions led by the benchmark deputies of every street,
so --scale 100 is a city (200,000 suggestions). The command adds only what is
missing, so a database built by bench/deputies.py or bench/visits.py gets the
suggestions added to its deputies and visits. Later runs reuse the data; to
build it at another scale, drop the database first.

Prints the row counts, then the median of 5 runs in milliseconds and the number
of SQL queries of GET of the ledger's first page (unfiltered, by state, overdue
only, by lead unit), of the per-unit statistics and of the traffic light, for a
staff member of the street with the most suggestions and for a district-wide
leadership account; then the home of the account of the unit that leads the most
suggestions. Each beside the password-change page as the floor, with the ratio.
"""

from common import bench_user, run_at_scale, seed, time_floor, timed


def build(scale):
    from deputies.demo import BULK_NOTE
    from suggestions.demo import SUGGESTIONS_PER_SCALE
    from suggestions.models import Suggestion

    expected = SUGGESTIONS_PER_SCALE * scale if scale > 1 else 0
    built = Suggestion.objects.filter(lead__notes=BULK_NOTE).exists()
    if built or (Suggestion.objects.exists() and not expected):
        suggestions = Suggestion.objects.count()
        if not expected <= suggestions <= expected + 500:
            print(f"Note: the data was built at another scale ({suggestions:,} suggestions).")
        return
    seed(scale)


def report():
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from congress_portal.models import Street
    from congress_portal.roles import Role
    from suggestions.models import (
        Answer,
        CongressSession,
        CoSignature,
        Suggestion,
        UnitAssignment,
    )

    print(f"Sessions:          {CongressSession.objects.count():>10,}")
    print(f"Suggestions:       {Suggestion.objects.count():>10,}")
    print(f"Co-signatures:     {CoSignature.objects.count():>10,}")
    print(f"Unit assignments:  {UnitAssignment.objects.count():>10,}")
    print(f"Answers:           {Answer.objects.count():>10,}")

    today = timezone.localdate()
    street = Street.objects.annotate(n=Count("suggestions")).order_by("-n", "pk").first()
    ours = Suggestion.objects.filter(street=street)
    print(
        f"Biggest street: {street} ({street.n:,} suggestions, "
        f"{ours.running().count():,} being handled, {ours.overdue(today).count():,} overdue)"
    )
    leads = UnitAssignment.objects.filter(role=UnitAssignment.Role.LEAD, returned_on=None)
    unit = (
        leads.filter(suggestion__street=street)
        .values("unit", "unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit")
        .first()
    )

    staff = bench_user(f"bench-staff-{street.pk}", street, Role.STAFF)
    district = bench_user("bench-district", None, Role.LEADERSHIP)
    urls = {name: reverse(f"suggestions:{name}") for name in ("ledger", "statistics", "signals")}
    cases = [
        ("ledger", "unfiltered", {}),
        ("ledger", f"state={Suggestion.State.ASSIGNED}", {"state": Suggestion.State.ASSIGNED}),
        ("ledger", "overdue", {"signal": "overdue"}),
        ("ledger", f"unit={unit['unit__name']}", {"unit": unit["unit"]}),
        ("statistics", "unfiltered", {}),
        ("signals", "all lights", {}),
    ]
    floor = time_floor(staff)
    print(f"Floor (password-change page): {floor:.1f} ms")
    for user in (staff, district):
        print(f"As {'district-wide leadership' if user is district else f'staff of {street}'}:")
        for page, label, query in cases:
            millis, queries, rows = time_page(user, urls[page], query)
            print(
                f"  {page:<10} {label:<22} ({rows:>7,} rows): {millis:8.1f} ms "
                f"({millis / floor:.1f} × floor), {queries} queries"
            )
    busiest = leads.values("unit").annotate(n=Count("pk")).order_by("-n", "unit").first()
    account = bench_user("bench-unit", None, Role.UNIT)
    account.handling_unit_id = busiest["unit"]
    account.save(update_fields=["handling_unit"])
    millis, queries = timed(account, reverse("unit_home"))
    print(
        f"Unit home ({account.handling_unit}, lead of {busiest['n']:,} suggestions): "
        f"{millis:.1f} ms ({millis / floor:.1f} × floor), {queries} queries"
    )


def filtered(user, query):
    """The suggestions the ledger shows the user with these filters."""
    from urllib.parse import urlencode

    from django.http import QueryDict

    from suggestions.filters import SuggestionFilter

    return SuggestionFilter(QueryDict(urlencode(query)), user=user).qs


def time_page(user, url, query):
    if url.endswith("/signals/"):
        rows = filtered(user, {}).running().count()
    else:
        rows = filtered(user, query).count()
    return (*timed(user, url, query), rows)


if __name__ == "__main__":
    run_at_scale(__doc__, build, report)
