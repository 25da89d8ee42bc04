"""The dashboard reads the last count a worker made, says when it was made, and asks
for one recount when it is more than ten minutes old, however many open it at once."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.models import OutboxJob
from reports import dashboard
from reports.models import DashboardSnapshot
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.liaison_stations.factories import VisitFactory

pytestmark = pytest.mark.usefixtures("point_rules")
NOON = datetime.datetime(2026, 11, 21, 4, tzinfo=datetime.UTC)  # 12:00 in Shanghai
URL = reverse("reports:dashboard") + "?year=2026"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def visits_tile(response):
    return response.context["f"]["visits"]["total"]


def test_the_first_view_counts_and_later_views_read_the_count(
    leader, street, django_assert_max_num_queries
):
    VisitFactory(station__street=street, received_on=datetime.date(2026, 11, 2))
    client = client_as(leader)

    first = client.get(URL)
    with django_assert_max_num_queries(10):
        again = client.get(URL)

    assert visits_tile(first) == visits_tile(again) == 1
    assert "统计于2026-11-21 12:00" in again.content.decode()
    assert DashboardSnapshot.objects.get().street == street


def test_a_stale_count_is_served_and_recounted_once_by_the_worker(
    leader, street, clock, django_capture_on_commit_callbacks
):
    client = client_as(leader)
    client.get(URL)
    VisitFactory(station__street=street, received_on=datetime.date(2026, 11, 20))
    clock.shift(dashboard.FRESH + datetime.timedelta(minutes=1))

    with django_capture_on_commit_callbacks(execute=False):
        views = [client.get(URL) for _n in range(4)]  # four leaders at once

    assert [visits_tile(view) for view in views] == [0, 0, 0, 0]  # the last count, at once
    (job,) = OutboxJob.objects.filter(task="reports.tasks.count_dashboard")
    assert job.args == [2026, street.pk]

    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL)  # nothing new is queued while the recount is on its way
    assert OutboxJob.objects.filter(task="reports.tasks.count_dashboard").count() == 1
    dashboard.count(*job.args)  # as the worker does
    assert visits_tile(client.get(URL)) == 1


def test_the_district_dashboard_is_counted_apart(district_staff, leader, street):
    get_as(leader, URL)
    get_as(district_staff, URL)

    assert sorted(DashboardSnapshot.objects.values_list("key", flat=True)) == [
        f"2026:{street.pk}",
        "2026:all",
    ]


@pytest.mark.parametrize("persona, outcome", [("deputy", 403), ("anonymous", LOGIN)])
def test_who_may_not_read_it(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], URL), outcome)
