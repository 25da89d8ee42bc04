"""PDFs in official-document layout (GB/T 9704-2012) from HTML templates, with WeasyPrint.

A PDF template extends ``pdf/base.html`` (print CSS in ``static/css/print.css``)
and embeds charts with ``{% chart %}``, exactly as a web page does. Rendering
needs no running server: ``/static/`` and ``/media/`` URLs are read from the
project's files, and nothing is fetched from a network.
"""

import io
import mimetypes
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

__all__ = ["render_pdf", "html_to_pdf", "html_to_pdfs", "PortalURLFetcher"]

# Root-relative URLs in templates ({% static %} gives "/static/...") resolve
# against this origin, which exists on no network (.invalid, RFC 2606); the
# fetcher below answers for it from the project's files.
BASE_URL = "http://portal.invalid/"


def render_pdf(template_name, context=None, *, request=None) -> bytes:
    """The template rendered with `context` as PDF bytes (A4, fonts embedded, text selectable)."""
    return html_to_pdf(render_to_string(template_name, context, request=request))


def html_to_pdf(html: str) -> bytes:
    """PDF bytes from a whole HTML document; its static and media URLs are read from disk."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).write_pdf()


def html_to_pdfs(htmls) -> list[bytes]:
    """One PDF per HTML document, made in one pass: the documents are laid out with
    one font configuration, written as one PDF (so the fonts, most of the cost, are
    read and subset once), then split into each document's pages. The PDFs share
    one font subset, a little larger than each would need alone."""
    fonts = FontConfiguration()
    documents = [
        HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).render(
            font_config=fonts
        )
        for html in htmls
    ]
    if not documents:
        return []
    pages = [page for document in documents for page in document.pages]
    combined = PdfReader(io.BytesIO(documents[0].copy(pages).write_pdf()))
    split, first = [], 0
    for document in documents:
        writer = PdfWriter()
        for page in combined.pages[first : first + len(document.pages)]:
            writer.add_page(page)
        first += len(document.pages)
        output = io.BytesIO()
        writer.write(output)
        split.append(output.getvalue())
    return split


class PortalURLFetcher(URLFetcher):
    """Serves static files (through the staticfiles finders, else the collected
    storage), media files and data: URIs; refuses every other URL.

    A missing static file stops the rendering (a broken deployment must not
    print a document without its layout); a missing media file or a refused URL
    is left out with WeasyPrint's warning.
    """

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        static = urljoin(BASE_URL, settings.STATIC_URL)
        media = urljoin(BASE_URL, settings.MEDIA_URL)
        if url.startswith(static):
            name = _name(url, static)
            return self._response(url, name, _read_static(name))
        if url.startswith(media):
            name = _name(url, media)
            with default_storage.open(name) as file:
                return self._response(url, name, file.read())
        raise ValueError(f"PDFs load only static and media files, not {url}")

    @staticmethod
    def _response(url, name, body):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _name(url, prefix):
    return unquote(urlsplit(url[len(prefix) :]).path)


def _read_static(name):
    path = finders.find(name)
    if path:
        with open(path, "rb") as file:
            return file.read()
    try:
        with staticfiles_storage.open(name) as file:  # collected, e.g. hashed names
            return file.read()
    except (OSError, ValueError) as error:
        raise FatalURLFetchingError(f"static file {name!r} not found") from error
