"""Point rules and early-warning thresholds as settings: the district's hold in every
street that has no rule (or thresholds) of its own; the built-in rules are declared in
code, deactivated but never deleted, and a missing one is refused in words."""

import datetime

import pytest
import time_machine
from django.db.models import Sum
from django.urls import reverse

from congress_portal.errors import DomainError
from deputies import letters, services, warnings
from deputies.models import (
    AUTOMATIC_RULES,
    Attendance,
    Deputy,
    PointEntry,
    PointRule,
    ReminderLetter,
    RuleCode,
    WarningRules,
)
from tests.access import client_as, get_as
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
)
from tests.factories import StreetFactory

pytestmark = pytest.mark.usefixtures("point_rules")
ON = datetime.date(2026, 5, 12)


@pytest.fixture
def other_street(db):
    return StreetFactory(name="白鹭街道")


def override(street, code, **changes):
    """The street's own rule of `code`: the district's, with `changes`."""
    rule = PointRule.objects.get(code=code, street=None)
    rule.pk, rule.street = None, street
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.save()
    return rule


def award_duties(deputy, times):
    for _ in range(times):
        record = ActivityFactory(street=deputy.street)
        services.award(deputy, RuleCode.STATION_DUTY, occurred_on=ON, source_record=record)
    return deputy.point_entries.aggregate(total=Sum("points"))["total"]


def test_the_declared_codes_are_those_the_migrations_create():
    assert set(PointRule.objects.values_list("code", flat=True)) == set(RuleCode.values)
    assert set(RuleCode) > AUTOMATIC_RULES


def test_a_streets_rule_changes_what_its_deputies_earn_and_the_cap(street, other_street):
    override(street, RuleCode.STATION_DUTY, points=5, yearly_cap=12)
    ours, theirs = DeputyFactory(street=street), DeputyFactory(street=other_street)

    assert award_duties(ours, 3) == 12
    assert award_duties(theirs, 3) == 6


def test_a_street_deactivating_a_rule_stops_only_its_own_awards(street, other_street):
    override(street, RuleCode.STATION_DUTY, active=False)

    assert award_duties(DeputyFactory(street=street), 1) is None
    assert award_duties(DeputyFactory(street=other_street), 1) == 2


def test_the_cap_counts_what_the_districts_rule_awarded_before_the_streets(street):
    deputy = DeputyFactory(street=street)
    award_duties(deputy, 9)
    override(street, RuleCode.STATION_DUTY, points=2, yearly_cap=20)

    assert award_duties(deputy, 2) == 20


def test_a_record_awarded_under_the_districts_rule_is_not_awarded_again(street):
    attendance = AttendanceFactory(deputy__street=street, activity__street=street,
                                   status="attended")  # fmt: skip
    services.sync_attendance_points(attendance)
    override(street, RuleCode.INSPECTION_RESEARCH, points=4)

    services.sync_attendance_points(attendance)

    assert list(attendance.deputy.point_entries.values_list("points", "state")) == [(3, "approved")]


def test_the_claim_form_offers_the_streets_own_rule(my_deputy, deputy, other_street):
    override(my_deputy.street, RuleCode.PUBLICITY, name="街道宣传报道", points=4)
    override(other_street, RuleCode.TRAINING_CLAIM, claimable=False)

    page = get_as(deputy, "/deputies/me/log/").content.decode()

    assert "街道宣传报道（+4）" in page and "履职事迹宣传报道" not in page
    assert "参加其他学习培训" in page


def test_a_rule_of_another_street_is_refused(my_deputy, other_street):
    MembershipFactory(deputy=my_deputy)
    theirs = override(other_street, RuleCode.PUBLICITY, points=9)

    with pytest.raises(DomainError, match="不适用"):
        services.check_entry(PointEntry(deputy=my_deputy, rule=theirs, occurred_on=ON), False)


def test_staff_enter_points_under_their_streets_rules(staff, street, other_street):
    own = override(street, RuleCode.PUBLICITY, name="街道宣传报道")
    override(other_street, RuleCode.PUBLICITY, name="白鹭宣传报道")

    form = get_as(staff, "/admin/deputies/pointentry/add/").context["adminform"].form
    offered = set(form.fields["rule"].queryset)

    assert own in offered and PointRule.objects.get(code="training_claim") in offered
    assert not {rule.name for rule in offered} & {"履职事迹宣传报道", "白鹭宣传报道"}


def test_a_streets_thresholds_decide_its_reminder_letters(staff, street, other_street):
    WarningRules.objects.create(street=street, min_points=2, months_without_duty=12)
    ours, theirs = DeputyFactory(street=street), DeputyFactory(street=other_street)
    for deputy in (ours, theirs):
        MembershipFactory(deputy=deputy)
        award_duties(deputy, 1)
    today = datetime.date(2026, 11, 21)

    flagged = dict(warnings.at_risk(Deputy.objects.all(), today))
    with time_machine.travel(today):
        letters.issue_all(today)

    assert set(flagged) == {theirs}
    assert set(ReminderLetter.objects.values_list("deputy", "reason")) == {
        (theirs.pk, "low_points"),
        (theirs.pk, "no_station_duty"),
    }


def test_the_district_thresholds_are_one_row(street):
    district = WarningRules.current()
    own = WarningRules.objects.create(street=street, min_points=2)

    assert WarningRules.current() == district
    assert WarningRules.in_force()[street.pk] == own
    assert WarningRules.in_force()[StreetFactory().pk] == district


def test_a_built_in_rule_is_never_deleted_but_a_streets_own_rule_is(street):
    built_in = PointRule.objects.get(code=RuleCode.STATION_DUTY)
    own = override(street, RuleCode.STATION_DUTY, points=5)

    with pytest.raises(DomainError, match="停用"):
        built_in.delete()
    own.delete()

    assert PointRule.objects.for_street(street).get(code=RuleCode.STATION_DUTY) == built_in


def test_award_with_the_rule_missing_is_refused_in_words(db):
    PointRule.objects.filter(code=RuleCode.STATION_DUTY).delete()  # behind the model's back
    deputy = DeputyFactory()

    with pytest.raises(DomainError, match="station_duty"):
        services.award(deputy, RuleCode.STATION_DUTY, occurred_on=ON, source_record=deputy)


def test_attendance_marked_with_the_rule_missing_says_so_and_changes_nothing(staff, street):
    PointRule.objects.filter(code=RuleCode.INSPECTION_RESEARCH).delete()
    activity = ActivityFactory(street=street)
    attendance = Attendance.objects.create(activity=activity, deputy=DeputyFactory(street=street))
    url = reverse("deputies:attendance_step", args=[attendance.pk, "mark_attended"])

    response = client_as(staff).post(url, follow=True)

    assert response.status_code == 200
    assert "inspection_research" in response.content.decode()
    assert Attendance.objects.get(pk=attendance.pk).status == Attendance.Status.INVITED
    assert not PointEntry.objects.exists()
