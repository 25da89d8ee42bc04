"""Benchmark: the deputies' ranking and performance archive at city scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/deputies.py [--scale 100]

PostgreSQL only; the database is created if it does not exist. The first run
migrates and builds the data with `seed_demo --scale N` (DEBUG on, as the demo
requires): about 200 × N deputies with ~100 ledger entries each, so --scale 100
is a city (20,000 deputies, 2,000,000 entries). Later runs reuse the data; to
build it at another scale, drop the database first.

Prints the row counts, then the median of 5 runs in milliseconds and the
number of SQL queries of: the ranking query of the street with the most
deputies for the current year, and GET of one of its deputies' archive page by
a staff member of that street; then, beside the password-change page (the floor)
with the ratio, the staff home (工作台) and the deputy picker, of that street's
staff and of district-wide staff.
"""

from common import bench_user, measure, run_at_scale, seed, time_floor, timed


def build(scale):
    from deputies.demo import BULK_DEPUTIES_PER_SCALE, BULK_NOTE
    from deputies.models import Deputy

    expected = BULK_DEPUTIES_PER_SCALE * scale if scale > 1 else 0
    bulk = Deputy.objects.filter(notes=BULK_NOTE).count()
    if Deputy.objects.exists() and (bulk or not expected):
        if bulk != expected:
            print(f"Note: the data was built at another scale ({bulk} benchmark deputies).")
        return
    seed(scale)


def report():
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from congress_portal.models import Street
    from congress_portal.roles import Role
    from deputies.models import Deputy, Membership, PointEntry
    from deputies.periods import Period

    print(f"Deputies:       {Deputy.objects.count():>10,}")
    print(f"Memberships:    {Membership.objects.count():>10,}")
    print(f"Point entries:  {PointEntry.objects.count():>10,}")

    year = timezone.localdate().year
    street = Street.objects.annotate(n=Count("deputies")).order_by("-n", "pk").first()
    deputies = Deputy.objects.filter(street=street)
    print(f"Biggest street: {street} ({deputies.count():,} deputies, "
          f"{deputies.current().count():,} current)")  # fmt: skip

    def ranking():
        return list(deputies.current().ranked(Period.year(year)).with_quarters(year))

    ranked = ranking()
    millis, queries = measure(ranking)
    print(f"Ranking {year} ({len(ranked):,} rows): {millis:8.1f} ms, {queries} queries")

    staff = bench_user(f"bench-staff-{street.pk}", street, Role.STAFF)
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    deputy = ranked[len(ranked) // 2]
    url = reverse("deputies:archive", args=[deputy.pk])

    def archive():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    millis, queries = measure(archive)
    print(f"Archive page of {deputy.name} (pk {deputy.pk}): {millis:8.1f} ms, {queries} queries")
    daily_pages(staff, deputy.name[:1])


def daily_pages(staff, surname):
    """The staff home and the deputy picker (a common surname typed), beside the floor."""
    from django.urls import reverse

    from congress_portal.roles import Role

    district = bench_user("bench-district-staff", None, Role.STAFF)
    floor = time_floor(district)
    print(f"Floor (password-change page): {floor:.1f} ms")
    pages = [("staff home", reverse("staff_home"), None),
             (f"deputy picker, q={surname}", reverse("deputies:pick"), {"q": surname})]  # fmt: skip
    for user in (staff, district):
        print(f"As {'district-wide staff' if user is district else f'staff of {staff.street}'}:")
        for label, url, query in pages:
            millis, queries = timed(user, url, query)
            print(
                f"  {label:<26} {millis:8.1f} ms ({millis / floor:.1f} × floor), {queries} queries"
            )


if __name__ == "__main__":
    run_at_scale(__doc__, build, report)
