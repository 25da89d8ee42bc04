"""What the benchmark scripts share: Django on the PostgreSQL of DATABASE_URL
(created if missing), and timing a call."""

import argparse
import io
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

RUNS = 5


def setup_django():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit(
            f"bench/{Path(sys.argv[0]).name} measures PostgreSQL: set DATABASE_URL, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench"
        )
    os.environ["DEBUG"] = "true"  # seed_demo refuses to run otherwise
    # DEBUG keeps the last 9,000 queries: the seeding overflows that log, harmlessly.
    warnings.filterwarnings("ignore", "Limit for query logging exceeded")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress_portal.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    create_database()


def create_database():
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    server = psycopg2.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if cursor.fetchone() is None:
            print(f"Creating database {db['NAME']}")
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    server.close()


def measure(run):
    """(median milliseconds of RUNS runs after one warm-up, SQL queries of one run)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    run()
    times = []
    for _n in range(RUNS):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        run()
    return statistics.median(times), len(queries)


def run_at_scale(doc, build, report):
    """Parse --scale, set Django up, `build(scale)` the data if missing, `report()`."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--scale", type=int, default=100, help="seed_demo --scale (default 100)")
    scale = parser.parse_args().scale
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build(scale)
    report()


def seed(scale):
    """seed_demo --scale N (it adds only what is missing), then VACUUM ANALYZE as
    autovacuum would have by now: statistics, and the visibility map that
    index-only scans need after a bulk load."""
    from django.core.management import call_command
    from django.db import connection

    print(f"Building the data: seed_demo --scale {scale}")
    started = time.perf_counter()
    call_command("seed_demo", scale=scale, stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Built in {time.perf_counter() - started:.0f} s")


def timed(user, url, query=None):
    """(median ms, queries) of GET `url` signed in as `user`."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    def get():
        response = client.get(url, query or {})
        assert response.status_code == 200, (url, query, response.status_code)

    return measure(get)


def time_floor(user):
    from django.urls import reverse

    return timed(user, reverse("password_change"))[0]


def bench_user(username, street, role):
    from django.contrib.auth.models import Group

    from congress_portal.models import User

    user, _created = User.objects.get_or_create(
        username=username, defaults={"street": street, "is_staff": role == "staff"}
    )
    user.groups.add(Group.objects.get(name=role.group_name))
    return user
