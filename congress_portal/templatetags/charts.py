"""`{% chart svg %}`: a chart from `congress_portal.charts` on a page or in a PDF.

The chart goes in as `<img src="data:image/svg+xml;base64,...">`: the page's
Content-Security-Policy allows `data:` images but no inline styles, and an SVG
shown as an image keeps its own `<style>` (and can run no script). WeasyPrint
renders the same element, so pages and PDFs share one code path.
"""

import base64
import html
import re

from django import template
from django.utils.html import format_html

register = template.Library()

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
ROOT = re.compile(r"<svg\b[^>]*>")
DIMENSION = re.compile(r'(?<![\w-])(width|height)="(\d+(?:\.\d+)?)(?:px)?"')


@register.simple_tag
def chart(svg, caption="", css_class="chart img-fluid"):
    """The chart as an image, its title as the alt text; with a caption, in a <figure>."""
    if not svg:
        return ""
    title = TITLE.search(svg)
    alt = html.unescape(title.group(1)) if title else ""
    root = ROOT.search(svg)
    # The intrinsic size keeps the layout from jumping while the image decodes.
    size = dict(DIMENSION.findall(root.group(0))) if root else {}
    image = format_html(
        '<img class="{}" src="data:image/svg+xml;base64,{}" alt="{}"{}>',
        css_class,
        base64.b64encode(svg.encode()).decode("ascii"),
        alt,
        format_html(' width="{}" height="{}"', size["width"], size["height"])
        if len(size) == 2
        else "",
    )
    if not caption:
        return image
    return format_html(
        '<figure class="chart">{}<figcaption>{}</figcaption></figure>', image, caption
    )
