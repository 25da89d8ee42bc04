"""No page of the points and visits shows a role a link that the role is refused."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from deputies import services
from tests.access import client_as
from tests.deputies.factories import MembershipFactory, PointEntryFactory
from tests.liaison_stations.factories import ConstituentFactory, StationFactory, VisitFactory

pytestmark = pytest.mark.usefixtures("point_rules")
NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
PAGES = {
    "staff": ["deputies:ranking", "deputies:review_queue", "liaison_stations:visit_ledger"],
    "leadership": ["deputies:ranking", "liaison_stations:visit_ledger"],
    "deputy": [
        "deputies:my_duties",
        "deputies:log_duty",
        "liaison_stations:visit_ledger",
        "liaison_stations:register_visit",
    ],
}


@pytest.fixture(autouse=True)
def records(my_deputy, staff, street):
    MembershipFactory(deputy=my_deputy)
    services.approve(PointEntryFactory(deputy=my_deputy), staff)
    PointEntryFactory(deputy=my_deputy, occurred_on=datetime.date(2026, 11, 2))
    station = StationFactory(street=street)
    station.deputies.add(my_deputy)
    visit = VisitFactory(station=station)
    visit.deputies.add(my_deputy)
    ConstituentFactory(visit=visit)


def links(page):
    """The portal's own links on a page (not files, not logging out)."""
    hrefs = re.findall(r'href="(/[^"]*)"', page)
    return {
        href.replace("&amp;", "&") for href in hrefs if not href.startswith(("/static/", "/media/"))
    }


@pytest.mark.parametrize("persona", sorted(PAGES))
def test_every_link_on_the_roles_pages_opens_for_the_role(personas, persona):
    client = client_as(personas[persona])
    with time_machine.travel(NOW, tick=False):
        for name in PAGES[persona]:
            page = client.get(reverse(name))
            assert page.status_code == 200
            found = links(page.content.decode()) - {reverse("logout")}
            assert found
            for link in found:
                assert client.get(link).status_code != 403, f"{name} → {link}"
