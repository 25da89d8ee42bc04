"""PDFs of the reports app: an annual report (the frozen figures and the staff's
narrative, laid out as an official document) and a deputy's performance archive."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress_portal.pdf import render_pdf
from deputies.models import Deputy
from deputies.periods import Period
from deputies.services import archive_record
from liaison_stations.panels import duty_record, received_in
from suggestions.panels import suggestions_record

from .charts import figure_charts
from .drafting import figure_sentences, numeral
from .models import ReportSection
from .structure import CHARTS


def report_context(report):
    """The opening, the three numbered parts (一、二、三) with their sections, numbered
    （一）（二） where they have a heading, and the charts of the year's work for the
    appendix. A section without text is not printed."""
    sections = list(report.sections.all())
    for section in sections:
        section.figures = _quoted_figures(section, report.figures)
    sections = [section for section in sections if section.narrative.strip() or section.figures]
    parts = []
    for part, label in ReportSection.Part.choices[1:]:
        chosen = [section for section in sections if section.part == part]
        headed = iter(range(1, len(chosen) + 1))
        rows = [(numeral(next(headed)) if section.heading else "", section) for section in chosen]
        parts.append((numeral(len(parts) + 1), label, rows))
    return {
        "report": report,
        "title": report.title,
        "intro": [section for section in sections if section.part == ReportSection.Part.INTRO],
        "parts": parts,
        "charts": _charts(report, sections),
        "f": report.figures,
    }


def _quoted_figures(section, figures):
    """The sentences of figures a section not drafted by the portal prints above its text."""
    if not section.quotes_figures:
        return ""
    return "".join(figure_sentences(topic, figures) for topic in section.topics)


def _charts(report, sections):
    """The charts of the topics the year's work draws on, once each, in its order."""
    drawn = figure_charts(report.figures)
    names = [
        name
        for section in sections
        if section.part == ReportSection.Part.WORK
        for topic in section.topics
        for name in CHARTS.get(topic, [])
    ]
    return [drawn[name] for name in dict.fromkeys(names)]


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
        "visits": received_in(deputy, period).order_by("received_on", "pk"),
        # The archive page's panels, built by the apps that own them (the request is unused).
        **duty_record(None, deputy, period),
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
