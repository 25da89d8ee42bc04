import datetime

from django import template
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
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


@register.tag(name="result_list")
def result_list_tag(parser, token):
    """Django's result_list, each row's cells written out as one string (see row_cells).
    A list whose cells are forms (list_editable) is Django's own."""
    return InclusionAdminNode(
        parser,
        token,
        func=result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )


def result_list(cl):
    if cl.formset:
        return admin_list.result_list(cl)
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": [[row_cells(cl, result)] for result in cl.result_list],
    }


def row_cells(cl, result):
    """The cells Django's items_for_result yields for a row without a form, as one
    string: it writes each cell with format_html, at about 60 Python calls a cell: half
    the time of an admin list's rows."""
    empty_value_display = cl.model_admin.get_empty_value_display()
    linked = False
    cells = []
    for index, name in enumerate(cl.list_display):
        classes = [f"field-{admin_list._coerce_field_name(name, index)}"]
        link = links_to_row(cl, name, first=not linked)
        shown = cell_value(cl, result, name, classes, link, empty_value_display)
        tag = "th" if link and not linked else "td"  # the first link heads its row
        if link:
            shown, linked = row_link(cl, result, shown), True
        cells.append(f'<{tag} class="{" ".join(classes)}">{escaped(shown)}</{tag}>')
    return mark_safe("".join(cells))


def links_to_row(cl, name, first):
    if cl.list_display_links is None:
        return False
    return first if not cl.list_display_links else name in cl.list_display_links


def cell_value(cl, result, name, classes, link, empty_value_display):
    """A cell's value as items_for_result shows it (safe or to be escaped); `classes`
    gains its column's."""
    try:
        field, attr, value = lookup_field(name, result, cl.model_admin)
    except ObjectDoesNotExist:
        return empty_value_display
    empty_value_display = getattr(attr, "empty_value_display", empty_value_display)
    if isinstance(value, str) and value.strip() == "":
        value = ""
    if field is None or field.auto_created:
        if name == "action_checkbox":
            classes[:] = ["action-checkbox"]
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        if isinstance(value, datetime.date | datetime.time):
            classes.append("nowrap")
        return display_for_value(value, empty_value_display, boolean)
    if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
        classes.append("nowrap")
    if isinstance(field.remote_field, models.ManyToOneRel):
        related = getattr(result, field.name)
        return empty_value_display if related is None else related
    return display_for_field(value, field, empty_value_display, avoid_link=link)


def row_link(cl, result, shown):
    """`shown` linked to the row's change page (in a popup, to the row chosen)."""
    try:
        url = cl.url_for_result(result)
    except NoReverseMatch:
        return shown
    if cl.preserved_filters:  # the portal's lists put them in url_for_result
        context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        url = add_preserved_filters(context, url)
    opener = ""
    if cl.is_popup:
        key = result.serializable_value(
            str(cl.to_field) if cl.to_field else cl.lookup_opts.pk.attname
        )
        opener = f' data-popup-opener="{escaped(key)}"'
    return mark_safe(f'<a href="{escaped(url)}"{opener}>{escaped(shown)}</a>')
