"""The demo's figures look like a real year's: the stations' and suggestions'
demos take their steps at the days of their timelines, so replies, answers and
evaluations are spread over the year instead of all dated the day it was built."""

import datetime

import pytest
from django.utils import timezone

from congress_portal.demo import DISTRICT, MAIN_STREET
from congress_portal.models import Street
from reports import figures


@pytest.fixture
def year(db):
    """The main street and the demo's last twelve months."""
    today = timezone.localdate()
    street = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    return street, (today - datetime.timedelta(days=365), today), today


def test_demo_visits_are_replied_to_within_weeks_and_mostly_satisfy(year):
    street, within, today = year
    visits = figures._visits(street, within, today)

    assert 2 <= visits["average_days"] <= 30
    assert 0.8 <= visits["satisfaction_rate"] < 1


def test_demo_suggestions_are_answered_within_months_and_mostly_satisfy(year):
    street, within, today = year
    suggestions = figures._suggestions(
        street, (within[0] - datetime.timedelta(days=365), today), today
    )

    assert 20 <= suggestions["days_to_answer"] <= 90
    assert 0.7 <= suggestions["satisfaction_rate"] < 1


def test_demo_deputies_attend_most_of_their_duties(year):
    street, within, today = year

    assert 0.6 <= figures._duty(street, within, today)["attendance_rate"] < 1
