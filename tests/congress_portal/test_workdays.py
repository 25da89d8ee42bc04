"""Working days as China counts them: public holidays and make-up working days (调休)
from chinese-calendar, and for a year it does not know yet, from the days staff enter."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.models import CalendarDay
from congress_portal.workdays import Calendar, add_working_days
from tests.access import client_as, get_as

D = datetime.date


@pytest.mark.parametrize(
    "day, days, due",
    [
        # 2024 Spring Festival: 10–17 February off, Sundays 4 and 18 February worked.
        (D(2024, 2, 2), 1, D(2024, 2, 4)),
        (D(2024, 2, 9), 1, D(2024, 2, 18)),
        # 2024 National Day: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
        (D(2024, 9, 27), 1, D(2024, 9, 29)),
        (D(2024, 9, 30), 1, D(2024, 10, 8)),
        (D(2024, 10, 11), 1, D(2024, 10, 12)),
        # 2025 Spring Festival: 28 January – 4 February off, Sunday 26 January and
        # Saturday 8 February worked.
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 2, 7), 1, D(2025, 2, 8)),
        # 2025 National Day and Mid-Autumn: 1–8 October off, Sunday 28 September and
        # Saturday 11 October worked.
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        # 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 12), 7, D(2026, 2, 28)),
        # 2026 National Day: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
        (D(2026, 9, 18), 1, D(2026, 9, 20)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 9), 1, D(2026, 10, 10)),
        # An ordinary week: Thursday + 2 is Monday.
        (D(2026, 11, 19), 2, D(2026, 11, 23)),
    ],
)
def test_working_days_skip_public_holidays_and_count_make_up_days(db, day, days, due):
    assert add_working_days(day, days) == due


def test_a_year_the_library_does_not_know_counts_monday_to_friday_until_staff_enter_it(db):
    calendar = Calendar()
    assert not calendar.knows(2027)
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)  # a Friday

    CalendarDay.objects.create(day=D(2027, 1, 1), name="元旦")
    CalendarDay.objects.create(day=D(2027, 1, 3), name="元旦", working=True)  # a Sunday

    assert Calendar().knows(2027)
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 3)
    assert add_working_days(D(2026, 12, 31), 2) == D(2027, 1, 4)


def test_a_day_staff_enter_wins_over_the_library(db):
    CalendarDay.objects.create(day=D(2026, 11, 20), name="临时调整")  # a Friday

    assert add_working_days(D(2026, 11, 19), 1) == D(2026, 11, 23)


def test_working_days_over_a_long_run_read_each_year_once(db, django_assert_num_queries):
    with django_assert_num_queries(2):  # 2026 and 2027
        add_working_days(D(2026, 12, 1), 60)


CHANGELIST = reverse("admin:congress_portal_calendarday_changelist")
ADD = reverse("admin:congress_portal_calendarday_add")


@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_holidays_are_kept_in_the_admin_by_staff_only(personas, persona):
    response = get_as(personas[persona], CHANGELIST)

    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_district_staff_enter_a_year_the_library_does_not_know(district_staff):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)):
        client = client_as(district_staff)
        page = client.get(CHANGELIST).content.decode()
        assert "2027年的节假日安排尚未录入" in page

        response = client.post(ADD, {"day": "2027-02-06", "name": "春节", "working": "on"})

        assert response.status_code == 302
        assert "2027年的节假日安排尚未录入" not in client.get(CHANGELIST).content.decode()
    assert CalendarDay.objects.get().working


def test_street_staff_read_the_holidays_and_change_nothing(staff):
    CalendarDay.objects.create(day=D(2027, 1, 1), name="元旦")

    assert get_as(staff, CHANGELIST).status_code == 200
    assert get_as(staff, ADD).status_code == 403
    assert client_as(staff).post(ADD, {"day": "2027-01-02", "name": "元旦"}).status_code == 403
    assert CalendarDay.objects.count() == 1
