"""Staff search the visits in the admin by words of the matter (any two characters and
up) or by a tracking number; on PostgreSQL the words go through the bigram index."""

import pytest
from django.db import connection
from django.urls import reverse

from liaison_stations.models import Visit
from liaison_stations.search import bigram_query
from tests.access import get_as
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
        plan = matters_holding(Visit.objects.all(), "噪音").explain()
        cursor.execute("SET enable_seqscan = on")

    assert "visit_matter_bigrams" in plan
