"""Background exports and imports in tests: ask for one as a user, run its job
as the worker would, read the sheet it made; upload a sheet to import, confirm it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

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


def workbook(headers, *rows):
    """An uploaded .xlsx file of the rows under the headers."""
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("导入.xlsx", buffer.getvalue())


def job_url(job, action=""):
    return reverse("sheet_job", args=[job.pk]) + (f"{action}/" if action else "")


def upload(client, url, file, capture):
    """Upload the sheet on the admin's import page `url`; the check runs after the
    request. Returns the job."""
    with capture(execute=True):
        response = client.post(url, {"import_file": file, "format": "0"})
    job = SheetJob.objects.latest("pk")
    assert response.status_code == 302 and response.url == job_url(job)
    job.refresh_from_db()
    return job


def confirm(client, job, capture):
    with capture(execute=True):
        response = client.post(job_url(job, "confirm"))
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def import_sheet(client, url, file, capture):
    """Upload, then confirm after the check, as staff do."""
    job = upload(client, url, file, capture)
    assert job.state == SheetJob.State.CHECKED, (job.error, job.row_errors)
    return confirm(client, job, capture)
