"""Panels that higher apps add to a lower app's page (a deputy's home, the
performance archive) without the lower app importing them: the higher app
registers a template and a function building its context."""

from collections import defaultdict
from dataclasses import dataclass

from django.template.loader import render_to_string

_panels = defaultdict(list)


def register(page, template, context):
    """`context(request, **page_arguments)` returns the panel's template context."""
    _panels[page].append((template, context))


def render(page, request, **arguments):
    """The page's panels as HTML, in registration (app) order."""
    return [
        render_to_string(template, context(request, **arguments), request=request)
        for template, context in _panels[page]
    ]


@dataclass(frozen=True)
class Todo:
    """A line of the staff home ("staff_home" panels, template staff_todo.html): what
    awaits the staff, how many of it, and the page that lists them."""

    label: str
    count: int
    url: str
