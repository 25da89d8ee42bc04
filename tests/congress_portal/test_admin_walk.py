"""The admin walked as another street's staff: every registered ModelAdmin, every
URL it has, GET and POST. Street staff never see, choose or change a row of
another street, and change district-wide settings nowhere; nothing is saved.

Admins are found in admin.site._registry, so a new admin is walked as soon as it
is registered: give its model a row in `street_rows` (or declare it district-wide).
"""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse

from congress_portal.roles import PORTAL_APPS
from congress_portal.scoping import street_path
from deputies.models import ReminderLetter, ThankYouBatch
from liaison_stations.models import PhoneReveal
from reports.models import ArchivePDF, DigestDelivery
from tests.access import client_as
from tests.factories import StreetFactory
from tests.walk import (
    admin_urls,
    district_rows,
    registered_admins,
    row_for,
    street_rows,
    text_of,
)

pytestmark = pytest.mark.usefixtures("point_rules")

OTHER = "白鹭"  # in every text of the other street's rows
# The admin's "does not exist" answer for a change or delete page: back to the index.
NOT_THERE = {302, 403, 404}


@pytest.fixture
def other_street(db):
    return street_rows(StreetFactory(name=f"{OTHER}街道"), OTHER)


@pytest.fixture
def own_street(street):
    return street_rows(street, "青石")


def values_of(row):
    """`row`'s values as an admin form POSTs them, foreign ids included."""
    data = {}
    for name, value in model_to_dict(row).items():
        if value is None or isinstance(value, models.fields.files.FieldFile):
            continue
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = value.date(), value.time()
        elif isinstance(value, dict):
            data[name] = json.dumps(value)
        else:
            data[name] = value
    return data


def post_values(client, url, row):
    """POST `row`'s values to the form at `url`, with its inlines left as they are."""
    page = client.get(url)
    data = values_of(row)
    for inline in (page.context or {}).get("inline_admin_formsets", []):
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return client.post(url, data)


def foreign_fields(row):
    """The fields of `row` that choose street-owned rows."""
    return {
        field.name
        for field in row._meta.get_fields()
        if field.concrete and field.is_relation and street_path(field.related_model)
    }


def offered_choices(page, row):
    """The fields of `row` choosing street-owned rows that the page's form offers."""
    adminform = (page.context or {}).get("adminform")
    return set(adminform.form.fields) & foreign_fields(row) if adminform else set()


def database():
    """Every row of every table (sessions aside), to compare before and after."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label != "sessions"
    }


def autocomplete_urls(model_admin):
    """The autocomplete lookups of the admin's and its inlines' autocomplete fields."""
    for owner in [model_admin, *model_admin.inlines]:
        for field in getattr(owner, "autocomplete_fields", []):
            opts = owner.model._meta
            query = f"app_label={opts.app_label}&model_name={opts.model_name}&field_name={field}"
            yield f"{reverse('admin:autocomplete')}?{query}"


def test_every_portal_model_declares_its_street_path(db):
    undeclared = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
        and not model._meta.label.split(".")[1].startswith("Historical")
        and "street_path" not in vars(model)
    ]

    assert undeclared == []


def test_another_streets_staff_walk_every_admin_page_and_change_nothing(
    staff, own_street, other_street
):
    district_rows()
    client = client_as(staff)
    for model, model_admin in registered_admins():
        foreign = row_for(model, other_street)
        street_owned = model in other_street
        urls = admin_urls(model_admin, foreign)
        before = database()
        for kind, (url, of_row) in urls.items():
            where = (model._meta.label, kind)
            response = client.get(url)
            if street_owned and of_row:
                assert response.status_code in NOT_THERE, where
            else:
                assert response.status_code < 500 and OTHER not in text_of(response), where
            if street_owned and kind == "changelist" and response.status_code == 200:
                assert foreign not in response.context["cl"].result_list, where
            if kind in {"add", "change", "simple_history"}:
                response = post_values(client, url, foreign)
            else:
                response = client.post(url, {"post": "yes"})
            allowed = {200, 403} if kind == "add" else NOT_THERE | {200}
            assert response.status_code in allowed, (where, "POST", response.status_code)
            if kind == "add" and response.status_code == 200:
                form = response.context["adminform"].form
                assert set(form.errors) & foreign_fields(foreign), (where, form.errors)
        own = own_street.get(model)
        if own is not None and "change" in urls:
            url = admin_urls(model_admin, own)["change"][0]
            assert OTHER not in text_of(client.get(url)), (model._meta.label, "own change page")
            if offered_choices(client.get(url), foreign):
                response = post_values(client, url, foreign)
                assert response.status_code in {200, 403}, (model._meta.label, "own change POST")
        for url in autocomplete_urls(model_admin):
            response = client.get(url)
            assert response.status_code in {200, 403} and OTHER not in text_of(response), url
        assert database() == before, model._meta.label


def test_district_staff_open_every_admin_page(district_staff, other_street):
    district_rows()
    client = client_as(district_staff)
    for model, model_admin in registered_admins():
        for kind, (url, _of_row) in admin_urls(model_admin, row_for(model, other_street)).items():
            response = client.get(url)
            assert response.status_code < 500, (model._meta.label, kind)


# Records the portal writes itself: shown in the admin, never edited there.
READ_ONLY = [ReminderLetter, ThankYouBatch, ArchivePDF, DigestDelivery, PhoneReveal]


def test_read_only_records_are_never_added_changed_or_deleted(staff, own_street):
    client = client_as(staff)
    before = database()
    for model in READ_ONLY:
        row = own_street[model]
        urls = {
            kind: url
            for kind, (url, _of_row) in admin_urls(admin.site._registry[model], row).items()
        }
        assert client.get(urls["change"]).status_code == 200, model
        assert client.get(urls["add"]).status_code == 403, model
        assert client.post(urls["add"], values_of(row)).status_code == 403, model
        assert client.post(urls["change"], values_of(row)).status_code == 403, model
        assert client.post(urls["delete"], {"post": "yes"}).status_code == 403, model
    assert database() == before
