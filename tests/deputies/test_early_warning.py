import datetime

import pytest
import time_machine
from django.urls import reverse

from deputies import services, warnings
from deputies.models import Activity, Attendance, Deputy, Membership, PointRule, WarningRules
from tests.access import LOGIN, assert_outcome, get_as
from tests.deputies.factories import (
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
)
from tests.factories import StreetFactory
from tests.queries import list_queries

pytestmark = pytest.mark.usefixtures("point_rules")
TODAY = datetime.date(2026, 11, 21)


def current_deputy(street, name="周晓梅"):
    deputy = DeputyFactory(street=street, name=name)
    MembershipFactory(deputy=deputy)
    return deputy


def earn(deputy, staff, code, on, times=1):
    rule = PointRule.objects.get(code=code)
    for _ in range(times):
        services.approve(PointEntryFactory(deputy=deputy, rule=rule, occurred_on=on), staff)


def reasons_for(deputy):
    flagged = dict(warnings.at_risk(Deputy.objects.filter(pk=deputy.pk), TODAY))
    return flagged.get(Deputy.objects.get(pk=deputy.pk), [])


def active(deputy, staff):
    """Enough points this year and a station duty two months ago."""
    earn(deputy, staff, "inspection_research", datetime.date(2026, 3, 1), times=7)
    earn(deputy, staff, "station_duty", datetime.date(2026, 9, 21))


def test_an_active_deputy_is_not_flagged(staff, street):
    deputy = current_deputy(street)
    active(deputy, staff)

    assert reasons_for(deputy) == []


def test_too_few_points_this_year_are_flagged(staff, street):
    deputy = current_deputy(street)
    earn(deputy, staff, "station_duty", datetime.date(2026, 9, 21))
    earn(deputy, staff, "inspection_research", datetime.date(2025, 3, 1), times=10)  # last year

    assert reasons_for(deputy) == ["今年积分 2 分，低于 20 分"]


def test_threshold_is_what_staff_set(staff, street):
    deputy = current_deputy(street)
    earn(deputy, staff, "station_duty", datetime.date(2026, 9, 21))
    WarningRules.objects.update_or_create(pk=1, defaults={"min_points": 2})

    assert reasons_for(deputy) == []


def test_no_station_duty_for_months_is_flagged(staff, street):
    deputy = current_deputy(street)
    earn(deputy, staff, "inspection_research", datetime.date(2026, 3, 1), times=7)
    earn(deputy, staff, "station_duty", datetime.date(2026, 5, 20))

    assert reasons_for(deputy) == ["已连续 6 个月未到联络站值班"]


def test_one_unapproved_congress_absence_is_flagged(staff, street):
    deputy = current_deputy(street)
    active(deputy, staff)
    absence = AttendanceFactory(deputy=deputy, activity__kind=Activity.Kind.CONGRESS)
    absence.status = Attendance.Status.ABSENT
    absence.save()

    assert reasons_for(deputy) == ["无故缺席人代会（1 次）：再次缺席将依法终止代表资格"]


def test_leave_from_the_congress_is_not_an_absence(staff, street):
    deputy = current_deputy(street)
    active(deputy, staff)
    AttendanceFactory(deputy=deputy, activity__kind=Activity.Kind.CONGRESS,
                      status=Attendance.Status.LEAVE)  # fmt: skip

    assert reasons_for(deputy) == []


def test_former_deputies_are_not_listed(staff, street):
    deputy = current_deputy(street)
    deputy.memberships.update(
        ended_on=datetime.date(2026, 1, 1), ended_how=Membership.Ended.TRANSFER
    )

    assert warnings.at_risk(Deputy.objects.all(), TODAY) == []


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_warning_page_is_for_staff_and_leadership(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:at_risk")), outcome)


def test_warning_page_lists_only_the_users_street(staff, street):
    current_deputy(street, "周晓梅")
    current_deputy(StreetFactory(name="白鹭街道"), "吴海波")

    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)):
        page = get_as(staff, reverse("deputies:at_risk")).content.decode()

    assert "周晓梅" in page and "吴海波" not in page
    assert "今年积分 0 分，低于 20 分" in page


def test_warning_page_runs_a_fixed_number_of_queries(staff, street):
    current_deputy(street)
    few = list_queries(staff, reverse("deputies:at_risk"))
    for n in range(15):
        deputy = current_deputy(street, f"代表{n}")
        earn(deputy, staff, "station_duty", datetime.date(2026, 9, 21))

    assert list_queries(staff, reverse("deputies:at_risk")) == few
