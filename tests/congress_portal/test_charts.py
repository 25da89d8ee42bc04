"""Server-side SVG charts: Chinese labels, no script, deterministic, the same
<img> on a page (under the CSP) and in a PDF."""

import base64
import io
import itertools
import re
import subprocess
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from PIL import ImageFont
from playwright.sync_api import expect
from pypdf import PdfReader

from congress_portal import charts
from congress_portal.pdf import html_to_pdf
from congress_portal.templatetags.charts import chart
from tests.browser import screenshot

SVG = "{http://www.w3.org/2000/svg}"
COMMUNITIES = ["青石社区", "白鹭社区", "江滨社区"]
UNITS = ["区住房和城乡建设局", "区城市管理和综合执法局", "区教育局"]
CHARTS = {
    "bar": lambda: charts.bar("各社区接待选民人次", COMMUNITIES, [212, 187, 166]),
    "horizontal bar": lambda: charts.bar("各单位承办建议件数", UNITS, [14, 9, 6], horizontal=True),
    "stacked bar": lambda: charts.stacked_bar(
        "建议办理结果", UNITS, {"已解决": [8, 5, 4], "正在解决": [4, 2, 1]}
    ),
    "pie": lambda: charts.pie("满意度", ["满意", "基本满意", "不满意"], [35, 7, 1]),
    "donut": lambda: charts.pie("建议分类", ["城建环保", "社会事业"], [18, 12], donut=True),
    "line": lambda: charts.line(
        "各月接待人次", charts.month_labels(), {"接待": [80, 95, 110, 100] + [None] * 8}
    ),
}


def texts(svg):
    return [element.text for element in ElementTree.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", CHARTS)
def test_chart_is_a_standalone_svg_without_script(kind):
    svg = CHARTS[kind]()

    root = ElementTree.fromstring(svg)  # well-formed, no XML declaration
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("600", "320")
    assert "<script" not in svg and "javascript" not in svg.lower()
    assert "<!--" not in svg
    assert "Noto Sans CJK SC" in svg


def test_bar_shows_chinese_labels_and_values():
    labels = texts(CHARTS["bar"]())

    assert "各社区接待选民人次" in labels
    assert {"青石社区", "白鹭社区", "江滨社区", "212", "187", "166"} <= set(labels)


def test_horizontal_bars_read_from_the_first_label_at_the_top():
    root = ElementTree.fromstring(CHARTS["horizontal bar"]())
    y = {
        element.text: float(element.get("y"))
        for element in root.iter(f"{SVG}text")
        if element.text in UNITS
    }

    assert y["区住房和城乡建设局"] < y["区城市管理和综合执法局"] < y["区教育局"]


def test_pie_and_line_show_their_labels_and_values():
    # Values on slices wide enough, and all of them in the legend.
    assert {"满意（35）", "基本满意（7）", "不满意（1）", "35", "7"} <= set(texts(CHARTS["pie"]()))
    assert {"一月", "十二月", "110"} <= set(texts(CHARTS["line"]()))


def test_stacked_bar_leaves_zeroes_out():
    svg = charts.stacked_bar("结果", ["甲", "乙"], {"已解决": [3, 0], "留作参考": [0, 2]})

    values = [element for element in texts(svg) if element and element.isdigit()]
    assert "0" not in values[values.index("3") :]


def test_same_data_gives_the_same_svg_and_other_data_another_id():
    first, again = (
        charts.bar("件数", COMMUNITIES, [1, 2, 3]),
        charts.bar("件数", COMMUNITIES, [1, 2, 3]),
    )
    other = charts.bar("件数", COMMUNITIES, [1, 2, 4])

    assert first == again
    identifier = re.search(r'id="(chart-[0-9a-f]+)"', first).group(1)
    assert identifier not in other


def test_decimals_from_the_database_and_a_formatter_are_accepted():
    svg = charts.bar("满意率", ["甲", "乙"], [Decimal("97.5"), Decimal("88")], formatter=percent)

    assert {"97.5%", "88.0%"} <= set(texts(svg))


def percent(value):
    return f"{value:.1f}%"


def test_empty_chart_says_there_is_no_data():
    assert "暂无数据" in texts(charts.bar("件数", [], []))


def test_long_chinese_title_is_wrapped_inside_the_chart():
    title = "各承办单位办理代表建议件数统计（2025年度，含主办单位和协办单位，按件数排序）"
    root = ElementTree.fromstring(charts.bar(title, COMMUNITIES, [1, 2, 3]))
    lines = [
        element.text
        for element in root.iter(f"{SVG}text")
        if "title" in (element.get("class") or "")
    ]

    assert len(lines) >= 2
    assert "".join(lines) == title


def test_chart_tag_embeds_a_data_image_with_the_title_as_alt_text():
    svg = CHARTS["bar"]()

    html = chart(svg, "图1 各社区接待选民人次")

    image = re.search(
        r'<img class="chart img-fluid" src="data:image/svg\+xml;base64,([^"]+)"', html
    )
    assert image and base64.b64decode(image.group(1)).decode() == svg
    assert 'alt="各社区接待选民人次"' in html
    assert 'width="600" height="320"' in html
    assert "<figcaption>图1 各社区接待选民人次</figcaption>" in html


def test_chart_tag_escapes_the_caption_and_renders_nothing_without_a_chart():
    assert "&lt;b&gt;" in chart(CHARTS["pie"](), "<b>图2</b>")
    assert chart("") == ""


def test_every_kind_of_chart_renders_in_a_pdf_as_text():
    page = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% load charts %}'
        "{% block content %}{% for svg in svgs %}{% chart svg %}{% endfor %}{% endblock %}"
    )
    html = page.render({"title": "图表", "svgs": [make() for make in CHARTS.values()]})

    reader = PdfReader(io.BytesIO(html_to_pdf(html)))

    text = "".join(page.extract_text() for page in reader.pages)
    for label in ("青石社区", "区城市管理和综合执法局", "已解决", "基本满意", "社会事业", "十二月"):
        assert label in text


# A page of the portal that shows a chart, served by the project's middleware.
PAGE = (
    '{% extends "base.html" %}{% load charts %}'
    '{% block content %}<h1>图表</h1>{% chart svg "图1 各社区接待选民人次" %}{% endblock %}'
)


def chart_page(request):
    page = engines["django"].from_string(PAGE)
    return HttpResponse(page.render({"svg": CHARTS["bar"]()}, request))


urlpatterns = [path("chart-page/", chart_page), path("", include("congress_portal.urls"))]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (directive.split() for directive in policy.split(";") if directive)
    }


@pytest.mark.urls(__name__)
def test_page_with_a_chart_needs_nothing_the_csp_forbids(client, db):
    response = client.get("/chart-page/")

    html = response.content.decode()
    directives = csp_directives(response)
    assert "'unsafe-inline'" not in directives.get("style-src", directives["default-src"])
    assert "data:" in directives["img-src"]
    # The chart's styles travel inside a data: image, never as inline markup.
    assert "<svg" not in html and "<style" not in html and " style=" not in html
    assert 'src="data:image/svg+xml;base64,' in html


@pytest.mark.browser
@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_chart_shows_in_chromium_without_csp_violations(live_server, phone):
    phone.goto(live_server.url + "/chart-page/")

    image = phone.get_by_role("img", name="各社区接待选民人次")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 600
    assert image.evaluate("img => img.getBoundingClientRect().width") <= 360
    screenshot(phone, "chart-360")
    assert phone.csp_errors == []


def sans_font(size):
    """Noto Sans CJK SC, the charts' first face on the server, to measure text as drawn."""
    path = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True
    ).stdout
    for index in itertools.count():
        font = ImageFont.truetype(path, size, index=index)
        if font.getname()[0] == "Noto Sans CJK SC":
            return font


def legend_entries(svg):
    """(left, right, top, bottom) of each legend entry, its box to its text's end, in the
    chart's coordinates."""
    font = sans_font(12)
    root = ElementTree.fromstring(svg)
    legends = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legends")
    dx, dy = map(
        float, re.match(r"translate\(([\d.]+), ([\d.]+)\)", legends.get("transform")).groups()
    )
    entries = []
    for entry in legends:
        box, text = entry.find(f"{SVG}rect"), entry.find(f"{SVG}text")
        left, top = dx + float(box.get("x")), dy + float(box.get("y"))
        right = dx + float(text.get("x")) + font.getlength(text.text)
        entries.append((left, right, top, top + 12))
    return entries


ANSWER_CLASSES = ["A类：已解决或基本解决", "B类：正在解决或列入计划解决",
                  "C类：条件具备时解决", "D类：留作参考或予以解释"]  # fmt: skip
WIDE_LEGENDS = {
    "donut, four classes": lambda: charts.pie(
        "答复分类", ANSWER_CLASSES, [1234, 456, 78, 9], donut=True
    ),
    "pie, five shares": lambda: charts.pie(
        "来源", ["联络站接待", "12345热线", "民呼我应平台", "来信", "代表走访"], [9] * 5
    ),
    "line, five series": lambda: charts.line(
        "各月", charts.month_labels(), {name: [1] * 12 for name in ANSWER_CLASSES + ["未答复"]}
    ),
    "stacked bar, four classes": lambda: charts.stacked_bar(
        "办理结果", UNITS, {name: [3, 2, 1] for name in ANSWER_CLASSES}
    ),
    "a title wider than the chart": lambda: charts.pie("分类", ["长" * 60, "短"], [1, 2]),
}


@pytest.mark.parametrize("kind", WIDE_LEGENDS)
def test_legends_never_overlap_or_leave_the_chart(kind):
    entries = legend_entries(WIDE_LEGENDS[kind]())

    assert entries
    for left, right, _top, bottom in entries:
        assert left >= 0 and right <= charts.WIDTH and bottom <= charts.HEIGHT
    for first, second in itertools.combinations(entries, 2):
        same_row = first[2] == second[2]
        assert not (same_row and first[0] < second[1] and second[0] < first[1]), (first, second)


def value_axis(svg):
    root = ElementTree.fromstring(svg)
    axis = next(g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("axis y"))
    return [text.text for text in axis.iter(f"{SVG}text")]


def test_count_axes_step_by_whole_numbers():
    assert value_axis(charts.bar("件数", COMMUNITIES, [1, 2, 0])) == ["0", "1", "2"]
    assert value_axis(charts.line("各月", charts.month_labels(count=3), {"接待": [0, 1, 3]})) == [
        "0", "1", "2", "3"]  # fmt: skip
    ticks = [int(tick) for tick in value_axis(charts.bar("人次", COMMUNITIES, [212, 187, 1066]))]
    assert ticks[0] == 0 and ticks[-1] >= 1066 and len(ticks) <= 9
    assert len({b - a for a, b in itertools.pairwise(ticks)}) == 1
    # Decimals (rates) keep pygal's own scale.
    assert "0.5" in value_axis(charts.bar("比率", COMMUNITIES, [0.5, 0.8, 1.0]))
