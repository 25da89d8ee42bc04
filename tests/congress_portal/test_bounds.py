"""Dates, years and texts have bounds, declared once (congress_portal.bounds) and
held by every model field and every form field where users type them."""

import datetime
import importlib
import inspect

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from congress_portal.bounds import DateBounds, birth_year, event_date, planned_date

PORTAL_APPS = ["congress_portal", "deputies", "liaison_stations", "suggestions", "reports"]
EXCEL_CELL = 32_767


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


def model_fields(kind):
    """The portal's model fields of `kind` (their history copies and the proxies of
    other packages' models aside)."""
    for label in PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.model_name.startswith("historical") or model._meta.proxy:
                continue
            yield from (f for f in model._meta.concrete_fields if type(f) is kind)


def declared_form_fields():
    """(name, field) of the fields the portal's forms declare themselves."""
    for label in PORTAL_APPS:
        module = importlib.import_module(f"{label}.forms")
        for form_name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                for name, field in form.declared_fields.items():
                    yield f"{form.__module__}.{form_name}.{name}", field


def is_bounded(field):
    return any(isinstance(validator, DateBounds) for validator in field.validators)


def test_every_date_field_of_the_portals_models_is_bounded():
    assert [str(field) for field in model_fields(models.DateField) if not is_bounded(field)] == []


def test_every_text_field_of_the_portals_models_fits_an_excel_cell():
    too_long = [
        str(field)
        for field in model_fields(models.TextField)
        if not field.max_length or field.max_length > EXCEL_CELL
    ]
    assert too_long == []


def test_every_date_and_long_text_the_portals_forms_declare_is_bounded():
    unbounded = [
        name
        for name, field in declared_form_fields()
        if (isinstance(field, forms.DateField) and not is_bounded(field))
        or (isinstance(field.widget, forms.Textarea) and not field.max_length)
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    "day, message",
    [
        (datetime.date(1, 1, 1), "日期不能早于1949年1月1日。"),
        (datetime.date(1948, 12, 31), "日期不能早于1949年1月1日。"),
        (datetime.date(2028, 1, 1), "日期不能晚于2027年12月31日。"),
        (datetime.date(9999, 12, 31), "日期不能晚于2027年12月31日。"),
    ],
)
def test_dates_of_events_run_from_1949_to_the_end_of_next_year(day, message):
    event_date(datetime.date(1949, 1, 1))
    event_date(datetime.date(2027, 12, 31))

    with pytest.raises(ValidationError) as refused:
        event_date(day)

    assert refused.value.messages == [message]


def test_planned_dates_reach_further_but_not_forever():
    planned_date(datetime.date(2036, 12, 31))

    with pytest.raises(ValidationError, match="2036年12月31日"):
        planned_date(datetime.date(2037, 1, 1))


@pytest.mark.parametrize("year", [0, 1899, 2027])
def test_birth_years_run_from_1900_to_this_year(year):
    birth_year(1900)
    birth_year(2026)

    with pytest.raises(ValidationError) as refused:
        birth_year(year)

    assert refused.value.messages == ["请填写1900年至2026年之间的年份。"]
