"""Benchmark: the quarterly reminder letters (履职提醒函) at city scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/letters.py [--count 1000]

PostgreSQL only. Uses the deputies that bench/deputies.py built (seed_demo
--scale 100: 20,000 deputies, 2,000,000 ledger entries); it migrates only the
deputies app and its dependencies, and builds nothing. Everything it writes
(letters, outbox jobs) is rolled back at the end, and no job reaches a broker.

Prints the row counts, then:
- the early-warning pass over every street (the flagged deputies and reasons);
- the whole issuing job, `letters.issue_all`: the early warning, numbering and
  creating the letters, and recording one delivery job each in the outbox;
- running the job again (nothing new to issue);
- the rendering of 1,000 letters as the delivery jobs render them (50 in one
  pass), in a process of its own: letters per second, size, and the process's
  peak memory; then the time all the letters would take on one worker process.
"""

import argparse
import datetime
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from common import setup_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="letters rendered (default 1,000)")
    parser.add_argument("--render", type=int, metavar="COUNT", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    setup_django()
    if arguments.render:
        return render(arguments.render)
    from django.core.management import call_command

    call_command("migrate", "deputies", verbosity=0)
    report(arguments.count)


class Rollback(Exception):
    pass


def timed(run):
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def report(count):
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from congress_portal.models import OutboxJob, Street
    from deputies import letters, warnings
    from deputies.models import Deputy, PointEntry

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-letters-")
    print(f"Streets:        {Street.objects.count():>10,}")
    print(f"Deputies:       {Deputy.objects.count():>10,}")
    print(f"  current:      {Deputy.objects.current().count():>10,}")
    print(f"Ledger entries: {PointEntry.objects.count():>10,}")

    # As the scheduled job on the first of a month would: the early warning as of the day before.
    on = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    streets = list(Street.objects.order_by("pk"))

    def warn_all():
        return [
            pair
            for street in streets
            for pair in warnings.at_risk(Deputy.objects.filter(street=street), on)
        ]

    flagged, seconds = timed(warn_all)
    reasons = sum(len(found) for _deputy, found in flagged)
    print(f"Early warning as of {on}, {len(streets)} streets: {seconds:7.1f} s "
          f"({len(flagged):,} deputies flagged, {reasons:,} reasons)")  # fmt: skip

    try:
        with transaction.atomic():
            jobs_before = OutboxJob.objects.count()
            created, seconds = timed(lambda: letters.issue_all(on))
            jobs = OutboxJob.objects.count() - jobs_before
            print(f"Issuing job (warning + letters + outbox): {seconds:7.1f} s "
                  f"({len(created):,} letters, {jobs:,} delivery jobs)")  # fmt: skip
            again, seconds = timed(lambda: letters.issue_all(on))
            print(f"The job again: {seconds:7.1f} s ({len(again):,} new letters)")
            totals = [
                ("issued", len(created)),
                ("every current deputy", Deputy.objects.current().count()),
            ]
            raise Rollback
    except Rollback:
        pass
    print("Rolled back: no letters or jobs were kept.")
    render_in_a_worker_like_process(count, totals)


def render_in_a_worker_like_process(count, totals):
    """Run `--render COUNT` in a process of its own, as a worker would: its peak memory
    is the rendering's alone."""
    command = [sys.executable, __file__, "--render", str(count)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(output, end="")
    per_letter = float(output.rpartition("ms a letter")[0].split()[-1]) / 1000
    for label, total in totals:
        minutes = per_letter * total / 60
        print(f"{total:,} letters ({label}): about {minutes:.1f} min on one worker process, "
              f"{minutes / 4:.1f} min on 4")  # fmt: skip


def render(count):
    """Render `count` letters (unsaved, to current deputies) as the delivery jobs do:
    DELIVERY_BATCH at a time in one pass, the garbage collected after each batch."""
    from django.utils import timezone

    from deputies import letters
    from deputies.models import Deputy, ReminderLetter

    deputies = Deputy.objects.current().select_related("street").order_by("pk")[:count]
    unsaved = [
        ReminderLetter(
            pk=n,
            deputy=deputy,
            street=deputy.street,
            reason="low_points",
            detail="今年积分12分，低于街道平均值的40%",
            period="2026-Q3",
            year=2026,
            sequence=n,
            created_at=timezone.now(),
        )  # fmt: skip
        for n, deputy in enumerate(deputies, 1)
    ]
    batch = letters.DELIVERY_BATCH
    sizes = []
    started = time.perf_counter()
    for first in range(0, len(unsaved), batch):
        sizes += map(len, letters.reminder_letter_pdfs(unsaved[first : first + batch]))
        gc.collect()  # as letters.render does
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = len(unsaved) / seconds
    print(f"Rendering {len(unsaved):,} letters, {batch} a pass: {seconds:7.1f} s, "
          f"{rate:.1f} letters/s, {1000 / rate:.0f} ms a letter, "
          f"{statistics.mean(sizes) / 1024:.0f} KB each; peak memory {peak:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
