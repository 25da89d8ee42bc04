"""A year's figures against a year of records counted by hand (conftest.counted_year)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deputies.models import Membership
from liaison_stations.models import Station
from reports.figures import year_figures
from tests.factories import StreetFactory
from tests.liaison_stations.factories import (
    StationFactory,
    VisitFactory,
)
from tests.suggestions.factories import SuggestionFactory

pytestmark = pytest.mark.usefixtures("point_rules")
D = datetime.date


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


def by_key(rows):
    return {row["key"]: row["count"] for row in rows}


def test_a_streets_year_in_figures(counted_year, street):
    figures = year_figures(2026, street)

    deputies = figures["deputies"]
    assert deputies["people"] == 2 and deputies["by_elections"] == 1
    assert by_key(deputies["by_level"]) == {"national": 0, "provincial": 0, "city": 1,
                                            "district": 2}  # fmt: skip
    points = figures["points"]
    assert points["average"] == 4.5
    assert [band["count"] for band in points["bands"]] == [0, 2, 0, 0, 0, 0]
    assert [(row["name"], row["points"], row["rank"]) for row in points["top"]] == [
        ("周晓梅", 6, 1), ("吴海波", 3, 2)]  # fmt: skip
    assert figures["stations"] | {"by_kind": None} == {
        "total": 2, "communities": 2, "covered": 1, "by_kind": None, "up_to_standard": 0,
        "officers": 0, "combined": [], "featured": []}  # fmt: skip
    # The session still to come counts in none of them: attended / assigned is the rate.
    assert figures["duty"] == {"sessions": 2, "assignments": 2, "attended": 1, "missed": 1,
                               "attendance_rate": 0.5}  # fmt: skip
    activities = figures["activities"]
    assert activities["total"] == 2 and activities["attendances"] == 2
    assert by_key(activities["by_kind"])["training"] == 1
    visits = figures["visits"]
    assert (visits["total"], visits["solved"], visits["not_accepted"]) == (4, 2, 1)
    assert visits["satisfaction_rate"] == 1.0 and visits["average_days"] == 5.0
    assert visits["by_month"] == [0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1]  # December is to come
    suggestions = figures["suggestions"]
    assert (suggestions["total"], suggestions["assigned"], suggestions["answered"]) == (3, 3, 2)
    assert suggestions["answer_rate"] == 2 / 3 and suggestions["satisfaction_rate"] == 1.0
    assert suggestions["solved_rate"] == 0.5 and suggestions["days_to_answer"] == 40.0
    assert suggestions["overdue"] == 1
    assert by_key(suggestions["by_class"]) == {"A": 1, "B": 1, "C": 0, "D": 0}
    assert figures["letters"] == {"reminders": 2, "acknowledged": 1, "thanks": 0}
    assert by_key(figures["publicity"]["by_level"]) == {"national": 0, "provincial": 0,
                                                        "city": 1, "district": 2}  # fmt: skip


def test_months_are_counted_once_they_have_begun(counted_year, street):
    assert len(year_figures(2025, street)["visits"]["by_month"]) == 12
    assert year_figures(2027, street)["visits"]["by_month"] == []


def test_district_figures_count_every_street(counted_year):
    figures = year_figures(2026)

    assert figures["deputies"]["people"] == 3
    assert figures["visits"]["total"] == 5
    assert figures["publicity"]["total"] == 4


def test_figures_cost_a_fixed_number_of_queries(counted_year, street):
    with CaptureQueriesContext(connection) as few:
        year_figures(2026, street)
    VisitFactory.create_batch(20, station=Station.objects.filter(street=street).first())
    SuggestionFactory.create_batch(5, lead=Membership.objects.first().deputy)

    with CaptureQueriesContext(connection) as many:
        year_figures(2026, street)

    assert len(many) == len(few)


def test_an_annual_report_freezes_these_figures(counted_year, street, staff):
    from reports.models import AnnualReport
    from reports.services import create_report

    create_report(street, 2026, staff)

    frozen = AnnualReport.objects.get().figures  # as stored, through JSON
    assert frozen["deputies"]["people"] == 2 and frozen["duty"]["attendance_rate"] == 0.5
    assert frozen["visits"]["by_month"] == [0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1]
    assert frozen["suggestions"]["answer_rate"] == 2 / 3
    assert frozen["suggestions"]["days_to_answer"] == 40.0
    assert [row["name"] for row in frozen["points"]["top"]] == ["周晓梅", "吴海波"]
    assert frozen == year_figures(2026, street)


def test_the_districts_figures_count_each_street(counted_year):
    streets = {row.pop("name"): row for row in year_figures(2026)["streets"]}

    assert streets == {
        "青石街道": {"stations": 2, "activities": 2, "visits": 4, "suggestions": 3, "publicity": 3},
        "白鹭街道": {"stations": 1, "activities": 0, "visits": 1, "suggestions": 0, "publicity": 1},
    }


def test_the_districts_figures_cost_a_fixed_number_of_queries(counted_year):
    with CaptureQueriesContext(connection) as few:
        year_figures(2026)
    for number in range(3):
        StationFactory(street=StreetFactory(name=f"新街道{number}"))

    with CaptureQueriesContext(connection) as many:
        year_figures(2026)

    assert len(many) == len(few)
