"""Benchmark: faults replayed against a PostgreSQL and a Redis of the script's own.

    .venv/bin/python bench/faults.py

Never touches the shared services: it starts its own PostgreSQL (initdb in a temporary
folder, run as the `postgres` user, on a free loopback port) and Redis (a free loopback
port), builds the demo there (seed_demo), serves the portal with gunicorn (4 workers),
and runs one Celery worker and one beat (beat under a loop that starts it again, as
the compose file's restart policy does). Then it replays each fault, each bounded in
time, and prints what it found: requests that failed (errors), jobs that never ran
(lost), ran twice (duplicated), or left a row waiting for good (stuck). The last line
is `faults: N/M held (lost 0, duplicated 0, stuck 0, errors 0)` when every fault held.
Takes about 10 minutes; everything it started is stopped and removed at the end.
"""

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.workers import SmtpSink  # noqa: E402 (a mail server that counts what it receives)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=None)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds, step=0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary folder, owned by `postgres`, on loopback."""

    def __init__(self, folder):
        self.folder, self.port = Path(folder) / "pg", free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def as_postgres(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)

    def start(self):
        if not self.folder.exists():
            self.folder.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(self.folder.parent, "postgres")
                shutil.chown(self.folder, "postgres")
            self.as_postgres(str(PG_BIN / "initdb"), "-D", str(self.folder), "-U", "postgres",
                             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = f"-p {self.port} -h 127.0.0.1 -k {self.folder}"
        self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.folder), "-o", options,
                         "-l", str(self.folder / "log"), "-w", "start")  # fmt: skip

    def stop(self, mode="fast"):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.folder), "-m", mode, "-w",
                             "stop")  # fmt: skip

    def create_database(self):
        self.as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                         "-U", "postgres", "portal")  # fmt: skip


class PrivateRedis:
    def __init__(self, folder):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", str(folder)]  # fmt: skip
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        wait_until(lambda: _answers(self.port), 20, 0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def wake(self):
        self.process.send_signal(signal.SIGCONT)


def _answers(port):
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
        return True
    return False


@dataclass
class Outcome:
    name: str
    lost: int = 0
    duplicated: int = 0
    stuck: int = 0
    errors: int = 0
    notes: list = field(default_factory=list)

    @property
    def held(self):
        return not (self.lost or self.duplicated or self.stuck or self.errors)


class Portal:
    """gunicorn, a worker and a supervised beat on the private services."""

    def __init__(self, env):
        self.env, self.port, self.processes = env, free_port(), []
        self.beats_running = True

    def start(self):
        web = [PYTHON, "-m", "gunicorn", "congress_portal.wsgi", "--workers", "4",
               "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"]  # fmt: skip
        worker = [PYTHON, "-m", "celery", "-A", "congress_portal", "worker", "--concurrency",
                  "2", "--loglevel", "WARNING"]  # fmt: skip
        self.processes.append(subprocess.Popen(web, cwd=ROOT, env=self.env))
        self.worker_command = worker
        self.start_worker()
        threading.Thread(target=self.supervise_beat, daemon=True).start()
        wait_until(lambda: self.status("/accounts/login/") == 200, 60)

    def start_worker(self):
        self.worker = subprocess.Popen(self.worker_command, cwd=ROOT, env=self.env,
                                       start_new_session=True)  # fmt: skip
        self.processes.append(self.worker)

    def kill_worker(self):
        """SIGKILL to the worker and its pool: what a pulled plug does."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()

    def supervise_beat(self):
        """Start beat again whenever it exits, as `restart: unless-stopped` does."""
        command = [PYTHON, "-m", "celery", "-A", "congress_portal", "beat", "--loglevel",
                   "WARNING"]  # fmt: skip
        while self.beats_running:
            beat = subprocess.Popen(command, cwd=ROOT, env=self.env)
            self.processes.append(beat)
            beat.wait()
            time.sleep(2)

    def stop(self):
        self.beats_running = False
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)

    def status(self, path, cookie="", timeout=10):
        """The status of GET `path`, 0 when it did not answer in time."""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            return response.status
        except OSError:
            return 0


def main():
    if PG_BIN is None or not shutil.which("redis-server"):
        sys.exit("bench/faults.py needs PostgreSQL's server binaries and redis-server")
    folder = tempfile.mkdtemp(prefix="bench-faults-")
    sink = SmtpSink()
    postgres, redis = PrivatePostgres(folder), PrivateRedis(folder)
    postgres.start()
    redis.start()
    portal = None
    try:
        postgres.create_database()
        env = {**os.environ, "DATABASE_URL": postgres.url, "REDIS_URL": redis.url,
               "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
               "SECRET_KEY": "bench-faults-" + "k" * 40, "MEDIA_ROOT": str(Path(folder) / "media"),
               "LOG_LEVEL": "ERROR", "EMAIL_URL": sink.url}  # fmt: skip
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
        subprocess.run([PYTHON, "manage.py", "seed_demo"], cwd=ROOT, env={**env, "DEBUG": "true"},
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        os.environ.update(env, DJANGO_SETTINGS_MODULE="congress_portal.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connections

        portal = Portal(env)
        portal.start()
        outcomes = []
        for fault in FAULTS:
            connections.close_all()  # the benchmark's own, which a fault may have broken
            outcomes.append(fault(portal, postgres, redis, sink))
    finally:
        if portal:
            portal.stop()
        redis.stop()
        postgres.stop()
        sink.close()
        shutil.rmtree(folder, ignore_errors=True)
    report(outcomes)


def report(outcomes):
    print(f"{'fault':<44} {'lost':>5} {'dup':>5} {'stuck':>6} {'errors':>7}")
    for outcome in outcomes:
        print(f"{outcome.name:<44} {outcome.lost:>5} {outcome.duplicated:>5} "
              f"{outcome.stuck:>6} {outcome.errors:>7}  {'; '.join(outcome.notes)}")  # fmt: skip
    kinds = ("lost", "duplicated", "stuck", "errors")
    totals = ", ".join(f"{kind} {sum(getattr(o, kind) for o in outcomes)}" for kind in kinds)
    held = sum(outcome.held for outcome in outcomes)
    print(f"faults: {held}/{len(outcomes)} held ({totals})")


# The faults -----------------------------------------------------------------


def signed_in(username):
    from django.conf import settings
    from django.test import Client

    from congress_portal.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def staff_pages():
    from django.urls import reverse

    names = ["staff_home", "reports:dashboard", "liaison_stations:visit_ledger",
             "suggestions:ledger", "deputies:ranking", "deputies:at_risk"]  # fmt: skip
    return [reverse(name) for name in names]


def hammer(portal, cookie, seconds, users=4):
    """`users` clients GET the staff's pages in turn for `seconds`: (requests, failures)."""
    pages = staff_pages()
    deadline = time.monotonic() + seconds

    def user(n):
        done = failed = 0
        while time.monotonic() < deadline:
            status = portal.status(pages[(n + done) % len(pages)], cookie, timeout=15)
            done, failed = done + 1, failed + (status != 200)
        return done, failed

    with ThreadPoolExecutor(users) as pool:
        results = list(pool.map(user, range(users)))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def redis_stopped(portal, postgres, redis, sink):
    """Redis stopped for 60 s: pages answer, and a PDF asked for meanwhile is made
    once Redis is back (the outbox's sweep)."""
    from congress_portal.models import User
    from deputies.models import Deputy
    from reports import services
    from reports.models import ArchivePDF

    outcome = Outcome("Redis stopped 60 s")
    cookie = signed_in("staff")
    redis.stop()
    try:
        staff = User.objects.get(username="staff")
        deputy = Deputy.objects.filter(street=staff.street).order_by("pk").first()
        ArchivePDF.objects.filter(deputy=deputy, year=2025).delete()
        archive = services.request_archive_pdf(deputy, 2025, staff)
        requests, failed = hammer(portal, cookie, 60)
        outcome.errors += failed
        outcome.notes.append(f"{requests} requests while down")
    finally:
        redis.start()
    ready = wait_until(lambda: ArchivePDF.objects.get(pk=archive.pk).state == "ready", 180, 2)
    outcome.stuck += not ready
    return outcome


def postgres_restarted(portal, postgres, redis, sink):
    """PostgreSQL restarted: the first requests after it find their connections dead."""
    outcome = Outcome("PostgreSQL restarted")
    cookie = signed_in("staff")
    hammer(portal, cookie, 3)  # every gunicorn worker holds a connection
    postgres.stop()
    postgres.start()
    requests, failed = hammer(portal, cookie, 20)
    outcome.errors += failed
    outcome.notes.append(f"{requests} requests after")
    return outcome


def hung_redis(portal, postgres, redis, sink):
    """Redis hung (it takes connections and never answers) for 30 s."""
    outcome = Outcome("Redis hung 30 s")
    cookie = signed_in("staff")
    redis.hang()
    try:
        requests, failed = hammer(portal, cookie, 30)
    finally:
        redis.wake()
    outcome.errors += failed
    outcome.notes.append(f"{requests} requests while hung")
    return outcome


def sixteen_users(portal, postgres, redis, sink):
    outcome = Outcome("16 users for 60 s")
    requests, failed = hammer(portal, signed_in("staff"), 60, users=16)
    outcome.errors += failed
    outcome.notes.append(f"{requests} requests")
    return outcome


def worker_killed_mid_send(portal, postgres, redis, sink):
    """A worker killed while the mail server holds a reminder letter: once the claim is
    older than its age limit (the clock moved on in the database: ten minutes compressed
    into one), the sweep marks it unconfirmed; it is never emailed a second time."""
    from django.db.models import F

    from congress_portal.models import User
    from deputies import letters
    from deputies.models import Deputy, ReminderLetter

    outcome = Outcome("worker killed mid-send")
    staff = User.objects.get(username="staff")
    deputy = Deputy.objects.current().filter(street=staff.street).order_by("pk").last()
    Deputy.objects.filter(pk=deputy.pk).update(email="faults@example.org")
    deputy.refresh_from_db()
    received, accepted = sink.received, sink.accepted
    sink.holding.set()
    letter, _created = letters.issue_letter(deputy, "low_points", "2025-Q1", staff)
    reached = wait_until(lambda: sink.received > received, 120)
    portal.kill_worker()
    sink.holding.clear()
    portal.start_worker()
    rows = ReminderLetter.objects.filter(pk=letter.pk)
    rows.update(sending_at=F("sending_at") - letters.SENDING_TIMEOUT)
    settled = wait_until(lambda: rows.get().state == ReminderLetter.State.UNCONFIRMED, 150, 2)
    time.sleep(30)  # any second sending would have happened by now
    outcome.stuck += not settled
    outcome.lost += not reached
    outcome.duplicated += sink.accepted - accepted
    outcome.notes.append(f"letter {rows.get().get_state_display()}")
    return outcome


FAULTS = [redis_stopped, postgres_restarted, hung_redis, sixteen_users, worker_killed_mid_send]


if __name__ == "__main__":
    main()
