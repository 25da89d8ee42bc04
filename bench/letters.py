"""Benchmark: the quarterly reminder letters (履职提醒函) at city scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/letters.py [--sample 50]

PostgreSQL only. Uses the deputies that bench/deputies.py built (seed_demo
--scale 100: 20,000 deputies, 2,000,000 ledger entries); it migrates only the
deputies app and its dependencies, and builds nothing. Everything it writes
(letters, outbox jobs) is rolled back at the end, and no job reaches a broker.

Prints the row counts, then:
- the early-warning pass over every street (the flagged deputies and reasons);
- the whole issuing job, `letters.issue_all`: the early warning, numbering and
  creating the letters, and recording one delivery job each in the outbox;
- running the job again (nothing new to issue);
- the rendering of a sample of the letters as PDFs, per letter, and the time
  all the letters would take on one worker process.
"""

import argparse
import datetime
import statistics
import tempfile
import time

from common import setup_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=50, help="letters rendered (default 50)")
    sample = parser.parse_args().sample
    setup_django()
    from django.core.management import call_command

    call_command("migrate", "deputies", verbosity=0)
    report(sample)


class Rollback(Exception):
    pass


def timed(run):
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def report(sample):
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from congress_portal.models import OutboxJob, Street
    from deputies import letters, warnings
    from deputies.models import Deputy, PointEntry, ReminderLetter

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
            render_sample(
                ReminderLetter.objects.filter(pk__in=created[:sample]),
                [
                    ("issued", len(created)),
                    ("every current deputy", Deputy.objects.current().count()),
                ],
            )
            raise Rollback
    except Rollback:
        pass
    print("Rolled back: no letters or jobs were kept.")


def render_sample(sample, totals):
    from deputies import letters

    rendered = list(sample.select_related("deputy", "street"))
    if not rendered:
        print("No letters to render.")
        return
    times, sizes = [], []
    for letter in rendered:
        (_name, content), seconds = timed(lambda letter=letter: letters.reminder_letter_pdf(letter))
        times.append(seconds)
        sizes.append(len(content))
    per_letter = statistics.median(times[1:] or times)  # the first one loads the fonts
    kilobytes = statistics.mean(sizes) / 1024
    print(f"Rendering {len(rendered)} letters: {sum(times):7.1f} s, median "
          f"{per_letter * 1000:.0f} ms a letter, {kilobytes:.0f} KB each")  # fmt: skip
    for label, total in totals:
        minutes = per_letter * total / 60
        print(f"{total:,} letters ({label}): about {minutes:.1f} min on one worker process, "
              f"{minutes / 4:.1f} min on 4")  # fmt: skip


if __name__ == "__main__":
    main()
