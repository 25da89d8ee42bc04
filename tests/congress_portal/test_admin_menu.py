"""The admin's sidebar menu is kept for a minute per kind of account
(congress_portal.admin_site): it must stay each account's own and follow the page."""

import re

from django.contrib import admin
from django.urls import reverse

from congress_portal import admin_site
from congress_portal.roles import Role
from deputies.models import WarningRules
from tests.access import client_as
from tests.factories import StreetFactory, UserFactory

VISITS = reverse("admin:liaison_stations_visit_changelist")
ENTRIES = reverse("admin:deputies_pointentry_changelist")
WARNING_RULES = reverse("admin:deputies_warningrules_changelist")


def sidebar(client, url):
    page = client.get(url).content.decode()
    return page[page.index('id="nav-sidebar"') : page.index("</nav>", page.index("nav-sidebar"))]


def marked(menu):
    return re.findall(r'class="model-(\w+) current-model"', menu)


def test_the_menu_marks_the_model_of_each_page(staff):
    client = client_as(staff)

    assert marked(sidebar(client, VISITS)) == ["visit"]
    assert marked(sidebar(client, ENTRIES)) == ["pointentry"]
    assert marked(sidebar(client, reverse("admin:suggestions_suggestion_changelist"))) == [
        "suggestion"
    ]


def test_each_kind_of_account_keeps_its_own_menu(staff, district_staff):
    outbox = reverse("admin:congress_portal_outboxjob_changelist")

    district_menu = sidebar(client_as(district_staff), VISITS)
    street_menu = sidebar(client_as(staff), VISITS)

    assert outbox in district_menu  # the outbox is for district-level staff only
    assert outbox not in street_menu
    assert sidebar(client_as(district_staff), VISITS) == district_menu


def test_the_login_page_has_no_menu_to_keep(client):
    page = client.get(reverse("admin:login"))

    assert page.status_code == 200 and admin.site.menus == {}


def test_a_streets_menu_is_its_own(staff, street):
    """Street staff of the same rights: the one whose street has its warning rules is
    offered none to add, the other is."""
    other = UserFactory(username="other", role=Role.STAFF, street=StreetFactory(name="白鹭街道"))
    WarningRules.objects.create(street=street, min_points=3)
    add_rules = reverse("admin:deputies_warningrules_add")

    assert add_rules not in sidebar(client_as(staff), WARNING_RULES)
    assert add_rules in sidebar(client_as(other), WARNING_RULES)


def test_the_menu_follows_a_change_within_a_minute(staff, street, monkeypatch):
    client = client_as(staff)
    add_rules = reverse("admin:deputies_warningrules_add")
    assert add_rules in sidebar(client, WARNING_RULES)

    WarningRules.objects.create(street=street, min_points=3)  # a street has one set
    assert add_rules in sidebar(client, WARNING_RULES)  # the menu of this minute
    now = admin_site.time.monotonic()
    monkeypatch.setattr(admin_site.time, "monotonic", lambda: now + admin_site.MENU_SECONDS + 1)

    assert add_rules not in sidebar(client, WARNING_RULES)
    assert client.get(add_rules).status_code == 403  # the page itself never waited


def test_the_menu_is_djangos_own(staff, rf):
    """Drawn from the kept list, the menu is what Django's sidebar draws."""
    request = rf.get(VISITS)
    request.user = staff
    apps = admin.site.get_app_list(request)
    djangos = admin.AdminSite.get_app_list(admin.site, request)

    assert apps == djangos
