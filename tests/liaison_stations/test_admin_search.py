"""Staff search the visits in the admin by words of the matter (any two characters and
up) or by a tracking number; on PostgreSQL the words go through the bigram index,
unless they are common; a search counts its matches up to a cap."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from congress_portal.paging import PAST_CAP_REMEMBERED, CappedCountPaginator
from congress_portal.roles import Role
from liaison_stations.models import Visit
from liaison_stations.search import bigram_query
from tests.access import get_as
from tests.factories import UserFactory
from tests.liaison_stations.factories import VisitFactory

URL = reverse("admin:liaison_stations_visit_changelist")


@pytest.fixture
def matters(street):
    return {
        matter: VisitFactory(station__street=street, matter=matter)
        for matter in ("楼下餐馆噪音扰民", "小区路灯不亮", "噪声检测点设置")
    }


def found(staff, term):
    return {visit.matter for visit in get_as(staff, URL + f"?q={term}").context["cl"].result_list}


def test_words_of_the_matter_find_the_visits_holding_them(staff, matters):
    assert found(staff, "噪音") == {"楼下餐馆噪音扰民"}
    assert found(staff, "噪") == {"楼下餐馆噪音扰民", "噪声检测点设置"}  # one character: scanned
    assert found(staff, "餐馆 扰民") == {"楼下餐馆噪音扰民"}
    assert found(staff, "音餐") == set()  # the bigrams, in order


def test_a_tracking_number_finds_its_visit(staff, matters):
    visit = matters["小区路灯不亮"]
    Visit.objects.filter(pk=visit.pk).update(tracking_number="ABCD234567")

    assert found(staff, "abcd234567") == {"小区路灯不亮"}


def test_the_bigram_query_keeps_the_order_and_quotes_each_pair():
    assert bigram_query("噪音扰") == "'噪音' <-> '音扰'"
    assert bigram_query("O'噪") is None  # punctuation is no word: scanned instead
    assert bigram_query("噪") is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_the_search_reads_the_bigram_index(staff, matters):
    from liaison_stations.search import matters_holding

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a few rows: force the choice the size makes
        plan = matters_holding(Visit.objects.all(), "噪音")[0].explain()
        cursor.execute("SET enable_seqscan = on")

    assert "visit_matter_bigrams" in plan


def test_a_common_word_is_counted_up_to_the_cap_and_lists_the_newest(staff, street, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    monkeypatch.setattr(admin.site._registry[Visit], "list_per_page", 1)
    for day in (1, 2, 3):
        VisitFactory(station__street=street, matter=f"噪音{day}",
                     received_on=f"2026-11-0{day}")  # fmt: skip

    pages = [get_as(staff, URL + f"?q=噪音&p={number}") for number in (1, 2)]

    assert pages[0].context["cl"].result_count == 2
    assert [[v.matter for v in page.context["cl"].result_list] for page in pages] == [
        ["噪音3"],
        ["噪音2"],
    ]
    assert "含有这些词语的事项超过 2 件" in pages[0].content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_a_word_counted_past_the_cap_in_the_index_is_not_counted_again(staff, street, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    for day in (1, 2, 3):
        VisitFactory(station__street=street, matter=f"噪音{day}")

    with CaptureQueriesContext(connection) as queries:
        page = get_as(staff, URL + "?q=噪音")
    again = counts_of(staff, URL + "?q=噪音")  # remembered: not counted through the index

    assert len([query for query in queries if "COUNT(*) FROM (SELECT" in query["sql"]]) == 1
    assert page.context["cl"].paginator.capped and page.context["cl"].result_count == 2
    assert again[0] == 0 and again[1].paginator.capped


def counts_of(staff, path):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = get_as(staff, path)
    counts = [query for query in queries if "COUNT(*) FROM (SELECT" in query["sql"]]
    return len(counts), page.context["cl"]


def test_a_search_counted_past_the_cap_is_not_counted_again_for_a_while(staff, street, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    monkeypatch.setattr(admin.site._registry[Visit], "list_per_page", 1)
    for day in (1, 2, 3):
        VisitFactory(station__street=street, matter=f"噪{day}", received_on=f"2026-11-0{day}")

    with time_machine.travel(datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC)) as clock:
        first = counts_of(staff, URL + "?q=噪")
        second_page = counts_of(staff, URL + "?q=噪&p=2")
        sorted_otherwise = counts_of(staff, URL + "?q=噪&o=1")
        clock.shift(PAST_CAP_REMEMBERED + 1)
        later = counts_of(staff, URL + "?q=噪")

    assert [counted for counted, _list in (first, second_page, sorted_otherwise, later)] == [
        1, 0, 0, 1
    ]  # fmt: skip
    assert all(changelist.paginator.capped for _counted, changelist in (first, second_page))
    assert [visit.matter for visit in second_page[1].result_list] == ["噪2"]


def test_what_is_remembered_is_one_search_in_one_scope(staff, street, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 1)
    for _ in range(2):
        VisitFactory(station__street=street, matter="噪音")
    elsewhere = VisitFactory(matter="噪声")
    other_staff = UserFactory(role=Role.STAFF, street=elsewhere.station.street)

    assert counts_of(staff, URL + "?q=噪")[0] == 1
    assert counts_of(staff, URL + "?q=噪&state__exact=registered")[0] == 1  # narrowed: not the same
    counted, changelist = counts_of(other_staff, URL + "?q=噪")
    assert counted == 1 and not changelist.paginator.capped  # the other street's one match


def test_a_count_within_the_cap_is_counted_on_every_page(staff, matters, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)

    counts = [counts_of(staff, URL + "?q=噪")[0] for _ in range(2)]
    VisitFactory(station__street=matters["噪声检测点设置"].station.street, matter="噪")

    assert counts == [1, 1]
    assert counts_of(staff, URL + "?q=噪")[1].paginator.capped  # the third match counted


def test_a_narrower_search_is_counted_exactly_with_no_notice(staff, matters, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)

    page = get_as(staff, URL + "?q=噪")

    assert page.context["cl"].result_count == 2 and not page.context["cl"].paginator.capped
    assert "超过" not in page.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_a_common_word_reads_the_newest_visits_not_the_index(matters, monkeypatch):
    from liaison_stations.search import matters_holding

    monkeypatch.setattr(CappedCountPaginator, "CAP", 0)  # one match is more than the cap

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = matters_holding(Visit.objects.all(), "噪音")[0].explain()
        cursor.execute("SET enable_seqscan = on")

    assert "visit_matter_bigrams" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_a_word_the_statistics_know_as_common_is_not_counted_to_choose(matters, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    from liaison_stations import search

    surely_common = search.SURELY_COMMON * CappedCountPaginator.CAP + 1
    monkeypatch.setattr(search, "estimated_rows", lambda queryset: surely_common)

    with CaptureQueriesContext(connection) as queries:
        plan = search.matters_holding(Visit.objects.all(), "噪音")[0].explain()

    assert "visit_matter_bigrams" not in plan
    assert not [query for query in queries if "COUNT" in query["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_a_common_word_counted_past_the_cap_is_neither_estimated_nor_counted_again(
    staff, street, monkeypatch
):
    from liaison_stations import search

    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    estimates = []
    surely_common = search.SURELY_COMMON * CappedCountPaginator.CAP + 1
    monkeypatch.setattr(search, "estimated_rows", lambda rows: estimates.append(1) or surely_common)
    for day in (1, 2, 3):
        VisitFactory(station__street=street, matter=f"噪音{day}")

    first = counts_of(staff, URL + "?q=噪音")
    estimated_first = len(estimates)
    again = counts_of(staff, URL + "?q=噪音&p=2")

    assert (first[0], estimated_first) == (1, 1)  # the paginator counted past the cap
    assert (again[0], len(estimates)) == (0, 1) and again[1].paginator.capped


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_a_word_estimated_common_is_still_counted_for_the_list(staff, matters, monkeypatch):
    """The estimate chooses how to search; what the list says is counted."""
    from liaison_stations import search

    surely_common = search.SURELY_COMMON * CappedCountPaginator.CAP + 1
    monkeypatch.setattr(search, "estimated_rows", lambda queryset: surely_common)

    page = get_as(staff, URL + "?q=噪音")

    assert page.context["cl"].result_count == 1
    assert [visit.matter for visit in page.context["cl"].result_list] == ["楼下餐馆噪音扰民"]
    assert "超过" not in page.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_the_estimate_is_the_planners_not_a_count(matters):
    from liaison_stations.search import estimated_rows

    rows = estimated_rows(Visit.objects.filter(matter__contains="噪音"))

    assert isinstance(rows, int) and rows >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the setting is PostgreSQL's")
def test_a_capped_count_scans_from_the_start_of_the_table(matters):
    from django.test.utils import CaptureQueriesContext

    pages = CappedCountPaginator(Visit.objects.filter(matter__contains="噪"), 30)
    with CaptureQueriesContext(connection) as queries:
        assert pages.count == 2

    statements = [query["sql"] for query in queries]
    setting = statements.index("SET LOCAL synchronize_seqscans = off")
    assert "COUNT(*)" in statements[setting + 1]


def test_a_search_no_row_can_meet_counts_none_without_asking(db, django_assert_num_queries):
    pages = CappedCountPaginator(Visit.objects.none(), 30)

    with django_assert_num_queries(0):
        assert pages.count == 0
