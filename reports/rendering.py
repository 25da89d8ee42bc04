"""PDFs of the reports app: an annual report (the frozen figures and the staff's
narrative, laid out as an official document) and a deputy's performance archive."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress_portal.pdf import render_pdf
from deputies.models import Deputy
from deputies.periods import Period
from deputies.services import archive_record
from liaison_stations.panels import duty_record, visits_received
from suggestions.panels import suggestions_record

from .charts import figure_charts
from .models import ReportSection

NUMERALS = "一二三四五六七八九十"
# The charts each section shows under its figures.
SECTION_CHARTS = {
    "activities": ["activities_by_kind"],
    "visits": ["visits_by_month", "visits_by_category"],
    "suggestions": ["suggestions_by_class"],
    "archives": ["points_bands"],
    "publicity": ["publicity_by_level"],
}


def numeral(n):
    """1 → 一, 12 → 十二 (up to 99)."""
    tens, units = divmod(n, 10)
    return (
        (NUMERALS[tens - 1] if tens > 1 else "")
        + ("十" if tens else "")
        + (NUMERALS[units - 1] if units else "")
    )


def report_context(report):
    charts = figure_charts(report.figures)
    sections = list(report.sections.all())
    parts = []
    for number, (part, label) in enumerate(ReportSection.Part.choices, start=1):
        chosen = [s for s in sections if s.part == part]
        rows = [
            (numeral(n), section, [charts[name] for name in SECTION_CHARTS.get(section.topic, [])])
            for n, section in enumerate(chosen, start=1)
        ]
        parts.append((numeral(number), label, rows))
    return {"report": report, "title": report.title, "parts": parts, "f": report.figures}


def annual_report_pdf(report):
    """(filename, PDF bytes)."""
    with translation.override("zh-hans"):
        content = render_pdf("reports/pdf/annual_report.html", report_context(report))
    place = report.street_id or "district"
    return f"annual-report-{place}-{report.year}.pdf", content


def archive_context(deputy, year):
    """What the archive page shows (deputies.views.archive and its panels), for a year."""
    period = Period.year(year)
    record = archive_record(deputy, period)
    return {
        **record,
        "title": _("Performance archive of %(name)s, %(year)s")
        % {"name": deputy.name, "year": year},  # fmt: skip
        "year": year,
        "as_of": timezone.localtime(),
        "attendances": record["attendances"].order_by("activity__held_on"),
        "entries": record["entries"].order_by("occurred_on", "pk"),
        # The archive page's panels, built by the apps that own them (the request is unused).
        **duty_record(None, deputy, period),
        **visits_received(None, deputy, period),
        **suggestions_record(None, deputy, period),
    }


def archive_pdf(archive):
    """(filename, PDF bytes) of the deputy's archive for the year, as the data stand now."""
    deputy = Deputy.objects.select_related("street", "community").get(pk=archive.deputy_id)
    with translation.override("zh-hans"):
        content = render_pdf(
            "reports/pdf/deputy_archive.html", archive_context(deputy, archive.year)
        )
    return f"archive-{deputy.pk}-{archive.year}.pdf", content
