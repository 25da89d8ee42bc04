"""Benchmark: the portal's pages served by gunicorn at city scale, each beside a floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/pages.py [--scale 100] [--rounds 24] [--only WORD]

PostgreSQL only, on the data bench/deputies.py builds (seed_demo --scale N; built here
if missing). Serves the portal with gunicorn (4 workers, DEBUG off) on a free loopback
port and drives it with 4 clients at once, after 3 unmeasured rounds a page that warm
every worker. Each request for a page is followed by one
for the floor, a trivial signed-in page (the password-change page), so that both meet
the same load on this shared machine. Prints, for each page: p50 and p95 in ms, p95 as
a multiple of the floor's p95 in the same run (to two places: 3.04 is above 3), and the
SQL queries of one request (counted in-process). Nothing is written but the benchmark's
own accounts and sessions: the script can be run again.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import bench_user, seed, setup_django

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 4
WARM_ROUNDS = 3
# The cache and the broker, as in production: a database of this machine's Redis of the
# benchmark's own (no worker takes the jobs the pages queue).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=100, help="seed_demo --scale (default 100)")
    # 96 requests a page: the p95 of 48 was their third-slowest, which one stall of the
    # machine's (100-200 ms, now and then) moved by half a ratio.
    parser.add_argument("--rounds", type=int, default=24, help="requests per client and page")
    parser.add_argument(
        "--only", default="", help="only the floor and the pages whose label has this word"
    )
    arguments = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    from deputies.models import Deputy

    call_command("migrate", verbosity=0)
    if not Deputy.objects.exists():
        seed(arguments.scale)
    floor, *others = portal_pages()
    pages = [floor, *(page for page in others if arguments.only in page[0])]
    with Gunicorn() as server:
        report(server, pages, arguments.rounds)


def portal_pages():
    """(label, user, path): the pages of issue 17's table and the ones added since."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from congress_portal.models import Street
    from congress_portal.roles import Role
    from deputies.models import Activity, Deputy
    from liaison_stations.models import Visit

    street = Street.objects.annotate(n=Count("deputies")).order_by("-n", "pk").first()
    staff = bench_user(f"bench-staff-{street.pk}", street, Role.STAFF)
    district = bench_user("bench-district-staff", None, Role.STAFF)
    leader = bench_user(f"bench-leader-{street.pk}", street, Role.LEADERSHIP)
    # A deputy with no account of the demo's (or with the benchmark's own, from a run
    # before): the benchmark's account is linked to them.
    unlinked = Q(user=None) | Q(user__username__startswith="bench-deputy-")
    deputy = Deputy.objects.current().filter(unlinked, street=street).order_by("pk")[100]
    deputy_user = bench_user(f"bench-deputy-{deputy.pk}", street, Role.DEPUTY)
    Deputy.objects.filter(pk=deputy.pk, user=None).update(user=deputy_user)
    visit = Visit.objects.filter(station__street=street).order_by("-pk").first()
    activity = Activity.objects.filter(street=street).order_by("-held_on", "-pk").first()
    admin = "/admin/"
    return [
        ("floor: password change", district, reverse("password_change")),
        ("deputy home", deputy_user, reverse("deputies:my_duties")),
        ("staff home, one street", staff, reverse("staff_home")),
        ("staff home, district", district, reverse("staff_home")),
        ("deputy picker, district", district, reverse("deputies:pick") + "?q=%E7%8E%8B"),  # 王
        ("a deputy's archive (staff)", staff, reverse("deputies:archive", args=[deputy.pk])),
        ("points ranking, one street", staff, reverse("deputies:ranking")),
        ("early warning, district", district, reverse("deputies:at_risk")),
        ("visit ledger, one street", staff, reverse("liaison_stations:visit_ledger")),
        ("visit ledger, district", district, reverse("liaison_stations:visit_ledger")),
        ("suggestion ledger, district", district, reverse("suggestions:ledger")),
        ("unit statistics, district", district, reverse("suggestions:statistics")),
        ("traffic light, district", district, reverse("suggestions:signals")),
        ("dashboard, one street (leadership)", leader, reverse("reports:dashboard")),
        ("dashboard, district", district, reverse("reports:dashboard")),
        ("admin point entries, district", district, f"{admin}deputies/pointentry/"),
        ("admin suggestions, district", district, f"{admin}suggestions/suggestion/"),
        ("admin visits, district", district, f"{admin}liaison_stations/visit/"),
        (
            "admin visit search 噪音, district",
            district,
            f"{admin}liaison_stations/visit/?q=%E5%99%AA%E9%9F%B3",
        ),  # fmt: skip
        ("admin visit change form", staff, f"{admin}liaison_stations/visit/{visit.pk}/change/"),
        ("deputy's inbox", deputy_user, reverse("inbox")),
        ("published rankings (deputy)", deputy_user, reverse("deputies:published_rankings")),
        ("activities, one street", staff, reverse("deputies:activities")),
        ("an activity's invitations", staff, reverse("deputies:activity", args=[activity.pk])),
    ]


class Gunicorn:
    """The portal under gunicorn on a free loopback port, DEBUG off."""

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        from django.conf import settings

        # The sessions the benchmark signs its users in with are signed with this key.
        env = {**os.environ, "DEBUG": "false", "SECRET_KEY": settings.SECRET_KEY,
               "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
               "LOG_LEVEL": "WARNING", "REDIS_URL": REDIS_URL}  # fmt: skip
        python = str(Path(sys.executable))
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"],
                       cwd=ROOT, env=env, check=True)  # fmt: skip
        command = [python, "-m", "gunicorn", "congress_portal.wsgi", "--workers", "4",
                   "--bind", f"127.0.0.1:{self.port}", "--timeout", "120",
                   "--log-level", "warning"]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        while not self.answers():
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start within a minute")
            time.sleep(0.2)
        return self

    def answers(self):
        try:
            urllib.request.urlopen(self.url("/accounts/login/"), timeout=2)
        except OSError:
            return False
        return True

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def session_cookie(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def queries_of(user, path):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(path)  # warm: the cache and the connection
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    assert status == 200, (path, status)
    return len(queries)


def report(server, pages, rounds):
    # Signed in once, here: the clients' threads neither sign in between requests nor
    # open database connections of their own.
    cookies = {user.pk: session_cookie(user) for _label, user, _path in pages}
    floor_label, floor_user, floor_path = pages[0]

    def get(user, path):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookies[user.pk], "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        assert response.status == 200, (path, response.status)  # no redirect to the login
        return elapsed

    def client(user, path, rounds):
        times, floors = [], []
        for _round in range(rounds):
            times.append(get(user, path))
            floors.append(get(floor_user, floor_path))
        return times, floors

    def clients(user, path, rounds=rounds):
        with ThreadPoolExecutor(CLIENTS) as pool:
            return list(pool.map(client, [user] * CLIENTS, [path] * CLIENTS, [rounds] * CLIENTS))

    print(f"{'page':<38} {'p50':>8} {'p95':>8} {'× floor':>8} {'queries':>8}")
    worst = 0
    for label, user, path in pages:
        # Unmeasured rounds first: a worker's first request of a page loads its code and
        # templates, which a long-running server has done long before.
        clients(user, path, rounds=WARM_ROUNDS)
        results = clients(user, path)
        times = [t for page_times, _floors in results for t in page_times]
        floors = [t for _times, floor_times in results for t in floor_times]
        ratio = p95(times) / p95(floors)
        worst = max(worst, ratio) if label != floor_label else worst
        print(f"{label:<38} {statistics.median(times):8.0f} {p95(times):8.0f} "
              f"{ratio:8.2f} {queries_of(user, path):>8}")  # fmt: skip
    print(f"worst ratio: {worst:.2f} (floor p95 measured beside each page)")


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


if __name__ == "__main__":
    main()
