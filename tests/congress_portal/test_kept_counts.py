"""The dashboard and the early warning read the last count a worker made, say when
it was made, and ask for one recount when it is more than ten minutes old, however
many open them at once (congress_portal.kept)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress_portal import kept
from congress_portal.models import KeptCount, OutboxJob
from congress_portal.tasks import recount
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.suggestions.factories import SuggestionFactory

pytestmark = pytest.mark.usefixtures("point_rules")
NOON = datetime.datetime(2026, 11, 21, 4, tzinfo=datetime.UTC)  # 12:00 in Shanghai
DASHBOARD = reverse("reports:dashboard") + "?year=2026"
WARNING = reverse("deputies:at_risk")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def visits_tile(response):
    return response.context["f"]["visits"]["total"]


def recounts():
    return OutboxJob.objects.filter(task="congress_portal.tasks.recount")


def test_the_first_view_counts_and_later_views_read_the_count(
    leader, street, django_assert_max_num_queries
):
    VisitFactory(station__street=street, received_on=datetime.date(2026, 11, 2))
    client = client_as(leader)

    first = client.get(DASHBOARD)
    with django_assert_max_num_queries(10):
        again = client.get(DASHBOARD)

    assert visits_tile(first) == visits_tile(again) == 1
    assert "统计于2026-11-21 12:00" in again.content.decode()
    (count,) = KeptCount.objects.all()
    assert count.key == f"reports.dashboard.count:[2026, {street.pk}]"


def test_a_stale_count_is_served_and_recounted_once_by_the_worker(
    leader, street, clock, django_capture_on_commit_callbacks
):
    client = client_as(leader)
    client.get(DASHBOARD)
    VisitFactory(station__street=street, received_on=datetime.date(2026, 11, 20))
    clock.shift(kept.FRESH + datetime.timedelta(minutes=1))

    with django_capture_on_commit_callbacks(execute=False):
        views = [client.get(DASHBOARD) for _n in range(4)]  # four leaders at once

    assert [visits_tile(view) for view in views] == [0, 0, 0, 0]  # the last count, at once
    with CaptureQueriesContext(connection) as waiting:
        client.get(DASHBOARD)  # while the recount waits for the worker
    assert [q["sql"] for q in waiting.captured_queries if q["sql"].startswith("UPDATE")] == []
    (job,) = recounts()
    assert job.args == ["reports.dashboard.count", 2026, street.pk]
    recount(*job.args)  # as the worker does
    assert visits_tile(client.get(DASHBOARD)) == 1


def test_the_district_dashboard_is_counted_apart(district_staff, leader, street):
    get_as(leader, DASHBOARD)
    get_as(district_staff, DASHBOARD)

    assert KeptCount.objects.count() == 2


def test_the_early_warning_is_kept_per_street_and_recounted_when_stale(
    staff, district_staff, street, clock, django_capture_on_commit_callbacks
):
    MembershipFactory(deputy=DeputyFactory(street=street, name="周晓梅"))
    page = get_as(staff, WARNING).content.decode()
    assert "周晓梅" in page and "统计于2026-11-21 12:00" in page
    assert "周晓梅" in get_as(district_staff, WARNING).content.decode()

    MembershipFactory(deputy=DeputyFactory(street=street, name="吴海波"))
    assert "吴海波" not in get_as(staff, WARNING).content.decode()  # within ten minutes
    clock.shift(kept.FRESH + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        get_as(staff, WARNING)  # served the last count; the worker recounts
    assert "吴海波" in get_as(staff, WARNING).content.decode()


@pytest.mark.parametrize("url", [DASHBOARD, WARNING])
@pytest.mark.parametrize("persona, outcome", [("deputy", 403), ("anonymous", LOGIN)])
def test_who_may_not_read_them(personas, persona, outcome, url):
    assert_outcome(get_as(personas[persona], url), outcome)


def test_the_visit_ledgers_side_tables_are_kept_unfiltered_and_counted_when_filtered(
    staff, street, clock, django_capture_on_commit_callbacks
):
    ledger = reverse("liaison_stations:visit_ledger")
    station = StationFactory(street=street, name="青石一站")
    VisitFactory(station=station, received_on=datetime.date(2026, 11, 2))
    whole = get_as(staff, ledger)
    assert whole.context["by_station"] == [["青石一站", 1]]
    assert "统计于2026-11-21 12:00" in whole.content.decode()

    VisitFactory(station=station, received_on=datetime.date(2026, 11, 3))
    assert get_as(staff, ledger).context["by_station"] == [["青石一站", 1]]  # kept
    filtered = get_as(staff, ledger + "?received_after=2026-11-01")
    assert filtered.context["by_station"] == [("青石一站", 2)]
    assert filtered.context["counted_at"] is None


def test_the_visit_ledgers_total_is_kept_and_a_visit_added_since_is_listed(staff, street):
    ledger = reverse("liaison_stations:visit_ledger")
    station = StationFactory(street=street)
    VisitFactory(station=station, received_on=datetime.date(2026, 11, 2), matter="漏水")
    assert get_as(staff, ledger).context["visits"].paginator.count == 1

    VisitFactory(station=station, received_on=datetime.date(2026, 11, 3), matter="噪音")
    page = get_as(staff, ledger).context["visits"]
    assert page.paginator.count == 1  # as counted, until the worker counts again
    assert [visit.matter for visit in page] == ["噪音", "漏水"]
    assert get_as(staff, ledger + "?channel=").context["visits"].paginator.count == 2


def test_the_suggestion_ledger_pages_by_kept_sessions_and_counts_when_filtered(leader, street):
    ledger = reverse("suggestions:ledger")
    first = SuggestionFactory(street=street, state="submitted", title="修路")
    whole = get_as(leader, ledger)
    assert whole.context["suggestions"].paginator.count == 1
    assert "统计于2026-11-21 12:00" in whole.content.decode()

    SuggestionFactory(street=street, session=first.session, state="submitted", title="路灯")
    again = get_as(leader, ledger)
    assert again.context["suggestions"].paginator.count == 1  # kept
    assert {suggestion.title for suggestion in again.context["suggestions"]} == {"修路", "路灯"}
    filtered = get_as(leader, ledger + "?state=submitted")
    assert filtered.context["suggestions"].paginator.count == 2
    assert filtered.context["counted_at"] is None
    assert KeptCount.objects.get().key == f"suggestions.paging.ledger_sessions:[{street.pk}]"


def test_the_traffic_lights_are_kept_and_a_suggestion_running_since_is_listed(
    leader, street, clock, django_capture_on_commit_callbacks
):
    signals = reverse("suggestions:signals")
    due = datetime.date(2026, 12, 1)
    SuggestionFactory(street=street, state="assigned", deadline=due, title="修路")
    first = get_as(leader, signals)
    assert red(first) == 1  # due within 14 days
    assert "统计于2026-11-21 12:00" in first.content.decode()

    SuggestionFactory(street=street, state="assigned", deadline=due, title="路灯")
    again = get_as(leader, signals)
    assert red(again) == 1  # kept
    assert {suggestion.title for suggestion in again.context["suggestions"]} == {"修路", "路灯"}

    clock.shift(kept.FRESH + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=False):
        get_as(leader, signals)
    (job,) = recounts()
    recount(*job.args)  # as the worker does
    assert red(get_as(leader, signals)) == 2


def red(response):
    return {signal: count for signal, _label, count in response.context["lights"]}["red"]


def test_the_unit_statistics_are_kept_unfiltered_and_counted_when_filtered(leader, street):
    statistics = reverse("suggestions:statistics")
    whole = get_as(leader, statistics)
    filtered = get_as(leader, statistics + "?state=assigned")

    assert "统计于2026-11-21 12:00" in whole.content.decode()
    assert whole.context["total"]["assigned"] == filtered.context["total"]["assigned"] == 0
    assert filtered.context["counted_at"] is None
    assert KeptCount.objects.get().key == f"suggestions.statistics.street_statistics:[{street.pk}]"


def test_the_archives_rank_is_read_from_the_streets_kept_totals(
    staff, street, clock, django_capture_on_commit_callbacks
):
    from deputies import services
    from deputies.models import PointRule
    from tests.deputies.factories import PointEntryFactory

    deputy, rival = (DeputyFactory(street=street) for _ in range(2))
    for member in (deputy, rival):
        MembershipFactory(deputy=member)
    rule = PointRule.objects.get(code="inspection_research")
    services.approve(PointEntryFactory(deputy=deputy, occurred_on=NOON.date(), rule=rule), staff)
    url = reverse("deputies:archive", args=[deputy.pk]) + "?year=2026"
    first = get_as(staff, url).content.decode()
    assert "在本街道 2 名现任代表中排第 1 名" in first and "统计于2026-11-21 12:00" in first

    for day in (1, 2):
        entry = PointEntryFactory(deputy=rival, occurred_on=datetime.date(2026, 11, day), rule=rule)
        services.approve(entry, staff)
    assert "排第 1 名" in get_as(staff, url).content.decode()  # within ten minutes
    clock.shift(kept.FRESH + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        get_as(staff, url)  # served the last totals; the worker sums them again
    assert "排第 2 名" in get_as(staff, url).content.decode()


def test_the_ranking_is_kept_per_street_and_year_and_recounted_when_stale(
    staff, street, clock, django_capture_on_commit_callbacks
):
    from deputies import services
    from deputies.models import PointRule
    from tests.deputies.factories import PointEntryFactory

    MembershipFactory(deputy=DeputyFactory(street=street, name="周晓梅"))
    url = reverse("deputies:ranking") + "?year=2026"
    page = get_as(staff, url).content.decode()
    assert "周晓梅" in page and "统计于2026-11-21 12:00" in page

    newcomer = DeputyFactory(street=street, name="吴海波")
    MembershipFactory(deputy=newcomer)
    rule = PointRule.objects.get(code="inspection_research")
    services.approve(PointEntryFactory(deputy=newcomer, occurred_on=NOON.date(), rule=rule), staff)
    assert "吴海波" not in get_as(staff, url).content.decode()  # within ten minutes
    clock.shift(kept.FRESH + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        get_as(staff, url)
    ranked = get_as(staff, url).context["deputies"]
    assert [(row["name"], row["rank"]) for row in ranked] == [("吴海波", 1), ("周晓梅", 2)]


def test_the_visit_ledger_lists_the_twenty_stations_that_received_most(staff, street):
    from liaison_stations.models import SIDE_ROWS

    for n in range(SIDE_ROWS + 1):
        station = StationFactory(street=street, name=f"站{n:02d}")
        for _ in range(1 + (n == 0)):  # 站00 received two
            VisitFactory(station=station)

    listed = get_as(staff, reverse("liaison_stations:visit_ledger")).context["by_station"]

    assert len(listed) == SIDE_ROWS == 20 and listed[0] == ["站00", 2]


def test_counts_nobody_asked_for_in_a_month_are_forgotten_by_the_hourly_cleanup(staff, clock):
    from congress_portal.tasks import remove_expired

    get_as(staff, WARNING)
    clock.shift(kept.FORGET_AFTER - datetime.timedelta(minutes=1))
    get_as(staff, DASHBOARD)
    clock.shift(datetime.timedelta(minutes=2))

    remove_expired()

    assert [row.key.split(":")[0] for row in KeptCount.objects.all()] == ["reports.dashboard.count"]
