"""Annual reports: freeze the year's figures, lay out the sections, have the PDF rendered."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress_portal import jobs
from congress_portal.audit import save_as
from congress_portal.errors import DomainError

from . import rendering
from .figures import year_figures
from .models import AnnualReport, ReportDownload, ReportSection
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
    busy = report.state == AnnualReport.State.QUEUED or (
        report.state == AnnualReport.State.RENDERING
        and report.rendered_at is not None
        and timezone.now() - report.rendered_at < RENDERING_TIMEOUT
    )
    if busy:
        raise DomainError(_("The PDF is already being generated."))
    report.state, report.error = AnnualReport.State.QUEUED, ""
    save_as(report, by)
    from .tasks import render_annual_report

    jobs.enqueue(render_annual_report, report.pk)
    return report


def render_pdf(report_pk):
    """Render the queued report. Idempotent: a report that is not queued is left
    alone. The new file is written beside the old one and replaces it in a
    single UPDATE, so a download gets the old PDF or the new one, never half."""
    reports = AnnualReport.objects.filter(pk=report_pk)
    if not reports.filter(state=AnnualReport.State.QUEUED).update(
        state=AnnualReport.State.RENDERING, rendered_at=timezone.now()
    ):
        return None
    report = reports.get()
    try:
        filename, content = rendering.annual_report_pdf(report)
    except Exception as error:
        logger.exception("Annual report %s could not be rendered.", report_pk)
        reports.update(state=AnnualReport.State.FAILED, error=f"{type(error).__name__}: {error}")
        return None
    old = report.pdf.name
    report.pdf.save(filename, ContentFile(content), save=False)
    reports.update(state=AnnualReport.State.READY, pdf=report.pdf.name,
                   rendered_at=timezone.now(), error="")  # fmt: skip
    if old and old != report.pdf.name:
        report.pdf.storage.delete(old)
    return report.pdf.name


def log_download(report, by):
    return ReportDownload.objects.create(report=report, by=by)
