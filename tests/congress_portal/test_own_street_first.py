"""Dropdowns list the rows of the user's own street first, then the district's."""

from django.contrib import admin

from congress_portal.models import HandlingUnit, User
from congress_portal.scoping import own_street_first
from liaison_stations.forms import RouteForm
from tests.factories import StreetFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory


def units(street):
    HandlingUnit.objects.create(name="区住建局", kind="department")
    HandlingUnit.objects.create(name="区城管局", kind="department")
    HandlingUnit.objects.create(name="青石社区居委会", kind="residents_committee", street=street)


def test_a_street_staff_members_routing_lists_their_streets_units_first(staff, street):
    units(street)
    visit = VisitFactory(station=StationFactory(street=street))

    form = RouteForm(record=visit, user=staff)

    names = [unit.name for unit in form.fields["unit"].queryset]
    assert names[0] == "青石社区居委会"
    assert sorted(names[1:]) == ["区住建局", "区城管局"] and len(names) == 3


def test_district_staff_see_the_usual_order(district_staff, street):
    units(street)
    every = list(HandlingUnit.objects.all())

    assert list(own_street_first(HandlingUnit.objects.all(), district_staff)) == every


def test_the_admins_choices_put_the_own_street_first(staff, street):
    units(street)
    other = StreetFactory(name="白鹭街道")
    HandlingUnit.objects.create(name="白鹭社区居委会", kind="residents_committee", street=other)
    field = User._meta.get_field("handling_unit")
    model_admin = admin.site._registry[User]
    request = type("Request", (), {"user": staff})()

    choices = model_admin.scoped_choices(field, request, {})["queryset"]

    assert [unit.name for unit in choices][0] == "青石社区居委会"
    assert "白鹭社区居委会" not in [unit.name for unit in choices]
