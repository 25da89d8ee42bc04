import datetime
import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats
from django.utils.text import add_truncation_text
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()


@register.filter
def percent(rate):
    """0.875 → "87.5%", 1 → "100%" (as the committees' documents write them);
    no rate (nothing to count) → "—"."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}".removesuffix(".0") + "%"


@register.filter
def time_left(due, today):
    """The days from `today` to `due`: "5 days left", "Due today", "3 days overdue"."""
    days = (due - today).days
    if days > 0:
        return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
    if days == 0:
        return gettext("Due today")
    return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days}


@register.filter
def clipped(text, length):
    """Django's truncatechars for the rows of a list: `text` cut to `length` characters,
    its ending as the language writes it ("..." in Chinese). Django's counts combining
    marks as no width, which the portal's Chinese texts have not, at about 130 Python
    calls a row."""
    text = str(text)
    if len(text) <= length:
        return text
    return add_truncation_text(text[: max(length - len(add_truncation_text("")), 0)])


@register.filter
def day(value):
    """A date as {{ value }} shows it in the language in use (2026年1月2日), written once a
    process for each date and language: Django writes it anew each time, at about 45
    Python calls, and a list's rows show a date or two each. Anything else is left to
    the template to show."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return _day(value, get_language())
    return value


@functools.lru_cache(maxsize=4096)
def _day(value, language):
    return formats.date_format(value)


@receiver(setting_changed)
def forget_days(*, setting, **kwargs):
    """As Django forgets its formats when a test changes them."""
    if setting in formats.FORMAT_SETTINGS or setting == "FORMAT_MODULE_PATH":
        _day.cache_clear()
