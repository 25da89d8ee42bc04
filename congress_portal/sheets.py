"""Excel sheets made and read in the background: exports of the ledgers and the
roster, imports of the roster. One SheetJob each.

A request only records the job (`start`), which `tasks.run_sheet_job` does after
the commit; the user follows it on the page 导出文件 and downloads the file
there, the only one who may. The worker claims the job with a conditional
UPDATE, so a job whose message arrives twice runs once; then it builds the rows
again from the job's filters, as the user may see them *now*: a user who lost
the role or moved street gets nothing, or only what they see today.

An import runs twice: a check (import-export's dry run, rolled back) that lists
the rows with errors, then, once the user confirms a clean check, the import.
Both read the sheet a chunk of rows at a time, each chunk in a transaction, and
record after each chunk the rows done, the counts and the errors so far: a task
stops after SLICE and queues the next, which goes on from there (as does a task
that takes over from a dead worker), so an import of any size finishes inside
the tasks' time limits. A job whose worker died is queued again by the hourly
housekeeping task (`take_up_stale`).

Apps register what they export or import with `sheet_kinds.register`."""

import logging
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from tablib import Dataset

from . import jobs, ledgers
from .errors import DomainError
from .models import SheetJob
from .pdf import render_pdf
from .sheet_kinds import kind_named

logger = logging.getLogger(__name__)
State = SheetJob.State

LIFETIME = timedelta(days=1)
# Rows read from the database (or the sheet) at once, and between progress updates.
CHUNK = 2_000
# An import task stops after this long, a third of its time limit, and queues the rest.
SLICE = timedelta(minutes=10)
# The page lists this many row errors; the rest are counted.
MAX_ROW_ERRORS = 100
# What one Excel sheet holds under its header.
EXCEL_ROWS = 1_048_575


def in_chunks(rows, fill):
    """The rows of the queryset `rows` one by one, read CHUNK at a time, each chunk
    first given to `fill`, which adds what its rows list (two queries a chunk)."""
    rows = rows.iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        fill(chunk)
        yield from chunk


@dataclass(frozen=True)
class Table:
    """What an export writes: the header, the number of rows, and the rows (lazily)."""

    header: list
    total: int
    rows: Iterable


@dataclass(frozen=True)
class Export:
    """A sheet the portal writes. `allowed(user)`: may the user have it (asked
    again when the job runs); `build(user, filters)` → Table, as the user sees
    the rows; the file is called `filename`-<date>.xlsx."""

    name: str
    label: str
    filename: str
    allowed: Callable
    build: Callable
    makes_file = True

    def run(self, job, rows):
        progress = Progress(rows)
        table = self.build(job.user, job.query)
        self.check_size(table)
        progress.expect(table.total)
        name = f"{self.filename}-{timezone.localdate().isoformat()}.{self.extension}"
        with tempfile.TemporaryFile() as output:
            self.write(output, table.header, progress.count(table.rows))
            job.file.save(name, File(output), save=False)
        return {"state": State.READY, "file": job.file.name, "rows_done": progress.done}

    extension = "xlsx"

    def check_size(self, table):
        if table.total > EXCEL_ROWS:
            message = _("An Excel sheet holds at most %(rows)s rows: narrow the filters.")
            raise DomainError(message % {"rows": f"{EXCEL_ROWS:,}"})

    def write(self, output, header, rows):
        ledgers.write_xlsx(output, str(self.label), header, rows)


class PrintedExport(Export):
    """The same kind of table as a PDF to print (A4 landscape), for tables of a few
    hundred rows at most, such as the league table of units."""

    extension = "pdf"
    MAX_ROWS = 500

    def check_size(self, table):
        if table.total > self.MAX_ROWS:
            message = _("A printed table holds at most %(rows)s rows: narrow the filters.")
            raise DomainError(message % {"rows": self.MAX_ROWS})

    def write(self, output, header, rows):
        context = {"title": str(self.label), "header": header, "rows": list(rows),
                   "today": timezone.localdate()}  # fmt: skip
        output.write(render_pdf("pdf/table.html", context))


@dataclass(frozen=True)
class Import:
    """A sheet the portal reads with django-import-export: `resource(user)` is
    the Resource importing as that user (and only where they may)."""

    name: str
    label: str
    allowed: Callable
    resource: Callable
    makes_file = False

    def run(self, job, rows):
        checking = job.confirmed_at is None
        resource = self.resource(job.user)
        progress = Progress(rows, job.rows_done)
        tally, errors = Counter(job.tally), job.row_errors
        stop_at = time.monotonic() + SLICE.total_seconds()
        with job.file.open("rb") as file:
            for numbers, dataset in read_chunks(file, progress, skip=job.rows_done):
                if progress.done > job.rows_done and time.monotonic() > stop_at:
                    return {"state": State.QUEUED}  # the next task goes on from here
                result = resource.import_data(
                    dataset, dry_run=checking, use_transactions=True,
                    rollback_on_validation_errors=True,
                )  # fmt: skip
                if result.base_errors:
                    raise DomainError(" ".join(str(error.error) for error in result.base_errors))
                tally.update(result.totals)
                errors = (errors + row_errors(result, numbers))[:MAX_ROW_ERRORS]
                progress.add(len(dataset), tally=tally, row_errors=errors)
                if bad_rows(tally) and not checking:
                    break  # the chunks before were imported; this one was rolled back
        if bad_rows(tally):
            return {"state": State.FAILED, "error": rows_failed(bad_rows(tally), checking)}
        return {"state": State.CHECKED if checking else State.READY,
                "summary": import_summary(tally, checking)}  # fmt: skip

    def template(self, user, output):
        """Write to `output` the blank sheet `user` fills in: the columns' headers on
        the first sheet (the one imported), what each column takes on a second."""
        columns = self.resource(user).template_columns()
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(self.label)[:31]
        sheet.append([header for header, _note in columns])
        sheet.freeze_panes = "A2"
        for number, (header, _note) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = 2 * len(header) + 8
        notes = workbook.create_sheet(_("How to fill it in"))
        notes.append([_("Column"), _("What it takes")])
        notes.column_dimensions["B"].width = 80
        for header, note in columns:
            notes.append([header, str(note)])
        workbook.save(output)

    @property
    def template_filename(self):
        return _("%(label)s template.xlsx") % {"label": self.label}


def start(user, kind, filters=None, upload=None):
    """Record a job of `kind` for `user` and queue it after the commit. `filters`:
    the page's query (its page number left out); `upload`: the sheet to import."""
    filters = filters or QueryDict()
    job = SheetJob(
        user=user,
        kind=kind_named(kind).name,
        filters={key: values for key, values in filters.lists() if key != "page"},
        expires_at=timezone.now() + LIFETIME,
    )
    if upload is not None:
        job.file.save(upload.name, upload, save=False)
    job.save()
    _queue(job)
    return job


@transaction.atomic
def confirm(job):
    """The user confirms a checked import: it runs for real in the background."""
    job = SheetJob.objects.select_for_update().get(pk=job.pk)
    job.confirm(timezone.now())
    job.save()
    _queue(job)
    return job


def _queue(job):
    jobs.enqueue("congress_portal.tasks.run_sheet_job", job.pk)


def run(pk):
    """Do the queued job `pk`. Returns the state it reached, or None when it was
    not to be run (done already, or being done by another worker)."""
    now = timezone.now()
    rows = SheetJob.objects.filter(pk=pk)
    claimable = Q(state=State.QUEUED) | SheetJob.stale(now)
    if not rows.filter(claimable).update(state=State.RUNNING, started_at=now):
        return None
    job = rows.select_related("user").get()
    kind = kind_named(job.kind)
    try:
        if not (job.user.is_active and kind.allowed(job.user)):
            raise DomainError(_("You may no longer have this: ask the committee staff."))
        outcome = kind.run(job, rows)
    except DomainError as error:
        outcome = {"state": State.FAILED, "error": " ".join(error.messages)}
    except SoftTimeLimitExceeded:
        message = _("It took too long and was stopped: narrow the filters, or split the sheet.")
        outcome = {"state": State.FAILED, "error": message}
    except Exception as error:
        logger.exception("Sheet job %s (%s) failed.", pk, job.kind)
        message = _("It could not be finished (%(error)s). Try again, or tell the administrator.")
        outcome = {"state": State.FAILED, "error": message % {"error": f"{error}"}}
    if outcome["state"] == State.QUEUED:
        rows.update(**outcome)
        _queue(job)
    else:
        rows.update(finished_at=timezone.now(), **outcome)
    return outcome["state"]


def take_up_stale():
    """Queue again the jobs whose worker died (an import goes on from the rows it
    had done). Returns how many."""
    stale = list(SheetJob.objects.filter(SheetJob.stale(timezone.now())).only("pk"))
    for job in stale:
        _queue(job)
    return len(stale)


def remove_expired():
    """Delete the jobs past their day, with their files. Returns how many."""
    expired = list(
        SheetJob.objects.filter(expires_at__lte=timezone.now()).values_list("pk", "file")
    )
    storage = SheetJob._meta.get_field("file").storage
    for _pk, name in expired:
        if name:
            storage.delete(name)
    deleted, _by_model = SheetJob.objects.filter(pk__in=[pk for pk, _name in expired]).delete()
    return deleted


class Progress:
    """The rows done so far, told to the job's row every CHUNK rows."""

    def __init__(self, rows, done=0):
        self.rows = rows
        self.done = done

    def expect(self, total):
        self.rows.update(rows_total=total)

    def add(self, count, **fields):
        """`count` more rows done, recorded with `fields` of the job."""
        self.done += count
        self.rows.update(rows_done=self.done, **fields)

    def count(self, rows):
        """`rows`, passed through and counted."""
        for row in rows:
            yield row
            self.done += 1
            if self.done % CHUNK == 0:
                self.rows.update(rows_done=self.done)


def read_chunks(file, progress, skip=0):
    """(the rows' numbers in the sheet, a Dataset) for every CHUNK rows of the
    workbook's first sheet after the header row and `skip` rows; empty rows are
    left out."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:
        logger.info("An uploaded sheet could not be read: %r", error)
        raise DomainError(_("The file cannot be read as an Excel sheet (.xlsx).")) from None
    sheet = workbook.active
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise DomainError(_("The sheet is empty."))
    if sheet.max_row:
        progress.expect(sheet.max_row - 1)
    width = len(header)
    numbers, chunk = [], []
    for number, row in enumerate(rows, start=2):
        if all(value is None for value in row):
            continue
        if skip:
            skip -= 1
            continue
        numbers.append(number)
        chunk.append((tuple(row) + (None,) * width)[:width])
        if len(chunk) == CHUNK:
            yield numbers, Dataset(*chunk, headers=header)
            numbers, chunk = [], []
    if chunk:
        yield numbers, Dataset(*chunk, headers=header)
    workbook.close()


def row_errors(result, numbers):
    """The errors of an import-export Result as translated lines, "第 3 行：列：问题",
    numbered as the rows of the sheet (`numbers`: of the chunk's rows, in order)."""
    lines = []
    for row in result.invalid_rows:
        number = numbers[row.number - 1]
        for column, problems in row.field_specific_errors.items():
            lines += [
                (number, _("Row %(row)s: %(column)s: %(problem)s")
                 % {"row": number, "column": column, "problem": problem})
                for problem in problems
            ]  # fmt: skip
        lines += [
            (number, _("Row %(row)s: %(problem)s") % {"row": number, "problem": problem})
            for problem in row.non_field_specific_errors
        ]
    for row in result.error_rows:
        number = numbers[row.number - 1]
        for error in row.errors:
            logger.warning("Row %s of an import failed: %r", number, error.error)
        message = _("Row %(row)s: this row cannot be read; check its values.")
        lines.append((number, message % {"row": number}))
    return [line for _number, line in sorted(lines, key=lambda line: line[0])]


def bad_rows(tally):
    """Rows with errors, in import-export's totals."""
    return tally["invalid"] + tally["error"]


def rows_failed(count, checking):
    if checking:
        return ngettext(
            "%(count)d row has errors: nothing was imported. Correct it and upload the sheet "
            "again.",
            "%(count)d rows have errors: nothing was imported. Correct them and upload the "
            "sheet again.",
            count,
        ) % {"count": count}
    return _(
        "The import stopped at a row with errors (the data changed since the check): the rows "
        "above it were imported. Correct it and upload the sheet again."
    )


def import_summary(totals, checking):
    counts = {"new": totals["new"], "update": totals["update"], "skip": totals["skip"]}
    if checking:
        message = _("Ready to import: %(new)d new, %(update)d updated, %(skip)d unchanged.")
    else:
        message = _("Imported: %(new)d new, %(update)d updated, %(skip)d unchanged.")
    return message % counts
