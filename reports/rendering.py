"""An annual report as a PDF: the frozen figures and the staff's narrative, laid
out as an official document."""

from django.utils import translation

from congress_portal.pdf import render_pdf

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
