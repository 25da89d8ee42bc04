"""QR codes, drawn as SVG on the server (segno), so the CSP holds."""

import segno
from django.utils.safestring import mark_safe


def svg(link, scale=6):
    """The code as inline SVG markup (no script, no external reference)."""
    return mark_safe(segno.make(link, error="m").svg_inline(scale=scale, omitsize=True))
