"""{% row_url "app:name" key %}: a row's page, for lists of many rows.

Django's {% url %} resolves the pattern for each row (about 130 Python calls, a
twentieth of a ledger's page); here it is resolved once a process and the row's key
put in, as the admin's lists do (congress_portal.paging.FilteredLinksChangeList)."""

import functools

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

# A key no row has, which an int converter accepts.
PLACEHOLDER = str(2**62 + 2026)


@functools.cache
def pattern(name, script_prefix):
    """`name`'s URL for the placeholder key; a prefix of its own for each script
    prefix the process serves under (reverse() writes it in)."""
    return reverse(name, args=[PLACEHOLDER])


@register.simple_tag
def row_url(name, key):
    return pattern(name, get_script_prefix()).replace(PLACEHOLDER, str(int(key)))
