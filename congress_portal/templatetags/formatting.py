from django import template

register = template.Library()


@register.filter
def percent(rate):
    """0.875 → "87.5%", 1 → "100%" (as the committees' documents write them);
    no rate (nothing to count) → "—"."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}".removesuffix(".0") + "%"
