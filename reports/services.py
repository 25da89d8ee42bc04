"""Annual reports: freeze the year's figures, lay out the sections, have the PDF rendered.
Performance archives: have a deputy's archive for a year rendered as a PDF."""

import datetime
import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress_portal import documents, jobs
from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from congress_portal.models import User
from congress_portal.roles import Role

from . import drafting, rendering
from .figures import year_figures
from .models import AnnualReport, ArchiveDownload, ArchivePDF, ReportDownload, ReportSection

logger = logging.getLogger(__name__)
# A report whose figures have not come this long after it was created is counted again.
COUNT_AGAIN_AFTER = datetime.timedelta(minutes=15)


def default_title(street, year):
    place = street.name if street else _("The district's streets")
    return _("%(place)s people's congress work committee: work summary of %(year)s and plan "
             "for %(next)s") % {"place": place, "year": year, "next": year + 1}  # fmt: skip


@transaction.atomic
def request_report(street, year, by):
    """A new report whose figures a worker counts and freezes, then drafts the sections
    of the reference shape (a district's year takes seconds to count: never in a request)."""
    return request_figures(_new_report(street, year, by), by)


def request_figures(report, by):
    """Have a worker count the report's figures (again) and write the draft from them."""
    AnnualReport.objects.filter(pk=report.pk).update(counting_since=timezone.now(), error="")
    jobs.enqueue("reports.tasks.count_report_figures", report.pk, by.pk)
    return report


def create_report(street, year, by):
    """A new report with the year's figures frozen and its draft written, at once (the
    demo, and staff scripts)."""
    report = _new_report(street, year, by)
    refresh_figures(report, by)
    report.refresh_from_db()
    return report


def _new_report(street, year, by):
    already = DomainError(_("There is already a report for this street and year."))
    if AnnualReport.objects.filter(street=street, year=year).exists():
        raise already
    report = AnnualReport(street=street, year=year, title=default_title(street, year),
                          created_by=by)  # fmt: skip
    try:
        with transaction.atomic():
            save_as(report, by)
    except IntegrityError:
        raise already from None  # a parallel request created it after the check
    return report


def count_figures(report_pk, by_pk):
    """The worker's step: freeze the report's figures and write its draft; an error is
    kept on the report for staff to see (the sweep tries again)."""
    report = AnnualReport.objects.get(pk=report_pk)
    try:
        refresh_figures(report, User.objects.filter(pk=by_pk).first())
    except DatabaseError:
        raise  # the task retries
    except Exception as error:
        logger.exception("The figures of report %s could not be counted.", report_pk)
        AnnualReport.objects.filter(pk=report_pk).update(error=f"{type(error).__name__}: {error}")
    else:
        AnnualReport.objects.filter(pk=report_pk).update(counting_since=None)


@jobs.recovers
def count_lost_figures(now):
    """Queue again the counting of reports whose figures never came (the job lost, or
    failed): every COUNT_AGAIN_AFTER, until they do."""
    lost = AnnualReport.objects.filter(counting_since__lt=now - COUNT_AGAIN_AFTER)
    for report_pk, by_pk in lost.values_list("pk", "created_by"):
        if lost.filter(pk=report_pk).update(counting_since=now):
            jobs.enqueue("reports.tasks.count_report_figures", report_pk, by_pk)


@transaction.atomic
def redraft(report, by):
    """Write the draft again from the report's figures; the sections staff edited keep
    their text (their new draft is kept beside it). Returns those sections."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    return _lay_draft(report, by)


def _lay_draft(report, by):
    """The drafted blocks as the report's sections, found again by their key. Drafted
    sections are numbered in tens, so a section staff add can go between two."""
    sections = {section.key: section for section in report.sections.exclude(key="")}
    kept = []
    for number, block in enumerate(drafting.draft(report), start=1):
        section = sections.pop(block.key, None) or ReportSection(report=report, key=block.key)
        if section.edited:
            kept.append(section)  # its text, heading and place stay as staff left them
        else:
            section.heading, section.narrative = block.heading, block.text
            section.part, section.order = block.part, 10 * number
        section.topics, section.drafted, section.drafted_heading = (
            block.topics,
            block.text,
            block.heading,
        )
        save_as(section, by)
    for gone in sections.values():  # the figures no longer call for it
        if gone.edited:
            kept.append(gone)
        else:
            gone._history_user = by
            gone.delete()
    return kept


def _freeze(report):
    with translation.override("zh-hans"):
        report.figures = year_figures(report.year, report.street)
    report.figures_as_of = timezone.now()


@transaction.atomic
def refresh_figures(report, by):
    """Staff deliberately take the figures again from today's data, and the draft with
    them. Returns the sections kept as staff edited them (see redraft)."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _freeze(report)
    save_as(report, by)
    return _lay_draft(report, by)


@transaction.atomic
def request_pdf(report, by):
    """Queue the rendering; the PDF is made in the background."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.counting:
        raise DomainError(_("The year's figures are still being counted: try again shortly."))
    if documents.is_busy(report):
        raise DomainError(_("The PDF is already being generated."))
    report.state, report.error, report.queued_at = AnnualReport.State.QUEUED, "", timezone.now()
    save_as(report, by)
    jobs.enqueue("reports.tasks.render_annual_report", report.pk)
    return report


def render_pdf(report_pk):
    """Render the queued report (see congress_portal.documents)."""
    return documents.render(
        AnnualReport, report_pk, lambda report: rendering.annual_report_pdf(report)
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
    if not created and documents.is_busy(archive):
        raise DomainError(_("The PDF is already being generated."))
    now = timezone.now()
    ArchivePDF.objects.filter(pk=archive.pk).update(
        state=ArchivePDF.State.QUEUED, error="", requested_by=by, requested_at=now, queued_at=now
    )
    jobs.enqueue("reports.tasks.render_archive", archive.pk)
    archive.refresh_from_db()
    return archive


def render_archive_pdf(archive_pk):
    """Render the queued archive (see congress_portal.documents)."""
    return documents.render(ArchivePDF, archive_pk, lambda archive: rendering.archive_pdf(archive))


def log_archive_download(archive, by):
    return ArchiveDownload.objects.create(archive=archive, by=by)
