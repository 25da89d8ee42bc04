from django import template

register = template.Library()


@register.filter
def percent(rate):
    """0.875 → "87.5%"; no rate (nothing to count) → "—"."""
    return "—" if rate is None else f"{rate * 100:.1f}%"
