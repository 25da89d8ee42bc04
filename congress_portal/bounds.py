"""Bounds on what users type: dates, years and texts, declared once.

Models declare their dates with the fields below and their texts with a max_length
from here, so ModelForms and the admin refuse what is out of bounds; plain forms
make theirs with date_field and text_field, which hold the same bounds and say so
with the same translated messages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .widgets import DateInput

# Nothing the portal records happened before the People's Republic.
EARLIEST_DATE = datetime.date(1949, 1, 1)

# Texts hold at most what their use needs, and always fit one Excel cell (32,767
# characters) of a ledger export and the pages of a PDF.
NOTE_LENGTH = 1_000  # a reason, a note
TEXT_LENGTH = 5_000  # a matter, a reply, what was done, comments
LONG_TEXT_LENGTH = 20_000  # a suggestion's reasons and proposals, an answer, a report's narrative


@deconstructible
class DateBounds:
    """A date from 1 January 1949 to the end of the year `years_ahead` from today's."""

    def __init__(self, years_ahead):
        self.years_ahead = years_ahead

    def latest(self):
        return datetime.date(timezone.localdate().year + self.years_ahead, 12, 31)

    def __contains__(self, day):
        return EARLIEST_DATE <= day <= self.latest()

    def __call__(self, day):
        if day < EARLIEST_DATE:
            message, code, limit = (
                _("The date cannot be before %(date)s."),
                "too_early",
                EARLIEST_DATE,
            )
        elif day > self.latest():
            message, code, limit = (
                _("The date cannot be after %(date)s."),
                "too_late",
                self.latest(),
            )
        else:
            return
        raise ValidationError(message, code=code, params={"date": formats.date_format(limit)})

    def __eq__(self, other):
        return isinstance(other, DateBounds) and self.years_ahead == other.years_ahead


@deconstructible
class YearBounds:
    """A year from `earliest` to the year `years_ahead` from today's."""

    def __init__(self, earliest, years_ahead):
        self.earliest, self.years_ahead = earliest, years_ahead

    def __call__(self, year):
        latest = timezone.localdate().year + self.years_ahead
        if not self.earliest <= year <= latest:
            raise ValidationError(
                _("Give a year from %(earliest)s to %(latest)s."),
                code="year_out_of_range",
                params={"earliest": self.earliest, "latest": latest},
            )

    def __eq__(self, other):
        return isinstance(other, YearBounds) and (self.earliest, self.years_ahead) == (
            other.earliest,
            other.years_ahead,
        )


# What happened or falls due (a visit, a duty, a deadline): up to the end of next year.
event_date = DateBounds(years_ahead=1)
# What is planned further ahead (a term's end, a congress session): a decade.
planned_date = DateBounds(years_ahead=10)
# What happened, by its year (a quarter's ranking, a reminder letter's quarter).
event_year = YearBounds(EARLIEST_DATE.year, years_ahead=1)
birth_year = YearBounds(1900, years_ahead=0)


class EventDateField(models.DateField):
    """The date of something that happened or falls due."""

    default_validators = [event_date]


class PlannedDateField(models.DateField):
    """A date planned further ahead: a term's end, a congress session."""

    default_validators = [planned_date]


def date_field(label, **kwargs):
    """A plain form's date of something that happened or falls due, with a date picker."""
    return forms.DateField(label=label, widget=DateInput(), validators=[event_date], **kwargs)


def text_field(label, max_length, rows=2, **kwargs):
    """A plain form's text box, of at most `max_length` characters."""
    widget = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, max_length=max_length, widget=widget, **kwargs)
