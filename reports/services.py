"""Annual reports: freeze the year's figures, lay out the sections, have the PDF rendered.
Performance archives: have a deputy's archive for a year rendered as a PDF."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress_portal import jobs
from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from congress_portal.roles import Role

from . import rendering
from .figures import year_figures
from .models import AnnualReport, ArchiveDownload, ArchivePDF, ReportDownload, ReportSection
from .structure import SECTIONS

logger = logging.getLogger(__name__)
# A rendering that has not finished after this long died with its worker: it may start again.
RENDERING_TIMEOUT = datetime.timedelta(minutes=10)


def default_title(street, year):
    place = street.name if street else _("The district's streets")
    return _("%(place)s people's congress work committee: work summary of %(year)s and plan "
             "for %(next)s") % {"place": place, "year": year, "next": year + 1}  # fmt: skip


@transaction.atomic
def create_report(street, year, by):
    """A new report with the year's figures frozen and the sections of the reference shape."""
    if AnnualReport.objects.filter(street=street, year=year).exists():
        raise DomainError(_("There is already a report for this street and year."))
    report = AnnualReport(street=street, year=year, title=default_title(street, year),
                          created_by=by)  # fmt: skip
    _freeze(report)
    save_as(report, by)
    for order, (part, topic, heading) in enumerate(SECTIONS, start=1):
        section = ReportSection(report=report, part=part, order=order, topic=topic,
                                heading=str(heading))  # fmt: skip
        save_as(section, by)
    return report


def _freeze(report):
    with translation.override("zh-hans"):
        report.figures = year_figures(report.year, report.street)
    report.figures_as_of = timezone.now()


@transaction.atomic
def refresh_figures(report, by):
    """Staff deliberately take the figures again from today's data."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _freeze(report)
    return save_as(report, by)


@transaction.atomic
def request_pdf(report, by):
    """Queue the rendering; the PDF is made in the background."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if is_busy(report):
        raise DomainError(_("The PDF is already being generated."))
    report.state, report.error = AnnualReport.State.QUEUED, ""
    save_as(report, by)
    from .tasks import render_annual_report

    jobs.enqueue(render_annual_report, report.pk)
    return report


def render_pdf(report_pk):
    """Render the queued report (see `_render`)."""
    return _render(AnnualReport, report_pk, lambda report: rendering.annual_report_pdf(report))


def _render(model, pk, renderer):
    """Render the queued row of `model` with `renderer(row)` → (filename, bytes).
    Idempotent: a row that is not queued is left alone (the conditional UPDATE to
    RENDERING is the claim). The new file is written beside the old one and
    replaces it in a single UPDATE, so a download gets the old PDF or the new
    one, never half."""
    rows = model.objects.filter(pk=pk)
    if not rows.filter(state=model.State.QUEUED).update(
        state=model.State.RENDERING, rendered_at=timezone.now()
    ):
        return None
    row = rows.get()
    try:
        filename, content = renderer(row)
    except Exception as error:
        logger.exception("%s %s could not be rendered.", model.__name__, pk)
        rows.update(state=model.State.FAILED, error=f"{type(error).__name__}: {error}")
        return None
    old = row.pdf.name
    row.pdf.save(filename, ContentFile(content), save=False)
    rows.update(state=model.State.READY, pdf=row.pdf.name, rendered_at=timezone.now(), error="")
    if old and old != row.pdf.name:
        row.pdf.storage.delete(old)
    return row.pdf.name


def is_busy(row):
    """Queued, or rendering and not yet given up for dead."""
    return row.state == row.State.QUEUED or (
        row.state == row.State.RENDERING
        and row.rendered_at is not None
        and timezone.now() - row.rendered_at < RENDERING_TIMEOUT
    )


def log_download(report, by):
    return ReportDownload.objects.create(report=report, by=by)


# Performance archives (一人一档) as PDFs.


def may_generate_archive(user, deputy):
    """The deputy themselves and committee staff (of the deputy's street: the
    caller has loaded the deputy through the street scope) ask for the PDF;
    leadership read only."""
    if user.role == Role.DEPUTY:
        return deputy.user_id == user.pk
    return user.role == Role.STAFF


@transaction.atomic
def request_archive_pdf(deputy, year, by):
    """Queue the rendering of the deputy's archive for the year; the PDF is made
    in the background and replaces the previous one when it is ready."""
    archive, created = ArchivePDF.objects.get_or_create(deputy=deputy, year=year)
    archive = ArchivePDF.objects.select_for_update().get(pk=archive.pk)
    if not created and is_busy(archive):
        raise DomainError(_("The PDF is already being generated."))
    ArchivePDF.objects.filter(pk=archive.pk).update(
        state=ArchivePDF.State.QUEUED, error="", requested_by=by, requested_at=timezone.now()
    )
    from .tasks import render_archive

    jobs.enqueue(render_archive, archive.pk)
    archive.refresh_from_db()
    return archive


def render_archive_pdf(archive_pk):
    """Render the queued archive (see `_render`)."""
    return _render(ArchivePDF, archive_pk, lambda archive: rendering.archive_pdf(archive))


def log_archive_download(archive, by):
    return ArchiveDownload.objects.create(archive=archive, by=by)
