"""The admin's lists at city scale: one count of the rows shown (never a second of
the whole table), PostgreSQL's estimate for a whole table of millions, date
filters that read no rows to offer themselves, a district's hundreds of stations
offered street by street, each row's checkbox written out and its link given the list's
filters once for the page, its cells written as Django writes them."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from congress_portal import paging
from congress_portal.scoping import StreetScopedAdminMixin
from congress_portal.templatetags.admin_menu import row_cells
from deputies.models import PointEntry
from liaison_stations.models import Visit
from tests.access import client_as
from tests.deputies.factories import PointEntryFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.walk import district_rows, registered_admins, street_rows

BIG_LISTS = ["deputies_pointentry", "liaison_stations_visit", "suggestions_suggestion"]


def counts(queries):
    return [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_no_scoped_list_counts_the_whole_table_besides_its_rows():
    scoped = [a for a in admin.site._registry.values() if isinstance(a, StreetScopedAdminMixin)]

    assert len(scoped) > 20
    assert not [a for a in scoped if a.show_full_result_count]
    assert {a.paginator for a in scoped} == {paging.EstimatedCountPaginator}


@pytest.mark.parametrize("changelist", BIG_LISTS)
def test_big_lists_offer_date_filters_that_read_no_rows(changelist):
    model_admin = next(a for a in admin.site._registry.values()
                       if f"{a.opts.app_label}_{a.opts.model_name}" == changelist)  # fmt: skip

    assert model_admin.date_hierarchy is None
    assert any(isinstance(f, tuple) and f[1] is admin.DateFieldListFilter
               for f in model_admin.list_filter)  # fmt: skip


def test_street_staff_list_counts_once(staff, street):
    PointEntryFactory.create_batch(3, deputy__street=street)
    client = client_as(staff)
    url = reverse("admin:deputies_pointentry_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"occurred_on__gte": "2000-01-01"})

    assert page.status_code == 200
    assert len(counts(queries)) == 1
    assert page.context["cl"].result_count == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimate")
def test_a_whole_table_of_millions_is_counted_by_the_estimate(district_staff, street, monkeypatch):
    PointEntryFactory.create_batch(12, deputy__street=street)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {PointEntry._meta.db_table}")
    monkeypatch.setattr(paging, "ESTIMATE_ABOVE", 5)  # as if 12 were millions
    client = client_as(district_staff)
    url = reverse("admin:deputies_pointentry_changelist")

    with CaptureQueriesContext(connection) as whole:
        client.get(url)
    with CaptureQueriesContext(connection) as filtered:
        client.get(url, {"state": "pending"})

    assert counts(whole) == [] and any("reltuples" in q["sql"] for q in whole)
    assert len(counts(filtered)) == 1
    assert paging.whole_table_estimate(PointEntry.objects.all()) == 12
    assert paging.whole_table_estimate(PointEntry.objects.filter(points=1)) == 0


def station_filter(page):
    """The station filter's choices (station names) on a visits list page."""
    shown = filter_by(page, "station")
    return sorted(name for _pk, name in shown.lookup_choices) if shown else []


def filter_by(page, field_path):
    """The list's filter by `field_path`, if it is shown (it offers a choice)."""
    return next((f for f in page.context["cl"].filter_specs if f.field_path == field_path), None)


def test_district_staff_choose_the_street_before_its_stations(district_staff, street):
    StationFactory(street=street, name="青石站")
    StationFactory(street=street, name="青石二站")
    StationFactory(street=StreetFactory(name="白鹭街道"), name="白鹭站")
    client = client_as(district_staff)
    url = reverse("admin:liaison_stations_visit_changelist")

    first = client.get(url)
    chosen = client.get(url, {"station__street__id__exact": street.pk})

    assert station_filter(first) == []
    assert station_filter(chosen) == ["青石二站", "青石站"]
    assert len(filter_by(first, "station__street").lookup_choices) == 2


def test_street_staff_choose_among_their_own_stations_at_once(staff, street):
    StationFactory(street=street, name="青石站")
    StationFactory(street=street, name="青石二站")
    StationFactory(street=StreetFactory(name="白鹭街道"), name="白鹭站")

    page = client_as(staff).get(reverse("admin:liaison_stations_visit_changelist"))

    assert station_filter(page) == ["青石二站", "青石站"]
    assert filter_by(page, "station__street") is None  # their one street: nothing to choose


def test_a_rows_checkbox_is_djangos_own(staff, street):
    visit = VisitFactory(station__street=street, matter='楼道<b>"堆物" & 噪音')
    model_admin = admin.site._registry[Visit]

    ours = model_admin.action_checkbox(visit)

    assert ours == admin.ModelAdmin.action_checkbox(model_admin, visit)
    assert 'name="_selected_action"' in ours and f'value="{visit.pk}"' in ours


def test_rows_link_to_their_pages_keeping_the_lists_filters_and_search(staff, street):
    visits = VisitFactory.create_batch(2, station=StationFactory(street=street), matter="噪音扰民")
    url = reverse("admin:liaison_stations_visit_changelist")
    filters = {"state": "registered", "q": "噪音"}
    page = client_as(staff).get(url, filters).content.decode()

    kept = urlencode({"_changelist_filters": urlencode(filters)})  # as Django writes it
    for visit in visits:
        change = reverse("admin:liaison_stations_visit_change", args=[visit.pk])
        assert f'href="{change}?{kept}"' in page


@pytest.mark.parametrize("key", [7, "a/b_c?d", "a b站%{^"])
def test_a_rows_link_is_djangos_own_for_any_key(staff, street, key):
    """Its change page's URL is reversed once for the list and the row's key put in,
    quoted as the admin quotes keys."""
    url = reverse("admin:liaison_stations_visit_changelist")
    changelist = client_as(staff).get(url, {"state": "registered"}).context["cl"]
    row = SimpleNamespace(id=key)

    ours = changelist.url_for_result(row)

    djangos = ChangeList.url_for_result(changelist, row)
    assert ours == djangos + changelist.preserved_query
    assert ours.endswith("/change/?_changelist_filters=state%3Dregistered")


def test_a_lists_filters_are_djangos_own(district_staff, street):
    """admin/filter.html is drawn in Python (congress_portal.templatetags.admin_menu)."""
    VisitFactory(station__street=street)
    url = reverse("admin:liaison_stations_visit_changelist")
    changelist = client_as(district_staff).get(url, {"state": "registered"}).context["cl"]
    djangos = Template((Path(admin.__file__).parent / "templates/admin/filter.html").read_text())

    for spec in changelist.filter_specs:
        context = {"title": spec.title, "choices": list(spec.choices(changelist))}
        ours = render_to_string("admin/filter.html", context)

        assert "".join(ours.split()) == "".join(djangos.render(Context(context)).split())
        assert any(choice["selected"] for choice in context["choices"])


@pytest.mark.usefixtures("point_rules")
@pytest.mark.parametrize("query", [{}, {"_popup": "1", "_to_field": "id"}, {"o": "-1", "q": "x"}])
def test_every_lists_rows_are_djangos_own(district_staff, street, query):
    """A list's rows are written out in Python (row_cells), cell for cell as Django's
    items_for_result writes them: in every admin, in a popup, and sorted and searched."""
    street_rows(street, "青石")
    district_rows()
    client = client_as(district_staff)
    compared = 0
    for model, _admin in registered_admins():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        changelist = (client.get(url, query).context or {}).get("cl")
        if changelist is None or changelist.formset:
            continue
        for row in changelist.result_list:
            assert row_cells(changelist, row) == "".join(items_for_result(changelist, row, None))
            compared += 1
    assert compared > 40
