"""The annual report's sentences of figures: a figure that is zero or missing is
left out or said in words, never printed as "0场" or "人均履职积分分"; levels and
percentages are written as the committees' documents write them."""

import datetime
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation

from congress_portal.templatetags.formatting import percent
from reports import services
from reports.rendering import report_context
from reports.structure import SECTIONS
from tests.deputies.factories import DeputyFactory, MembershipFactory, TermFactory
from tests.factories import CommunityFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory

pytestmark = pytest.mark.usefixtures("point_rules")

# A zero followed by a measure word, as in "全年安排接待日0场".
ZERO_FIGURE = re.compile(r"(?<![\d.])0(?:个|名|场|次|期|件|份|篇|项|人|位|家|条)")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


def sentences(report):
    """Section topic → the sentences of figures the report prints for it."""
    with translation.override("zh-hans"):
        return {
            topic: render_to_string(f"reports/figures/{topic}.html", {"f": report.figures}).strip()
            for _part, topic, _heading in SECTIONS
            if topic
        }


def test_an_empty_streets_report_prints_no_zero_and_no_missing_figure(street, staff):
    report = services.create_report(street, 2026, staff)

    printed = sentences(report)

    assert printed["stations"] == "街道尚未建立代表联络站（点）。"
    for topic, text in printed.items():
        assert not ZERO_FIGURE.search(text), (topic, text)
        assert "—" not in text and "积分分" not in text, (topic, text)
    assert [topic for topic, text in printed.items() if text] == ["stations"]


def test_a_one_station_streets_report_says_what_it_has(street, staff):
    community = CommunityFactory(street=street)
    CommunityFactory(street=street)
    station = StationFactory(street=street, community=community)
    VisitFactory.create_batch(3, station=station, received_on=datetime.date(2026, 5, 6))
    national = TermFactory(level="national", number=14, starts_on=datetime.date(2023, 3, 1),
                           ends_on=datetime.date(2028, 2, 29))  # fmt: skip
    MembershipFactory(deputy=DeputyFactory(street=street), term=national,
                      began_on=national.starts_on)  # fmt: skip
    report = services.create_report(street, 2026, staff)

    printed = sentences(report)

    assert printed["stations"] == "全街道共建有代表联络站（点）1个，2个社区中已有1个建站。"
    assert printed["visits"].startswith("代表接待选民3人次")
    assert "满意率" not in printed["visits"]  # nothing evaluated yet: no rate to print
    assert printed["archives"] == "为1名代表建立“一人一档”履职档案。"  # no points yet
    with translation.override("zh-hans"):
        html = render_to_string("reports/pdf/annual_report.html", report_context(report))
    assert "全国人大代表" in html and "全国级代表" not in html


@pytest.mark.parametrize(
    "rate, printed", [(1, "100%"), (0.875, "87.5%"), (0.5, "50%"), (0, "0%"), (None, "—")]
)
def test_percentages_are_written_as_the_documents_write_them(rate, printed):
    assert percent(rate) == printed
