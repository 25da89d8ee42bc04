from django import template

from congress_portal.kept import FRESH

register = template.Library()


@register.inclusion_tag("kept_count.html")
def counted(at):
    """When a kept count (congress_portal.kept) was made, and when it is made again;
    nothing for a count made for the request."""
    return {"at": at, "fresh_minutes": FRESH.seconds // 60}
