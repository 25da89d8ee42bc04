import datetime

import pytest
from django.urls import reverse

from deputies import services
from deputies.models import PointEntry, PointRule
from liaison_stations.models import Visit
from suggestions.models import CoSignature, Suggestion
from tests.access import LOGIN, assert_outcome, get_as
from tests.deputies.factories import PointEntryFactory
from tests.liaison_stations.factories import VisitFactory
from tests.queries import list_queries
from tests.suggestions.factories import SuggestionFactory


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 403), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_my_duties_is_the_deputys_page(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:my_duties")), outcome)


def test_deputy_without_a_record_is_told_to_ask_staff(deputy):
    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "尚未关联代表信息" in page


def test_my_duties_lists_my_entries_with_their_state_and_my_points(my_deputy, deputy, staff):
    today = datetime.date.today()
    approved = PointEntryFactory(deputy=my_deputy, occurred_on=today, description="走访企业")
    services.approve(approved, staff)
    PointEntryFactory(deputy=my_deputy, description="座谈会发言")
    PointEntryFactory(description="别人的记录")

    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "走访企业" in page and "座谈会发言" in page and "别人的记录" not in page
    assert "本年度积分：3" in page
    assert "待审核" in page and "已批准" in page


def test_my_duties_filters_by_state(my_deputy, deputy):
    PointEntryFactory(deputy=my_deputy, description="待审核的记录")
    PointEntryFactory(
        deputy=my_deputy, description="已撤回的记录", state=PointEntry.State.WITHDRAWN
    )

    url = reverse("deputies:my_duties") + "?state=withdrawn"
    page = get_as(deputy, url).content.decode()

    assert "已撤回的记录" in page and "待审核的记录" not in page


def test_my_duties_runs_a_fixed_number_of_queries(my_deputy, deputy):
    """The panels' lists too: their rows read only the columns they show, and a
    column left out would cost a query a row."""

    def add(count):
        PointEntryFactory.create_batch(count, deputy=my_deputy)
        for _ in range(count):
            VisitFactory(addressed_to=my_deputy, station__street=my_deputy.street)
            replied = VisitFactory(station__street=my_deputy.street, state=Visit.State.REPLIED)
            replied.deputies.add(my_deputy)
            SuggestionFactory(lead=my_deputy, state=Suggestion.State.ANSWERED)
            CoSignature.objects.create(suggestion=SuggestionFactory(), deputy=my_deputy)

    add(2)
    few = list_queries(deputy, reverse("deputies:my_duties"))
    add(25)
    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert list_queries(deputy, reverse("deputies:my_duties")) == few
    assert page.count("小区噪音扰民问题") == 54 and page.count("加装电梯的建议") == 54


def test_my_duties_pages_keep_the_state_filter(my_deputy, deputy):
    PointEntryFactory.create_batch(31, deputy=my_deputy)

    page = get_as(deputy, reverse("deputies:my_duties") + "?state=pending").content.decode()

    assert "?state=pending&amp;page=2" in page


def test_an_entry_cut_by_the_yearly_cap_says_so_in_words(my_deputy, deputy, staff):
    PointRule.objects.filter(code="inspection_research_claim").update(yearly_cap=4)
    services.approve(PointEntryFactory(deputy=my_deputy), staff)
    services.approve(PointEntryFactory(deputy=my_deputy), staff)
    services.approve(PointEntryFactory(deputy=my_deputy), staff)

    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert page.count("+3 分") == 1
    assert "+1 分（已达本项年度上限 4 分）" in page and "+0 分（已达本项年度上限 4 分）" in page
