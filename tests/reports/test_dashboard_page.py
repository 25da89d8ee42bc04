"""The dashboard as leadership read it: each tile shows the rate counted by hand in
conftest.counted_year, and no month after today is plotted."""

import base64
import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests.access import get_as

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


def tiles(page):
    """Each tile of the dashboard: its label → the figure above it."""
    pairs = re.findall(
        r'<div class="fs-4 fw-bold[^"]*">([^<]*)</div><div class="small">([^<]*)</div>', page
    )
    return {label: figure for figure, label in pairs}


def test_each_tile_shows_the_figure_counted_by_hand(counted_year, leader):
    page = get_as(leader, reverse("reports:dashboard") + "?year=2026").content.decode()

    with translation.override("zh-hans"):
        expected = {
            _("Deputies seated in the year"): "2",
            _("Constituents' visits received"): "4",
            _("Suggestions accepted"): "3",
            _("Deputies satisfied with answers to suggestions"): "100%",  # 1 of 1 evaluated
            _("Suggestions solved"): "50%",  # class A of 2 answered
            _("Station duty attendance"): "50%",  # 1 of 2 past sessions; the one to come not
            _("Average days to reply to a visit"): "5.0",  # (4 + 6) / 2
            _("Overdue suggestions"): "1",
        }
    assert tiles(page) == expected


def test_no_month_after_today_is_plotted(counted_year, leader):
    page = get_as(leader, reverse("reports:dashboard") + "?year=2026").content.decode()

    with translation.override("zh-hans"):
        title = _("Constituents' visits by month")
        november, december = _("November"), _("December")
    image = re.search(rf'src="data:image/svg\+xml;base64,([^"]+)" alt="{re.escape(title)}"', page)
    chart = base64.b64decode(image.group(1)).decode()
    assert november in chart
    assert december not in chart
