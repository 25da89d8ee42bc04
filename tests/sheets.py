"""Background exports and imports in tests: ask for one as a user, run its job
as the worker would, read the sheet it made."""

from django.urls import reverse
from openpyxl import load_workbook

from congress_portal.models import SheetJob
from tests.access import client_as


def export_url(kind, query=""):
    return reverse("new_export", args=[kind]) + (f"?{query}" if query else "")


def run_export(user, kind, query, capture):
    """`user` asks for the export (filters in `query`); the job runs after the
    request's commit (`capture`: django_capture_on_commit_callbacks). Returns the job."""
    with capture(execute=True):
        response = client_as(user).post(export_url(kind, query))
    assert response.status_code == 302, response.status_code
    job = SheetJob.objects.filter(user=user).latest("pk")
    assert job.state == SheetJob.State.READY, (job.state, job.error)
    return job


def sheet_rows(job):
    """The rows of the job's sheet, header first, as openpyxl reads them back."""
    with job.file.open("rb") as file:
        return list(load_workbook(file, read_only=True).active.values)


def sheet_cells(job):
    """The cells of the job's sheet, header first (to look at their data types)."""
    with job.file.open("rb") as file:
        return [list(row) for row in load_workbook(file).active.iter_rows()]
