"""PDFs in official-document layout (GB/T 9704-2012): a sample annual summary
extending pdf/base.html, read back with pypdf."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from congress_portal import charts
from congress_portal.pdf import BASE_URL, PortalURLFetcher, html_to_pdf, render_pdf

TEMPLATES_DIR = Path(__file__).parent / "templates"
TITLE = "青石街道人大工委2025年工作总结和2026年工作计划"
COMMUNITIES = ["青石社区", "白鹭社区", "江滨社区", "望江社区", "桂花社区", "锦绣社区"]
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


def sample_context():
    return {
        "title": TITLE,
        "subtitle": "（2025年12月）",
        "stations": 5,
        "communities": 16,
        "duties": 312,
        "visits": 1286,
        "opinions": 204,
        "solved": 187,
        "suggestions": 43,
        "satisfaction": "97.7%",
        "visits_chart": charts.bar("各社区接待选民人次", COMMUNITIES, [212, 187, 166, 143, 98, 75]),
        "months_chart": charts.line(
            "各月收集意见建议件数",
            charts.month_labels(),
            {
                "收集": [12, 15, 20, 18, 22, 17, 9, 11, 25, 19, 21, 15],
                "办结": [10, 14, 18, 16, 20, 17, 9, 10, 22, 18, None, None],
            },
        ),
        "kinds_chart": charts.pie(
            "建议分类", ["城建环保", "社会事业", "经济发展", "其他"], [18, 12, 8, 5], donut=True
        ),
        "figures": [
            ("代表联络站（个）", 5),
            ("接待选民（人次）", 1286),
            ("办结事项（件）", 187),
            ("代表建议（件）", 43),
        ],
    }


@pytest.fixture(scope="module")
def sample_pdf():
    """The sample rendered once for the module (about half a second)."""
    templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES_DIR]}]
    with override_settings(TEMPLATES=templates), translation.override("zh-hans"):
        return render_pdf("pdf_sample.html", sample_context())


@pytest.fixture(scope="module")
def reader(sample_pdf):
    return PdfReader(io.BytesIO(sample_pdf))


def text_runs(page):
    """(x, y, text) of each run of text on the page, in points from the bottom left."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[4] + tm[4] * cm[0] + tm[5] * cm[2]
            y = cm[5] + tm[4] * cm[1] + tm[5] * cm[3]
            runs.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def embedded_fonts(reader):
    """Base font name → whether its font program is embedded, over pages and form XObjects."""
    fonts = {}

    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return fonts


def flat(text):
    return "".join(text.split())


def test_pages_are_a4(reader):
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1)


def test_text_is_extractable_title_headings_figures_and_chart_labels(reader):
    text = flat("".join(page.extract_text() for page in reader.pages))

    assert TITLE in text
    assert "（2025年12月）" in text
    assert "一、2025年主要工作" in text
    assert "（一）联络站建设全面提质" in text
    assert "二、存在的不足" in text
    assert "接待选民1286人次" in text
    assert "图1各社区接待选民人次" in text
    # The chart is drawn as text, not as a picture of text.
    assert "青石社区" in text and "212" in text
    assert "十二月" in text
    assert "代表联络站（个）5" in text


def test_fonts_are_embedded_chinese_faces(reader):
    fonts = embedded_fonts(reader)
    names = {re.sub(r"^[A-Z]{6}\+", "", name.lstrip("/")) for name in fonts}

    assert fonts and all(fonts.values()), fonts
    # The Debian stand-ins: 小标宋 (title), 仿宋 (body), 黑体 (一、) and 楷体 (（一）).
    assert {"Noto-Serif-CJK-SC-Bold", "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"} <= names, names
    assert any(name.startswith("AR-PL") for name in names), names


def test_page_numbers_sit_on_the_outside_corner_below_the_text_block(reader):
    text_block_bottom = A4[1] - 37 * MM - 225 * MM
    for number, page in enumerate(reader.pages, start=1):
        [(x, y, _)] = [run for run in text_runs(page) if run[2] == f"— {number} —"]
        assert y < text_block_bottom
        if number % 2:  # odd: right
            assert x > A4[0] / 2
        else:
            assert x < A4[0] / 2


def test_body_has_22_lines_of_28_characters():
    body = "人民代表大会制度是我国的根本政治制度" * 40
    page = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block header %}{% endblock %}'
        '{% block content %}<p style="text-indent: 0">{{ body }}</p>{% endblock %}'
    )
    html = page.render({"title": "行数", "body": body})
    first = PdfReader(io.BytesIO(html_to_pdf(html))).pages[0]

    lines = [text for _, _, text in text_runs(first) if not text.startswith("—")]

    assert len(lines) == 22
    assert {len(line) for line in lines} == {28}


def test_first_line_of_a_paragraph_is_indented_two_characters_and_keeps_26():
    body = "人民代表大会制度是我国的根本政治制度" * 4
    page = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block header %}{% endblock %}'
        "{% block content %}<p>{{ body }}</p>{% endblock %}"
    )
    runs = text_runs(PdfReader(io.BytesIO(html_to_pdf(page.render({"body": body})))).pages[0])

    first, second = runs[0], runs[1]
    assert len(first[2]) == 26 and len(second[2]) == 28
    assert first[0] - second[0] == pytest.approx(2 * 156 * MM / 28, abs=1)


def test_fetcher_serves_static_files_without_a_server():
    response = PortalURLFetcher().fetch(BASE_URL + "static/css/print.css")

    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_fetcher_refuses_other_urls():
    with pytest.raises(ValueError):
        PortalURLFetcher().fetch("https://example.org/logo.png")
    with pytest.raises(ValueError):
        PortalURLFetcher().fetch("file:///etc/passwd")


def test_a_missing_static_file_stops_the_rendering():
    with pytest.raises(FatalURLFetchingError):
        PortalURLFetcher().fetch(BASE_URL + "static/css/missing.css")


def test_text_block_starts_37mm_from_the_top_and_28mm_from_the_left_title_22pt_body_16pt():
    page = engines["django"].from_string(
        '{% extends "pdf/base.html" %}'
        '{% block content %}<p style="text-indent: 0">{{ body }}</p>{% endblock %}'
    )
    html = page.render({"title": "标题", "body": "人民代表大会制度是我国的根本政治制度" * 3})
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
            runs.append((text.strip(), x, y, size * abs(cm[0] * tm[0])))

    PdfReader(io.BytesIO(html_to_pdf(html))).pages[0].extract_text(visitor_text=visit)

    (title, *body, number) = runs
    top = A4[1] - 37 * MM
    assert title[0] == "标题" and title[3] == pytest.approx(22, abs=0.1)
    assert top - 34 < title[2] < top  # the baseline of the first line box (34 pt)
    assert {round(size, 1) for _, _, _, size in body} == {16.0}
    assert {round(x / MM, 1) for _, x, _, _ in body} == {28.0}
    assert number[0] == "— 1 —" and number[3] == pytest.approx(14, abs=0.1)
