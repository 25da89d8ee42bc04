"""Benchmark: annual work summaries at city scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/reports.py [--year 2026]

PostgreSQL only. Uses the data that bench/deputies.py, bench/visits.py and
bench/suggestions.py built (run them first); builds nothing.

For the street with the most visits and for the whole district, prints the
time and peak memory (the maximum resident set size of a fresh process) of:
- freezing the year's figures (the aggregate queries);
- drafting the report's text from the frozen figures (and saving its sections);
- rendering the PDF from the frozen figures, which is the WeasyPrint floor:
  the same template from fixed figures, whatever the data behind them;
- the whole job as the task runs it (figures frozen and drafted at creation, then the
  render), and the share of it the drafting takes.
Each measurement runs in its own forked process, so peaks do not mix, and
inside a transaction that is rolled back.
"""

import argparse
import multiprocessing
import resource
import time
import traceback

from common import setup_django


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--year", type=int, default=2026)
    year = parser.parse_args().year
    setup_django()
    from django.db import connections
    from django.db.models import Count

    from congress_portal.models import Street
    from suggestions.models import Suggestion

    street = Street.objects.annotate(n=Count("stations__visits")).order_by("-n", "pk").first()
    print(f"Suggestions: {Suggestion.objects.count():,}; busiest street: {street} "
          f"({street.n:,} visits)")  # fmt: skip
    connections.close_all()  # each forked process opens its own
    for label, street_pk in [(str(street), street.pk), ("district-wide", None)]:
        times = {}
        for step in ["figures", "draft", "render", "whole"]:
            seconds, peak_mb, detail = in_fresh_process(step, street_pk, year)
            times[step] = seconds
            print(
                f"{label:>14} {step:>8}: {seconds * 1000:8.0f} ms, peak {peak_mb:6.0f} MB  {detail}"
            )
        print(f"{label:>14} drafting is {times['draft'] / times['whole']:.1%} of the whole job")


def in_fresh_process(step, street_pk, year):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=measure, args=(queue, step, street_pk, year))
    process.start()
    result = queue.get()
    process.join()
    if isinstance(result, str):  # the measurement failed: its traceback
        raise SystemExit(f"{step} failed:\n{result}")
    return result


def measure(queue, step, street_pk, year):
    """Put (seconds, peak MB, detail) on `queue`, or the traceback: the parent waits
    for one or the other."""
    try:
        queue.put(measured(step, street_pk, year))
    except BaseException:
        queue.put(traceback.format_exc())
        raise


def measured(step, street_pk, year):
    from django.db import transaction

    from congress_portal.models import Street, User
    from reports import rendering, services
    from reports.figures import year_figures
    from reports.models import AnnualReport

    street = Street.objects.get(pk=street_pk) if street_pk else None
    staff = User.objects.filter(is_superuser=True).first() or User.objects.first()
    with transaction.atomic():
        # The demo's own report of the year would stop create_report (rolled back below).
        AnnualReport.objects.filter(street=street, year=year).delete()
        detail = ""
        if step == "figures":
            started = time.perf_counter()
            year_figures(year, street)
        elif step == "draft":
            report = services.create_report(street, year, staff)
            started = time.perf_counter()
            services.redraft(report, staff)  # writes and saves every section again
            detail = f"({report.sections.count()} sections)"
        else:
            if step == "render":
                report = services.create_report(street, year, staff)  # freezes the figures
                started = time.perf_counter()
            else:
                started = time.perf_counter()
                report = services.create_report(street, year, staff)
            filename, content = rendering.annual_report_pdf(report)
            detail = f"({len(content) / 1024:.0f} KiB)"
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return seconds, peak_mb, detail


if __name__ == "__main__":
    main()
