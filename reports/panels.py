"""What reports add to the deputies' pages (see congress_portal.panels)."""

from . import services
from .models import ArchivePDF


def archive_pdf(request, deputy, period):
    """The archive page: generate the year's archive as a PDF, or download it.
    A term has no PDF: the panel asks for a year instead."""
    start, end = period.start, period.end
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    year = start.year if whole_year and start.year == end.year else None
    archive = ArchivePDF.objects.filter(deputy=deputy, year=year).first() if year else None
    return {
        "deputy": deputy,
        "year": year,
        "archive": archive,
        "may_generate": services.may_generate_archive(request.user, deputy),
    }
