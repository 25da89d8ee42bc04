"""Dates out of bounds or out of order, texts too long and impossible birth years are
refused with a clear message on the deputy's duty form, in the admin and in the roster
import, and nothing is saved."""

import datetime

import pytest
import tablib
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from deputies.models import (
    Activity,
    Deputy,
    Membership,
    PointEntry,
    PointRule,
    ReminderLetter,
    Term,
)
from deputies.resources import HEADERS, DeputyResource
from tests.access import client_as
from tests.bounds import OUT_OF_BOUNDS, TOO_LONG, too_long_for
from tests.deputies.factories import (
    ActivityFactory,
    DeputyFactory,
    MembershipFactory,
    TermFactory,
)

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


def log_duty(user, **changes):
    form = {
        "rule": PointRule.objects.get(code="inspection_research_claim").pk,
        "occurred_on": "2026-11-20",
        "description": "调研老旧小区加装电梯",
    } | changes
    return client_as(user).post(reverse("deputies:log_duty"), form).content.decode()


@pytest.mark.parametrize("day, message", OUT_OF_BOUNDS)
def test_a_duty_dated_out_of_bounds_is_refused(deputy, my_deputy, day, message):
    MembershipFactory(deputy=my_deputy)

    assert message in log_duty(deputy, occurred_on=day)
    assert not PointEntry.objects.exists()


def test_a_duty_described_in_100000_characters_is_refused(deputy, my_deputy):
    MembershipFactory(deputy=my_deputy)

    page = log_duty(deputy, description=TOO_LONG)

    assert too_long_for(5000) in page
    assert not PointEntry.objects.exists()


@pytest.mark.parametrize("day, message", OUT_OF_BOUNDS)
def test_the_admin_refuses_an_activity_dated_out_of_bounds(staff, street, day, message):
    activity = ActivityFactory(street=street)
    form = {
        "street": street.pk, "kind": activity.kind, "theme": "新主题",
        "organiser": activity.organiser, "held_on": day,
        "attendances-TOTAL_FORMS": "0", "attendances-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    }  # fmt: skip

    url = reverse("admin:deputies_activity_change", args=[activity.pk])
    page = client_as(staff).post(url, form)

    assert page.status_code == 200 and message in page.content.decode()
    assert Activity.objects.get().theme == activity.theme


def test_the_admin_refuses_birth_year_0(staff, street):
    deputy = DeputyFactory(street=street, name="周晓梅")
    form = {
        "street": street.pk, "name": "周晓梅", "gender": "female", "birth_year": "0",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }  # fmt: skip

    url = reverse("admin:deputies_deputy_change", args=[deputy.pk])
    page = client_as(staff).post(url, form)

    assert page.status_code == 200
    assert "请填写1900年至2026年之间的年份。" in page.content.decode()
    assert Deputy.objects.get().birth_year == 1975


def test_a_reminder_letter_for_a_quarter_after_next_year_is_refused(staff, my_deputy):
    MembershipFactory(deputy=my_deputy)
    form = {"deputy": my_deputy.pk, "reason": "low_points", "period": "2099-Q4", "issue": "1"}

    url = reverse("admin:deputies_reminderletter_issue")
    page = client_as(staff).post(url, form)

    assert "请填写1949年至2027年之间的年份。" in page.content.decode()
    assert not ReminderLetter.objects.exists()


@pytest.mark.parametrize("year", [0, 1899, 2027])
def test_the_roster_import_lists_an_impossible_birth_year_as_a_row_error(staff, year):
    TermFactory(level="district", number=17)
    row = ["A001", "周晓梅", "女", year, "13812345678", "青石小学", "校长", "教育", "第一选区", "",
           "区", 17, "", "", ""]  # fmt: skip
    sheet = tablib.Dataset(row, headers=[h for h in HEADERS.values() if h != "街道"])

    result = DeputyResource(user=staff).import_data(sheet)

    [invalid] = result.invalid_rows
    assert invalid.field_specific_errors == {"出生年份": ["请填写1900年至2026年之间的年份。"]}
    assert not Deputy.objects.exists()


def test_a_term_cannot_end_before_it_starts(db):
    term = Term(level="district", number=18, starts_on=datetime.date(2026, 10, 1),
                ends_on=datetime.date(2026, 9, 30))  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        term.full_clean()

    assert refused.value.message_dict == {"ends_on": ["届次的结束日期不能早于开始日期。"]}


def test_a_membership_ending_without_a_start_is_refused_not_a_crash(db):
    ended = {"ended_on": datetime.date(2026, 3, 1), "ended_how": Membership.Ended.RESIGNATION}
    membership = Membership(deputy=DeputyFactory(), term=TermFactory(), **ended)

    with pytest.raises(ValidationError) as refused:
        membership.full_clean()

    assert list(refused.value.message_dict) == ["began_on"]


def test_a_term_may_end_years_ahead_but_not_in_9999(db):
    term = Term(level="district", number=18, starts_on=datetime.date(2026, 10, 1),
                ends_on=datetime.date(2031, 9, 30))  # fmt: skip
    term.full_clean()

    term.ends_on = datetime.date(9999, 12, 31)
    with pytest.raises(ValidationError) as refused:
        term.full_clean()

    assert refused.value.message_dict == {"ends_on": ["日期不能晚于2036年12月31日。"]}
