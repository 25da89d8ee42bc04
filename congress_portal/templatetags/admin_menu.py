from django import template
from django.contrib import admin
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from congress_portal.widgets import escaped

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_sidebar_menu(context):
    """The admin's sidebar menu, as congress_portal.admin_site keeps it."""
    return admin.site.nav_sidebar(context["request"], context["available_apps"])


SELECTED = ' class="selected"'


@register.simple_tag
def list_filter(title, choices):
    """Django's admin/filter.html written out: its template took about 140 Python calls
    a choice, and a list's filters offer fifty or more. A query string is ASCII already
    (the template's iriencode leaves it as it is)."""
    items = "".join(
        f'<li{SELECTED if choice["selected"] else ""}><a href="{escaped(choice["query_string"])}">'
        f"{escaped(choice['display'])}</a></li>"
        for choice in choices
    )
    heading = escaped(gettext(" By %(filter_title)s ") % {"filter_title": title})
    return mark_safe(
        f'<details data-filter-title="{escaped(title)}" open>'
        f"<summary>{heading}</summary><ul>{items}</ul></details>"
    )
