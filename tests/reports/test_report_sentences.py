"""The annual report's sentences of figures: a figure that is zero or missing is
left out or said in words, never printed as "0场" or "人均履职积分分"; levels and
percentages are written as the committees' documents write them."""

import datetime
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congress_portal.templatetags.formatting import percent
from reports import drafting, services
from reports.figures import year_figures
from reports.models import AnnualReport, Topic
from reports.rendering import report_context
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
    """Topic → the sentences of figures its point prints."""
    with translation.override("zh-hans"):
        return {
            topic: render_to_string(f"reports/figures/{topic}.html", {"f": report.figures}).strip()
            for topic in Topic
        }


def body(report):
    """The report's body as printed, as text: the opening, the parts, the signature."""
    with translation.override("zh-hans"):
        html = render_to_string("reports/pdf/annual_report.html", report_context(report))
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", "", main)


def test_an_empty_streets_report_prints_no_zero_and_no_missing_figure(street, staff):
    report = services.create_report(street, 2026, staff)

    printed, text = sentences(report), body(report)

    assert printed["stations"] == "街道尚未建立代表联络站（点）。"
    assert [topic for topic, sentence in printed.items() if sentence] == ["stations"]
    assert not ZERO_FIGURE.search(text), text
    assert "—" not in text and "积分分" not in text and "None" not in text
    # The opening has no year's figures to give; of the year's work only the station
    # point is left, and no theme without points keeps its heading.
    assert "现将2026年工作总结及2027年工作计划报告如下。" in text and "一年来，代表们" not in text
    assert "一是建强联络站点，让代表履职有阵地。街道尚未建立代表联络站（点）。" in text
    assert "二是" not in text.split("二、")[0]
    assert "在“履职”上" not in text and "在“督办”上" not in text
    assert "（一）加强学习培训" in text and "抓好在办建议督办" not in text


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

    printed, text = sentences(report), body(report)

    assert printed["stations"] == "全街道共建有代表联络站（点）1个，2个社区中已有1个建站。"
    assert printed["visits"].startswith("代表接待选民3人次")
    assert "满意率" not in printed["visits"]  # nothing evaluated yet: no rate to print
    assert printed["archives"] == "为1名代表建立“一人一档”履职档案。"  # no points yet
    assert not ZERO_FIGURE.search(text), text
    assert "实现全覆盖" not in text  # one community of two
    assert "辖区现有各级人大代表1名，其中全国人大代表1名。" in text and "全国级代表" not in text
    assert "一年来，代表们接待选民3人次。" in text
    assert "还有1个社区尚未建立代表联络站（点）" in text  # 二、the shortcoming
    assert "在尚未建站的1个社区建立代表联络站（点）" in text  # 三、the plan's answer to it


def test_a_street_with_a_station_in_every_community_says_so(street, staff):
    StationFactory(street=street, community=CommunityFactory(street=street))

    printed = sentences(services.create_report(street, 2026, staff))

    assert printed["stations"] == "全街道共建有代表联络站（点）1个，1个社区实现全覆盖。"


@pytest.mark.parametrize(
    "rate, printed", [(1, "100%"), (0.875, "87.5%"), (0.5, "50%"), (0, "0%"), (None, "—")]
)
def test_percentages_are_written_as_the_documents_write_them(rate, printed):
    assert percent(rate) == printed


def with_any_counts(shape):
    """Figures shaped as `shape` (a real year's figures) with every count 0, 1 or 2
    and every rate or average missing or any value."""

    def leaf(value):
        if isinstance(value, bool | str):
            return st.just(value)
        if isinstance(value, int):
            return st.integers(0, 2)
        if value is None or isinstance(value, float):
            return st.none() | st.floats(0, 1)
        if isinstance(value, dict):
            return st.fixed_dictionaries({key: leaf(item) for key, item in value.items()})
        return st.tuples(*map(leaf, value)).map(list)

    return leaf(shape)


def possible(f):
    """The figures made possible: a part never exceeds its whole, and nothing is named
    or rated of what did not happen."""
    f["year"] = 2026
    f["term"].update(number=18, began=2025)
    people, stations, duty = f["deputies"], f["stations"], f["duty"]
    people["people"] = max(people["people"], *(row["count"] for row in people["by_level"]))
    if not people["people"]:
        f["points"]["average"] = None
    stations["covered"] = min(stations["covered"], stations["communities"], stations["total"])
    stations["up_to_standard"] = min(stations["up_to_standard"], stations["total"])
    if not stations["total"]:
        stations["combined"], stations["featured"] = [], []
    duty["sessions"] = duty["sessions"] or duty["assignments"]
    duty["attended"] = min(duty["attended"], duty["assignments"])
    activities, visits, suggestions = f["activities"], f["visits"], f["suggestions"]
    if not activities["total"]:
        activities["attendances"], activities["notable"] = 0, []
    visits["solved"] = min(visits["solved"], visits["total"])
    visits["not_accepted"] = min(visits["not_accepted"], visits["total"] - visits["solved"])
    suggestions["assigned"] = min(suggestions["assigned"], suggestions["total"])
    suggestions["answered"] = min(suggestions["answered"], suggestions["assigned"])
    suggestions["key"] = min(suggestions["key"], suggestions["total"])
    assigned = suggestions["assigned"]
    suggestions["answer_rate"] = suggestions["answered"] / assigned if assigned else None
    if not suggestions["answered"]:
        suggestions["satisfaction_rate"] = suggestions["solved_rate"] = None
    if not visits["total"]:
        visits["satisfaction_rate"] = None
    if not suggestions["total"]:
        suggestions["supervisions"] = 0
    if not suggestions["key"]:
        suggestions["key_items"] = []
    if not suggestions["answered"]:
        suggestions["solved_items"], suggestions["weak_units"] = [], []
    for records in f["records"].values():
        records["named"] = records["named"] if records["count"] else []
    f["letters"]["acknowledged"] = min(f["letters"]["acknowledged"], f["letters"]["reminders"])
    publicity = f["publicity"]
    publicity["outlets"] = min(max(publicity["outlets"], 1), publicity["total"])
    if not publicity["total"]:
        publicity["articles"] = []
    return f


@pytest.fixture(scope="module")
def shape(django_db_setup, django_db_blocker):
    """An empty district's figures with a named example of each kind."""
    with django_db_blocker.unblock(), translation.override("zh-hans"):
        figures = year_figures(2026)
    figures["activities"]["notable"] = [{"theme": "代表半月谈", "held_on": "2026-09-06"}]
    figures["suggestions"]["solved_items"] = [{"title": "关于修缮道路的建议", "unit": None}]
    figures["suggestions"]["key_items"] = ["关于加装电梯的建议"]
    figures["suggestions"]["weak_units"] = [{"unit": "区住建局", "satisfaction_rate": 0.5}]
    figures["publicity"]["articles"] = [{"title": "代表联络站里的民生账本", "outlet": "临江日报"}]
    figures["activities"]["groups"] = ["法律专业代表小组"]
    figures["stations"]["combined"] = [{"name": "街道中心联络站", "also": "企业联络站"}]
    figures["stations"]["featured"] = ["街道中心联络站"]
    counts = dict.fromkeys(["stations", "activities", "visits", "suggestions", "publicity"], 0)
    figures["streets"] = [{"name": "青石街道", **counts}, {"name": "白鹭街道", **counts}]
    for records in figures["records"].values():
        records["named"] = ["市人大常委会"]
    kinds = figures["suggestions"]["by_kind"]
    figures["term"] = {"number": 18, "began": 2025, "suggestions_by_kind": kinds}
    return figures


@pytest.mark.django_db
def test_no_draft_prints_a_zero_or_a_missing_figure_whatever_the_counts(shape):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(with_any_counts(shape))
    def check(figures):
        report = AnnualReport(year=2026, figures=possible(figures))
        for block in drafting.draft(report):
            assert not ZERO_FIGURE.search(block.text), block.text
            assert "None" not in block.text and "积分分" not in block.text, block.text
            assert "—" not in block.text, block.text

    check()
