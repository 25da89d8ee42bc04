"""Server-side SVG charts with Chinese labels, the same markup on web pages and in PDFs.

Each function returns a complete SVG document as a string: no JavaScript, no
external resources, the same bytes for the same data. Embed it with the
``{% chart %}`` tag (``congress_portal/templatetags/charts.py``), which turns it
into ``<img src="data:image/svg+xml;base64,...">``: pygal styles its charts with
a ``<style>`` element, which the portal's Content-Security-Policy (no inline
styles) would block in an inline ``<svg>``, but not inside an image; WeasyPrint
renders the same ``<img>`` in a PDF.

Sizes are in CSS pixels: the default 600 px width prints at 156 mm, the GB/T
9704 text block, so the 12 px labels print at 9 pt.
"""

import hashlib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from numbers import Number

import pygal
import pygal.graph.graph
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from pygal.style import Style

__all__ = ["WIDTH", "HEIGHT", "bar", "stacked_bar", "pie", "line", "month_labels"]

WIDTH = 600
HEIGHT = 320

# Chinese sans faces first (黑体 style suits charts), in the order a reader's
# machine or the server is likely to have them.
FONT_FAMILY = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", '
    '"PingFang SC", "SimHei", "WenQuanYi Micro Hei", sans-serif'
)
# The portal's red accent (portal.css) first; the rest stay apart in greyscale print.
COLORS = (
    "#b71c1c",
    "#1f4e79",
    "#d4a017",
    "#2e7d32",
    "#6a1b9a",
    "#ef6c00",
    "#546e7a",
    "#ad1457",
    "#00838f",
    "#8d6e63",
)


def _contrasting(color):
    """Black or white, whichever reads better on `color` (WCAG relative luminance)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if luminance > 0.18 else "#ffffff"


def _style(value_colors):
    return Style(
        font_family=FONT_FAMILY,
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#212529",
        foreground_strong="#000000",
        foreground_subtle="#6c757d",
        colors=COLORS,
        value_colors=value_colors,
        opacity="1",
        opacity_hover="1",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        stroke_width="2",
        stroke_width_hover="2",
        transition="0s",
        guide_stroke_color="#dee2e6",
        major_guide_stroke_color="#adb5bd",
        guide_stroke_dasharray="none",
        major_guide_stroke_dasharray="none",
        title_font_size=16,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
        value_font_size=12,
        value_label_font_size=12,
        tooltip_font_size=12,
        no_data_font_size=20,
    )


# Values printed beside bars and points are dark; on slices and stacked bars
# they contrast with the colour under them.
STYLE = _style(value_colors=("#212529",) * len(COLORS))
STYLE_VALUES_INSIDE = _style(value_colors=tuple(map(_contrasting, COLORS)))

COMMON = {
    "js": [],  # no <script>: charts are pictures, not widgets
    "disable_xml_declaration": True,  # embeddable as it is
    "explicit_size": True,  # width/height attributes: an intrinsic size for <img>
    "truncate_label": -1,  # never cut a community's name short
    "truncate_legend": -1,
    "legend_at_bottom": True,
    "print_values": True,  # a printed chart has no tooltips
    "print_zeroes": False,
    "margin": 12,
}
MAX_TICKS = 8  # on a count axis
# A legend title starts this far into its column (pygal's 12 px box and 5 px gap)
# and keeps a 12 px gap before the next; an axis chart's plot, and so its legend
# columns, is narrower than the chart by about the width of the value labels.
LEGEND_BOX = 12
LEGEND_INDENT = LEGEND_BOX + 5 + 12
LEGEND_AXIS_ROOM = 48
ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"
# pygal writes its comments (one dated) and a <script> of its config whatever `js` says.
# Its XML escapes "<" in text, so neither pattern can match inside a label.
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SCRIPT = re.compile(r"<script\b[^>]*?(?:/>|>.*?</script>)", re.DOTALL)
# A pie slice ends with a zero-radius arc back to the centre, which WeasyPrint
# draws as a wild wedge; the SVG spec makes it a straight line, so write one.
ZERO_ARC = re.compile(r"A0(?:\.0*)? 0(?:\.0*)? \S+ [01] [01] ")

Value = Number | None  # None: no value (a gap in a line)


def bar(
    title: str,
    labels: Sequence[str],
    values: Sequence[Value],
    *,
    horizontal: bool = False,
    series_title: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
    formatter: Callable | None = None,
) -> str:
    """One series of bars, its value printed at the end of each bar, no legend.

    Horizontal bars (long names, rankings) read from the first label at the top.
    """
    chart = (pygal.HorizontalBar if horizontal else pygal.Bar)(
        **_config(title, width, height, formatter, values=_numbers(values)),
        show_legend=False,
        print_values_position="top",
    )
    chart.x_labels = _ordered(labels, horizontal)
    chart.add(series_title or title, _ordered(_numbers(values), horizontal))
    return _render(chart)


def stacked_bar(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[Value]],
    *,
    horizontal: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
    formatter: Callable | None = None,
) -> str:
    """Bars stacked from several series (e.g. answers by class per unit), legend below.

    Horizontal bars read from the first label at the top.
    """
    totals = [sum(value or 0 for value in column) for column in zip(*series.values(), strict=True)]
    chart = (pygal.HorizontalStackedBar if horizontal else pygal.StackedBar)(
        **_config(
            title,
            width,
            height,
            formatter,
            style=STYLE_VALUES_INSIDE,
            values=_numbers(totals),
            legend=list(series),
        ),  # fmt: skip
    )
    chart.x_labels = _ordered(labels, horizontal)
    for name, values in series.items():
        chart.add(name, _ordered(_numbers(values), horizontal))
    return _render(chart)


def pie(
    title: str,
    labels: Sequence[str],
    values: Sequence[Value],
    *,
    donut: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
    formatter: Callable | None = None,
) -> str:
    """Shares of a whole, one slice per label; `donut` leaves a hole.

    The legend gives every value, "不满意（1）": pygal prints values only on
    slices wider than 17 degrees.
    """
    formatter = formatter or _format
    titles = [
        f"{label}（{formatter(value)}）"
        for label, value in zip(labels, _numbers(values), strict=True)
    ]
    chart = pygal.Pie(
        **_config(title, width, height, formatter, style=STYLE_VALUES_INSIDE, legend=titles),
        inner_radius=0.45 if donut else 0,
    )
    for legend, value in zip(titles, _numbers(values), strict=True):
        chart.add(legend, [value])
    return _render(chart)


def line(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[Value]],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    formatter: Callable | None = None,
) -> str:
    """One line per series over `labels` (months: see `month_labels`); None leaves a gap."""
    chart = pygal.Line(
        **{
            **_config(
                title,
                width,
                height,
                formatter,
                values=_numbers(itertools.chain.from_iterable(series.values())),
                legend=list(series),
            ),  # fmt: skip
            "print_values": len(series) == 1,  # several lines' values would overlap
        },
        show_legend=len(series) > 1,
        print_values_position="top",
        dots_size=3,
        include_x_axis=True,
    )
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, _numbers(values))
    return _render(chart)


def month_labels(first: int = 1, count: int = 12) -> list[str]:
    """Month names (一月, 二月, ...) from month `first`, wrapping past December."""
    return [str(MONTHS[(first - 1 + i) % 12 + 1]) for i in range(count)]


def _numbers(values):
    """Decimals (from the database) as floats, which pygal's arithmetic takes."""
    return [value if value is None or isinstance(value, int) else float(value) for value in values]


def _ordered(items, horizontal):
    """pygal draws a horizontal chart's first label at the bottom; readers start at the top."""
    return list(reversed(items)) if horizontal else list(items)


def _format(value) -> str:
    """Whole numbers without decimals, others with one."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def _value_axis(values):
    """Whole-number ticks (1, 2, 5 × 10ⁿ apart) when every value is whole, as counts
    are: pygal would step a count axis by 0.2. Other values keep pygal's scale."""
    numbers = [value for value in values if value is not None]
    if not numbers or not all(isinstance(value, int) for value in numbers):
        return {}
    low, high = min([0, *numbers]), max([1, *numbers])
    step = next(
        size
        for power in itertools.count()
        for size in (10**power, 2 * 10**power, 5 * 10**power)
        if (high - low) / size <= MAX_TICKS
    )
    first, last = math.floor(low / step) * step, math.ceil(high / step) * step
    return {"y_labels": list(range(first, last + step, step))}


def _legend(titles, width):
    """A bottom legend in as many columns (up to four) as its longest title
    allows, so titles never run into each other, and cut short only when one
    title is wider than the chart. pygal reserves n // columns rows for the
    legend; the last, partly filled row is added to the bottom margin."""
    if not titles:
        return {}
    font_size = STYLE.legend_font_size
    widest = max(_text_width(title, font_size) for title in titles)
    room = width - 2 * COMMON["margin"] - LEGEND_AXIS_ROOM
    columns = max(1, min(len(titles), 4, int(room // (LEGEND_INDENT + widest))))
    missing_rows = math.ceil(len(titles) / columns) - len(titles) // columns
    line_height = max(LEGEND_BOX, font_size) * 1.5
    legend = {
        "legend_at_bottom_columns": columns,
        "margin_bottom": COMMON["margin"] + missing_rows * line_height,
    }
    if LEGEND_INDENT + widest > room:
        legend["truncate_legend"] = int((room - LEGEND_INDENT) // font_size)
    return legend


def _config(title, width, height, formatter, style=STYLE, values=(), legend=()):
    """pygal's settings: the portal's, a count axis for `values`, a bottom legend
    that fits `legend` (its titles)."""
    return {
        **COMMON,
        "style": style,
        "title": title,
        "width": width,
        "height": height,
        "formatter": formatter or _format,  # printed values
        "value_formatter": formatter or _format,  # the value axis
        "no_data_text": _("No data"),
        **_value_axis(values),
        **_legend(legend, width),
    }


def _render(chart) -> str:
    """The SVG without script or comments, pygal's random id replaced by a digest."""
    chart.uuid = ID_PLACEHOLDER
    svg = SCRIPT.sub("", COMMENT.sub("", chart.render(is_unicode=True)))
    svg = ZERO_ARC.sub("L", svg)
    digest = hashlib.sha256(svg.encode()).hexdigest()[:12]
    return svg.replace(ID_PLACEHOLDER, digest)


# pygal sizes margins, legends and titles for Latin text (0.6 em a character);
# Chinese characters are 1 em wide, so without this a horizontal bar chart's
# community names run off the left edge and long titles off both sides.
def _text_width(text, font_size):
    return font_size * sum(
        1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6 for char in str(text)
    )


def _get_text_box(text, font_size):
    return (font_size, _text_width(text, font_size))


def _get_texts_box(texts, font_size):
    return (font_size, max((_text_width(text, font_size) for text in texts), default=0))


def _split_title(title, width, font_size):
    """Lines of `title` that fit in `width` (pygal's own splits only at spaces)."""
    lines = []
    for paragraph in (title or "").split("\n"):
        current = ""
        for char in paragraph:
            if current and _text_width(current + char, font_size * 1.1) > width:
                lines.append(current)
                current = ""
            current += char
        lines.append(current)
    return [text for text in lines if text] if title else []


pygal.graph.graph.get_text_box = _get_text_box
pygal.graph.graph.get_texts_box = _get_texts_box
pygal.graph.graph.split_title = _split_title
