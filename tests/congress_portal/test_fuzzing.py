"""Fuzzing the portal's own pages: hypothesis opens every URL pattern (the
admin aside) as every role, with query parameters and form fields of any shape
(long texts, unicode, NUL bytes, wrong types, dates out of range, unknown
names), and asserts that no request ends in a server error and that a form
refused for its errors saved nothing.

The world is built once for the module; every example runs in a transaction
that is rolled back, so one example's valid post does not change the next."""

import datetime
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.messages import constants, get_messages
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congress_portal import sheet_kinds
from congress_portal.roles import Role
from liaison_stations.models import Visit
from suggestions.models import Suggestion
from tests.deputies.factories import DeputyFactory, MembershipFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import (
    ConstituentFactory,
    DutyAssignmentFactory,
    StationFactory,
    VisitFactory,
)
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory
from tests.walk import portal_urls

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
ROLES = ["staff", "district_staff", "deputy", "leader", None]
# Values that have broken web forms before, beside hypothesis's own text and numbers.
NASTY = [
    "", " ", "\x00", "\x00abc", "0", "-1", "1e309", "NaN", "9" * 40, "abc", "字" * 100_000,
    "0001-01-01", "1900-02-29", "1948-12-31", "9999-12-31", "2026-13-45", "2026-02-30",
    "12:99", "25:00", "2026-Q9", "<script>alert(1)</script>", "' OR 1=1 --", "=1+1",
    "../../etc/passwd", "%00", "\ud7ff", "🙂", "true", "[]", "{}",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**63), max_value=2**64).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
)


URLS = dict(portal_urls())


@dataclass
class World:
    users: dict
    ids: list
    slugs: list
    # URL name → the field names its page shows; "" → those of every page.
    names: dict = field(default_factory=lambda: defaultdict(set))

    def learn(self, name, response):
        if response.status_code == 200 and "html" in response["Content-Type"]:
            found = set(re.findall(r'name="([^"]+)"', response.content.decode()))
            found.discard("csrfmiddlewaretoken")
            self.names[name] |= found
            self.names[""] |= found


def build_world():
    """Two streets with a little of everything the portal's pages show."""
    street, other = StreetFactory(name="青石街道"), StreetFactory(name="白鹭街道")
    users = {
        "staff": UserFactory(role=Role.STAFF, street=street),
        "other_staff": UserFactory(role=Role.STAFF, street=other),
        "district_staff": UserFactory(role=Role.STAFF, street=None),
        "deputy": UserFactory(role=Role.DEPUTY, street=street),
        "other_deputy": UserFactory(role=Role.DEPUTY, street=other),
        "leader": UserFactory(role=Role.LEADERSHIP, street=street),
    }
    deputy = DeputyFactory(street=street, user=users["deputy"])
    elsewhere = DeputyFactory(street=other, user=users["other_deputy"])
    session = CongressSessionFactory()
    for person in (deputy, elsewhere):
        MembershipFactory(deputy=person, term=session.term)
    station = StationFactory(street=street)
    station.deputies.add(deputy)
    duty = DutyAssignmentFactory(session__station=station, deputy=deputy)
    visit = VisitFactory(station=station)
    visit.deputies.add(deputy)
    constituent = ConstituentFactory(visit=visit)
    entry = PointEntryFactory(deputy=deputy)
    suggestion = SuggestionFactory(lead=deputy, session=session)
    records = [street, other, deputy, elsewhere, session, station, duty, visit, constituent,
               entry, suggestion, duty.session]  # fmt: skip
    slugs = [
        *(step.name for model in (Visit, Suggestion) for step in model.STEPS),
        *sheet_kinds.kind_names(),
        "attachment",
        "answer",
        "x",
    ]
    return World(users=users, ids=sorted({record.pk for record in records}), slugs=slugs)


@pytest.fixture(scope="module")
def world(django_db_blocker):
    """Built once, rolled back after the module; knows every field name its pages show."""
    default_rules = import_module("deputies.migrations.0002_default_point_rules")
    with django_db_blocker.unblock(), transaction.atomic():
        default_rules.add_default_rules(apps, None)
        world = build_world()
        for role in ROLES:
            client = client_for(world, role)
            for name, converters in URLS.items():
                for kwargs in every_argument(converters, world):
                    world.learn(name, client.get(reverse(name, kwargs=kwargs)))
        yield world
        transaction.set_rollback(True)


def client_for(world, role):
    client = Client()
    if role is not None:
        client.force_login(world.users[role])
    return client


def every_argument(converters, world):
    """The URL arguments to crawl a pattern with: every id of the world (one slug)."""
    if not converters:
        return [{}]
    if any(type(converter).__name__ != "IntConverter" for converter in converters.values()):
        return []
    return [dict.fromkeys(converters, pk) for pk in world.ids]


def url_for(name, converters, data, world):
    kwargs = {}
    for argument, converter in converters.items():
        if type(converter).__name__ == "IntConverter":
            kwargs[argument] = data.draw(st.sampled_from([*world.ids, 0, 2**31 - 1]))
        else:
            kwargs[argument] = data.draw(st.sampled_from(world.slugs))
    return reverse(name, kwargs=kwargs)


def form_data(data, world, name):
    """Every field the page shows, each with a drawn value, and some unknown fields;
    for a page that shows none (an action posted from another page), fields of any page."""
    values = st.one_of(VALUES, st.lists(VALUES, max_size=3))
    own = sorted(world.names.get(name, ()))
    fields = {field: data.draw(values) for field in own}
    others = st.one_of(st.sampled_from(sorted(world.names[""])), st.text(min_size=1, max_size=12))
    fields.update(data.draw(st.dictionaries(others, values, max_size=3 if own else 12)))
    return fields


# Tables a refused post may still write: the session, the login lockout's records,
# and the form's token (taken, then freed when the form is shown again with its errors).
NOT_DATA = ("django_session", "axes_", "congress_portal_submission")


def data_writes(queries):
    """The INSERT, UPDATE and DELETE statements on the portal's data among `queries`."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and not any(table in query["sql"] for table in NOT_DATA)
    ]


def refused(response):
    """The post was refused: the form shown again with errors, or an error message."""
    if response.status_code == 200:
        return b"is-invalid" in response.content or b"errorlist" in response.content
    errors = [m for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]
    return bool(errors)


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
@pytest.mark.parametrize("name", sorted(URLS))
@settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run: CI is never flaky
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_page_fails_and_a_refused_form_saves_nothing(world, db, name, role, data):
    client = client_for(world, role)
    url = url_for(name, URLS[name], data, world)
    with transaction.atomic():
        if data.draw(st.booleans(), label="post"):
            with CaptureQueriesContext(connection) as queries:
                response = client.post(url, form_data(data, world, name))
            if refused(response):
                assert data_writes(queries) == [], f"a refused post to {url} saved something"
        else:
            response = client.get(url, form_data(data, world, name))
        transaction.set_rollback(True)

    assert response.status_code < 500
