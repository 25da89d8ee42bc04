"""Benchmark: the visit ledger's Excel export, as the background job writes it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress_portal_bench \\
        .venv/bin/python bench/exports.py [--scale 6]

PostgreSQL only; the data is bench/visits.py's (`seed_demo --scale N`: 10,000 × N
visits with their constituents and receiving deputies), built if missing, so
--scale 6 exports 60,000 visits. A district-level staff member (every street)
asks for the unfiltered ledger; prints how long that request takes (it only
records and queues the job), then the job's rows per second, CPU time a row and
file size, and the floor: a plain iteration over the same visits (the model rows
alone, read in the same chunks), with the ratio of the two.
"""

import time

from common import run_at_scale
from visits import build


def report():
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from congress_portal import celery_app, sheets
    from congress_portal.models import SheetJob, User
    from congress_portal.roles import Role
    from liaison_stations.models import Visit

    staff, _created = User.objects.get_or_create(
        username="bench-district-staff", defaults={"is_staff": True}
    )
    staff.groups.add(Group.objects.get(name=Role.STAFF.group_name))
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)

    # As with a broker: the request queues the job (to Celery's in-memory
    # transport here), and the job runs below, as a worker would run it.
    celery_app.conf.task_always_eager = False
    started = time.perf_counter()
    response = client.post(reverse("new_export", args=["visit_ledger"]))
    asked = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    job = SheetJob.objects.filter(user=staff).latest("pk")
    print(f"Request for the export:  {asked * 1000:8.0f} ms (the job recorded and queued)")

    started, cpu = time.perf_counter(), time.process_time()
    state = sheets.run(job.pk)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    job.refresh_from_db()
    assert state == SheetJob.State.READY, job.error
    rows = job.rows_done
    print(f"Export job:    {rows:>9,} rows in {took:6.1f} s: {rows / took:8,.0f} rows/s "
          f"({cpu / rows * 1000:.2f} ms of CPU a row), {job.file.size / 1e6:.1f} MB")  # fmt: skip

    started = time.perf_counter()
    floor = sum(1 for _visit in Visit.objects.all().iterator(chunk_size=sheets.CHUNK))
    plain = time.perf_counter() - started
    print(f"Floor:         {floor:>9,} rows in {plain:6.1f} s: {floor / plain:8,.0f} rows/s "
          "(the same visits, iterated)")  # fmt: skip
    print(f"Ratio:         the export takes {took / plain:.0f}× the plain iteration")
    job.file.delete(save=False)
    job.delete()


if __name__ == "__main__":
    run_at_scale(__doc__, build, report)
