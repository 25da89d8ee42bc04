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
Takes about 20 minutes; everything it started is stopped and removed at the end.
"""

import contextlib
import datetime
import html
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
ONE_DAY = datetime.timedelta(days=1)


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
    """gunicorn, and a worker and a beat each started again whenever it exits, as the
    compose file's `restart: unless-stopped` does (a worker may exit on losing Redis:
    a race in kombu's reconnection, "Unrecoverable error")."""

    CELERY = [PYTHON, "-m", "celery", "-A", "congress_portal"]
    WORKER = [*CELERY, "worker", "--concurrency", "2", "--loglevel", "WARNING"]
    BEAT = [*CELERY, "beat", "--loglevel", "WARNING"]

    def __init__(self, env):
        self.env, self.port, self.processes = env, free_port(), []
        self.running, self.current, self.starts = True, {}, {"worker": 0, "beat": 0}

    def start(self):
        web = [PYTHON, "-m", "gunicorn", "congress_portal.wsgi", "--workers", "4",
               "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"]  # fmt: skip
        self.processes.append(subprocess.Popen(web, cwd=ROOT, env=self.env))
        for name, command in [("worker", self.WORKER), ("beat", self.BEAT)]:
            threading.Thread(target=self.supervise, args=(name, command), daemon=True).start()
        wait_until(lambda: self.status("/accounts/login/") == 200, 60)

    def launch(self, command):
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        self.processes.append(process)
        return process

    def supervise(self, name, command):
        while self.running:
            self.starts[name] += 1
            self.current[name] = self.launch(command)
            self.current[name].wait()
            time.sleep(2)

    def start_beat(self):
        """A second beat, unsupervised."""
        return self.launch(self.BEAT)

    def kill_worker(self):
        """SIGKILL to the worker and its pool (what a pulled plug does); its supervisor
        starts another."""
        worker = self.current["worker"]
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

    def stop(self):
        self.running = False
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
    cookie, workers = signed_in("staff"), portal.starts["worker"]
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
    outcome.notes.append(f"worker started {portal.starts['worker'] - workers} more times")
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
    rows = ReminderLetter.objects.filter(pk=letter.pk)
    rows.update(sending_at=F("sending_at") - letters.SENDING_TIMEOUT)
    settled = wait_until(lambda: rows.get().state == ReminderLetter.State.UNCONFIRMED, 150, 2)
    time.sleep(30)  # any second sending would have happened by now
    outcome.stuck += not settled
    outcome.lost += not reached
    outcome.duplicated += sink.accepted - accepted
    outcome.notes.append(f"letter {rows.get().get_state_display()}")
    return outcome


LETTERS = "deputies.tasks.issue_reminder_letters"
DIGESTS = "reports.tasks.send_supervision_digests"
DUTY_REMINDERS = "liaison_stations.tasks.remind_duties_tomorrow"


@contextlib.contextmanager
def every_ten_seconds(*tasks):
    """Beat starts `tasks` every 10 s meanwhile, instead of once a day: days compressed
    into seconds."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks

    interval, _ = IntervalSchedule.objects.get_or_create(every=10, period=IntervalSchedule.SECONDS)
    jobs = PeriodicTask.objects.filter(task__in=tasks)
    crontabs = dict(jobs.values_list("pk", "crontab_id"))
    jobs.update(crontab=None, interval=interval)
    PeriodicTasks.update_changed()
    try:
        yield
    finally:
        for pk, crontab in crontabs.items():
            PeriodicTask.objects.filter(pk=pk).update(interval=None, crontab_id=crontab)
        PeriodicTasks.update_changed()


def give_addresses():
    """Every deputy and account an address of its own, so that each letter, reminder
    and digest is emailed."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from congress_portal.models import User
    from deputies.models import Deputy

    Deputy.objects.update(email=Concat(Value("deputy"), Cast("pk", CharField()),
                                       Value("@example.org")))  # fmt: skip
    User.objects.update(email=Concat("username", Value("@example.org")))


def last_quarter():
    from django.utils import timezone

    from deputies.models import quarter_of
    from deputies.periods import Period

    return quarter_of(Period.quarter_holding(timezone.localdate()).start - ONE_DAY)


def identity(message):
    """What makes two emails the same email: whom, what about, and what it says."""
    texts = [part for part in message.walk() if part.get_content_type() == "text/plain"]
    return message["To"], message["Subject"], (texts[0] if texts else message).get_payload()


def counted_emails(outcome, received, expected):
    """Each of `expected` emails received once: the rest are lost or duplicated."""
    unique = len({identity(message) for message in received})
    outcome.lost += max(0, expected - unique)
    outcome.duplicated += len(received) - unique


def unfinished(letters):
    from deputies.models import ReminderLetter

    State = ReminderLetter.State
    return letters.exclude(state__in=[State.SENT, State.FAILED, State.UNCONFIRMED, State.PORTAL])


def two_beats(portal, postgres, redis, sink):
    """A second beat for 2 minutes while both start the quarter's letters, the
    supervision digests and tomorrow's duty reminders every 10 s: each email once."""
    from django.db.models import Q
    from django.utils import timezone

    from congress_portal.models import JobHealth
    from deputies.models import LetterRound, ReminderLetter
    from liaison_stations.models import DutyAssignment, DutySession
    from reports import digest
    from reports.models import DigestDelivery

    outcome = Outcome("two beats for 2 minutes")
    give_addresses()
    now, quarter = timezone.localtime(), last_quarter()
    LetterRound.objects.all().delete()  # the last quarter's round is due again
    letters = ReminderLetter.objects.filter(period=quarter)
    letters.delete()
    DigestDelivery.objects.filter(day=now.date()).delete()
    not_begun = Q(session__date__gt=now.date()) | Q(
        session__date=now.date(), session__starts_at__gt=now.time()
    )
    tomorrow = now.date() + ONE_DAY
    later = DutySession.objects.filter(date__gt=tomorrow).order_by("date", "pk")[:10]
    DutySession.objects.filter(pk__in=list(later.values_list("pk", flat=True))).update(
        date=tomorrow
    )
    duties = DutyAssignment.objects.filter(not_begun, session__date__lte=tomorrow)
    duties.update(reminded_at=None)
    due = duties.count() + len(digest.build(now.date()))
    first, started = len(sink.messages), timezone.now()
    second = portal.start_beat()
    try:
        with every_ten_seconds(LETTERS, DIGESTS, DUTY_REMINDERS):
            time.sleep(120)
    finally:
        second.terminate()
        second.wait(timeout=30)
    outcome.stuck += not wait_until(lambda: not unfinished(letters).exists(), 180, 2)
    outcome.stuck += unfinished(letters).count()
    counted_emails(outcome, sink.messages[first:], due + letters.count())
    failed = JobHealth.objects.filter(task__in=[LETTERS, DIGESTS, DUTY_REMINDERS],
                                      failed_at__gte=started)  # fmt: skip
    outcome.errors += failed.count()
    outcome.notes.append(f"{letters.count()} letters and {due} digests and duty reminders, "
                         f"{len(sink.messages) - first} emails")  # fmt: skip
    return outcome


def quarter_with_database_down(portal, postgres, redis, sink):
    """PostgreSQL down for 150 s (beat exits without it; its supervisor starts it again)
    while the quarterly job makes its last retry, which fails for good. The job's next
    run (its days compressed once the database is back) issues the quarter's letters."""
    from django.db import connections

    from deputies.models import LetterRound, ReminderLetter
    from deputies.tasks import issue_reminder_letters

    outcome = Outcome("database down past the quarter's retries")
    quarter = last_quarter()
    letters = ReminderLetter.objects.filter(period=quarter)
    expected = letters.count()  # the round the previous fault issued
    LetterRound.objects.filter(period=quarter).delete()
    letters.delete()
    connections.close_all()
    beats, first = portal.starts["beat"], len(sink.messages)
    postgres.stop()
    try:
        issue_reminder_letters.apply_async(retries=5)  # its last retry: no more after this one
        time.sleep(150)
    finally:
        postgres.start()
    connections.close_all()
    outcome.lost += LetterRound.objects.filter(period=quarter).exists()  # it did not fail?
    with every_ten_seconds(LETTERS):
        wait_until(lambda: letters.count() >= expected and not unfinished(letters).exists(), 180, 2)
    outcome.stuck += unfinished(letters).count()
    counted_emails(outcome, sink.messages[first:], expected)
    outcome.notes.append(f"{letters.count()} of {expected} letters issued after; "
                         f"beat started {portal.starts['beat'] - beats} more times")  # fmt: skip
    return outcome


def downloads(portal, path, cookie, seconds):
    """GET `path` every half second for `seconds`: how many did not answer 200."""
    failed, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        failed += portal.status(path, cookie) != 200
        time.sleep(0.5)
    return failed


def render_killed_midway(portal, postgres, redis, sink):
    """The worker killed while it renders a new version of an archive: the previous PDF
    is downloaded meanwhile and afterwards, and once the rendering is past its age
    limit (ten minutes compressed into one) the sweep makes the new one, with no person."""
    import psycopg2
    from django.conf import settings
    from django.db.models import F
    from django.urls import reverse

    from congress_portal import documents
    from congress_portal.models import User
    from deputies.models import Deputy
    from reports import services
    from reports.models import ArchivePDF

    outcome = Outcome("render killed midway")
    staff = User.objects.get(username="staff")
    deputy = Deputy.objects.filter(street=staff.street).order_by("pk")[1]
    archive = services.request_archive_pdf(deputy, 2025, staff)
    rows = ArchivePDF.objects.filter(pk=archive.pk)
    wait_until(lambda: rows.get().state == ArchivePDF.State.READY, 120)
    path, cookie = reverse("reports:download_archive", args=[deputy.pk, 2025]), signed_in("staff")
    held = psycopg2.connect(postgres.url.replace("postgres://", "postgresql://"))
    held.cursor().execute("LOCK TABLE deputies_pointentry IN ACCESS EXCLUSIVE MODE")
    try:  # the renderer waits for the entries, the worker holding the claim
        services.request_archive_pdf(deputy, 2025, staff)
        claimed = wait_until(lambda: rows.get().state == ArchivePDF.State.RENDERING, 60, 0.2)
        outcome.errors += downloads(portal, path, cookie, 5)
        portal.kill_worker()
    finally:
        held.rollback()
        held.close()
    outcome.errors += downloads(portal, path, cookie, 5)
    rows.update(rendered_at=F("rendered_at") - documents.RENDERING_TIMEOUT)
    ready = wait_until(lambda: rows.get().state == ArchivePDF.State.READY, 150, 2)
    outcome.errors += downloads(portal, path, cookie, 2)
    files = list(Path(settings.MEDIA_ROOT).rglob(f"archive-{deputy.pk}-2025*.pdf"))
    outcome.stuck += not (claimed and ready)
    outcome.duplicated += max(0, len(files) - 1)
    outcome.notes.append(f"{len(files)} PDF afterwards, {rows.get().get_state_display()}")
    return outcome


def staff_pdf_behind_letters(portal, postgres, redis, sink):
    """A staff member asks for an archive just after a round of letters is queued:
    the archive goes ahead of the letters still waiting."""
    from django.db import transaction
    from django.utils import timezone

    from congress_portal.models import User
    from deputies import letters
    from deputies.models import Deputy, ReminderLetter
    from reports import services
    from reports.models import ArchivePDF

    outcome = Outcome("staff PDF behind a round of letters")
    staff = User.objects.get(username="staff")
    with transaction.atomic():  # one job a letter, queued when this commits
        for deputy in Deputy.objects.current().filter(street=staff.street).order_by("pk"):
            letters.issue_letter(deputy, "low_points", "2024-Q1", staff)
    round_ = ReminderLetter.objects.filter(period="2024-Q1")
    started = timezone.now()
    archive = services.request_archive_pdf(Deputy.objects.order_by("pk")[2], 2025, staff)
    rows = ArchivePDF.objects.filter(pk=archive.pk)
    ready = wait_until(lambda: rows.get().state == ArchivePDF.State.READY, 120, 0.2)
    waited = (rows.get().rendered_at - started).total_seconds()
    waiting = unfinished(round_).count()
    wait_until(lambda: not unfinished(round_).exists(), 300, 2)
    last_sent = max(filter(None, round_.values_list("emailed_at", flat=True)), default=started)
    outcome.stuck += (not ready) + unfinished(round_).count()
    outcome.errors += waiting == 0  # the archive waited for every letter
    outcome.notes.append(f"archive ready in {waited:.1f} s with {waiting} of {round_.count()} "
                         f"letters waiting; the last sent after "
                         f"{(last_sent - started).total_seconds():.0f} s")  # fmt: skip
    return outcome


def storage_failing(portal, postgres, redis, sink):
    """The storage refuses the file (a file where its folder should be): the archive is
    marked failed with the storage's error, which staff read on the deputy's page."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone

    from congress_portal.models import User
    from deputies.models import Deputy
    from reports import services
    from reports.models import ArchivePDF

    outcome = Outcome("storage failing")
    staff = User.objects.get(username="staff")
    deputy = Deputy.objects.filter(street=staff.street).order_by("pk")[3]
    folder = Path(settings.MEDIA_ROOT) / "reports" / "archives" / f"{timezone.localdate():%Y}"
    folder.rename(folder.with_suffix(".aside"))
    folder.write_text("not a folder")
    try:
        archive = services.request_archive_pdf(deputy, 2025, staff)
        rows = ArchivePDF.objects.filter(pk=archive.pk)
        failed = wait_until(lambda: rows.get().state == ArchivePDF.State.FAILED, 120)
    finally:
        folder.unlink()
        folder.with_suffix(".aside").rename(folder)
    error = rows.get().error
    client = http.client.HTTPConnection("127.0.0.1", portal.port, timeout=15)
    client.request("GET", reverse("deputies:archive", args=[deputy.pk]) + "?year=2025",
                   headers={"Cookie": signed_in("staff"), "Host": "127.0.0.1"})  # fmt: skip
    shown = error and html.escape(error) in client.getresponse().read().decode()
    outcome.stuck += not failed
    outcome.errors += not shown
    outcome.notes.append(f"failed: {error[:50]}")
    return outcome


FAULTS = [redis_stopped, postgres_restarted, hung_redis, sixteen_users, worker_killed_mid_send,
          two_beats, quarter_with_database_down, render_killed_midway, staff_pdf_behind_letters,
          storage_failing]  # fmt: skip


if __name__ == "__main__":
    main()
