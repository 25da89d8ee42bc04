"""Sheets staff import and export in the admin, in the background (congress_portal.sheets):
Chinese column headers, streets and communities looked up by name among those the
importing user sees, choices by the word the sheet shows, errors listed under the
sheet's headers, and rows of a street's staff landing in their own street."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets

STREET = "街道"  # the column of the row's street: the sheet's data, not translated


class NameWidget(widgets.ForeignKeyWidget):
    """A street or community by name, among the streets the importing user sees;
    each name is looked up once per import (a sheet repeats a few on every row)."""

    def __init__(self, model):
        super().__init__(model, "name")
        self.user = None
        self.found = {}

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.visible_to(self.user)

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        key = tuple(self.get_lookup_kwargs(value, row, **kwargs).items())
        if key not in self.found:
            self.found[key] = super().get_instance_by_lookup_fields(value, row, **kwargs)
        return self.found[key]

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(kind)s named “%(name)s”.")
                % {"kind": self.model._meta.verbose_name, "name": value}
            ) from None


class ChoiceWidget(widgets.Widget):
    """A choice by the word the sheet shows: `words` maps each word to its value."""

    def __init__(self, words, message):
        super().__init__()
        self.words, self.message = words, message  # message: "…%(choices)s…"

    def clean(self, value, row=None, **kwargs):
        choice = self.words.get(str(value or "").strip())
        if choice is None:
            raise ValueError(self.message % {"choices": "/".join(self.words)})
        return choice

    def render(self, value, obj=None, **kwargs):
        return next((word for word, choice in self.words.items() if choice == value), "")


class BlankOrChoiceWidget(ChoiceWidget):
    """A choice, or none ("") when the cell is empty."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) if str(value or "").strip() else ""


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number from 1, or `message`."""

    def __init__(self, message):
        super().__init__()
        self.message = message

    def clean(self, value, row=None, **kwargs):
        try:
            number = super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):  # decimal's errors are ArithmeticErrors
            number = None
        if number is None or number < 1:
            raise ValueError(self.message)
        return number


class DateWidget(widgets.DateWidget):
    """A date as Excel keeps it, or written as 2022-08-01, 2022/8/1 or 2022年8月1日."""

    def __init__(self):
        super().__init__()
        self.formats = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日")

    def clean(self, value, row=None, **kwargs):
        try:
            day = super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(_("Give the date as 2022-08-01 or as a date cell.")) from None
        # A date cell is read as a datetime at midnight: compared with dates, it is its day.
        return day.date() if isinstance(day, datetime.datetime) else day


class SheetResource(resources.ModelResource):
    """A model's sheet. `headers` maps its fields to the sheet's column headers, the
    street's column among them; the importing user is written in each row's history.
    `column_notes` maps a column header to what the column takes, written in the blank
    template staff download (congress_portal.sheets.Import.template)."""

    headers = {}
    column_notes = {}

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field.widget, NameWidget):
                field.widget.user = user

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = cls.headers[field_name]
        return field

    def validate_instance(self, instance, *args, **kwargs):
        """Errors are listed under the sheet's column headers."""
        try:
            super().validate_instance(instance, *args, **kwargs)
        except ValidationError as error:
            raise ValidationError(
                {
                    self.headers.get(field, field): messages
                    for field, messages in error.message_dict.items()
                }
            ) from None

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user  # the importing user, in the row's history

    def template_columns(self):
        """(header, note) of the columns to fill in, the street's only for district users."""
        headers = [field.column_name for field in self.get_import_fields()]
        if self.user.street_id:
            headers = [header for header in headers if header != STREET]
        notes = {STREET: _("The street's name (district users only)."), **self.column_notes}
        return [(header, notes.get(header, "")) for header in headers]

    def row_street(self, row):
        """The row's street (its `street` field), or a ValidationError under 街道."""
        try:
            street = self.fields["street"].clean(row)
        except ValueError as error:
            raise ValidationError({STREET: [str(error)]}) from None
        if street is None:
            raise ValidationError({STREET: [_("Give the street's name.")]})
        return street

    def before_import(self, dataset, **kwargs):
        """Staff of a street import into their own street, whatever the sheet says."""
        if self.user.street_id:
            if STREET in dataset.headers:
                del dataset[STREET]
            dataset.append_col([self.user.street.name] * dataset.height, header=STREET)
