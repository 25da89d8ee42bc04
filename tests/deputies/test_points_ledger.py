import datetime

import pytest
import time_machine
from django.db.models import Sum

from congress_portal.errors import DomainError
from deputies import services
from deputies.models import Activity, Attendance, PointEntry, PointRule
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.usefixtures("point_rules")
TODAY = datetime.datetime(2026, 11, 21, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def seat(my_deputy):
    """Deputies claim only for days they hold a seat."""
    MembershipFactory(deputy=my_deputy)


def approved_total(deputy):
    entries = deputy.point_entries.filter(state=PointEntry.State.APPROVED)
    return entries.aggregate(total=Sum("points"))["total"] or 0


def claim(deputy, user, code="inspection_research_claim", on=datetime.date(2026, 5, 12)):
    entry = PointEntry(deputy=deputy, rule=PointRule.objects.get(code=code), occurred_on=on)
    return services.record_entry(entry, by=user)


def test_award_for_the_same_record_counts_once(staff):
    attendance = AttendanceFactory()

    on = datetime.date(2026, 5, 12)
    first = services.award(
        attendance.deputy, "inspection_research", occurred_on=on, source_record=attendance
    )
    again = services.award(
        attendance.deputy, "inspection_research", occurred_on=on, source_record=attendance
    )

    assert again.pk == first.pk
    assert approved_total(attendance.deputy) == 3


def test_award_stops_at_the_yearly_cap(db):
    deputy = DeputyFactory()
    for attendance in AttendanceFactory.create_batch(12, deputy=deputy):
        services.sync_attendance_points(_attended(attendance))

    assert PointRule.objects.get(code="inspection_research").yearly_cap == 30
    assert approved_total(deputy) == 30
    assert deputy.point_entries.count() == 12


def test_the_cap_is_per_year(db):
    deputy = DeputyFactory()
    for held_on in [datetime.date(2025, 12, 30)] * 11 + [datetime.date(2026, 1, 2)]:
        services.sync_attendance_points(
            _attended(AttendanceFactory(deputy=deputy, activity=ActivityFactory(held_on=held_on)))
        )

    assert approved_total(deputy) == 33


def test_penalties_are_never_capped(db):
    deputy = DeputyFactory()
    absences = AttendanceFactory.create_batch(
        3, deputy=deputy, activity__kind=Activity.Kind.SYMPOSIUM
    )
    for attendance in absences:
        attendance.status = Attendance.Status.ABSENT
        services.sync_attendance_points(attendance)

    assert approved_total(deputy) == -3


def test_inactive_rule_awards_nothing(db):
    PointRule.objects.filter(code="inspection_research").update(active=False)
    attendance = _attended(AttendanceFactory())

    services.sync_attendance_points(attendance)

    assert not PointEntry.objects.exists()


def test_rule_change_never_rewrites_points_already_awarded(db):
    deputy = DeputyFactory()
    services.sync_attendance_points(_attended(AttendanceFactory(deputy=deputy)))
    PointRule.objects.filter(code="inspection_research").update(points=5)

    services.sync_attendance_points(_attended(AttendanceFactory(deputy=deputy)))

    assert sorted(deputy.point_entries.values_list("points", flat=True)) == [3, 5]


@pytest.mark.parametrize(
    "kind, attended, absent",
    [
        (Activity.Kind.INSPECTION, "inspection_research", "activity_absence"),
        (Activity.Kind.CONGRESS, "congress_attendance", "congress_absence"),
        (Activity.Kind.TRAINING, "training", "activity_absence"),
        (Activity.Kind.THREE_INTO, "activity", "activity_absence"),
    ],
)
def test_attendance_earns_the_rule_of_its_kind(db, kind, attended, absent):
    attendance = AttendanceFactory(activity__kind=kind)

    for status, code in [
        (Attendance.Status.ATTENDED, attended),
        (Attendance.Status.ABSENT, absent),
    ]:
        attendance.status = status
        services.sync_attendance_points(attendance)
        counted = attendance.deputy.point_entries.filter(state=PointEntry.State.APPROVED)
        assert list(counted.values_list("rule__code", flat=True)) == [code]


def test_leave_with_approval_costs_nothing_and_correction_reinstates(staff):
    attendance = _attended(AttendanceFactory())
    services.sync_attendance_points(attendance, by=staff)
    entry = attendance.deputy.point_entries.get()

    attendance.status = Attendance.Status.LEAVE
    services.sync_attendance_points(attendance, by=staff)
    assert approved_total(attendance.deputy) == 0

    _attended(attendance)
    services.sync_attendance_points(attendance, by=staff)
    assert attendance.deputy.point_entries.get().pk == entry.pk
    assert approved_total(attendance.deputy) == 3


def test_deputy_claim_waits_for_review(my_deputy, deputy):
    entry = claim(my_deputy, deputy)

    assert entry.state == PointEntry.State.PENDING
    assert entry.source == PointEntry.Source.CLAIM
    assert approved_total(my_deputy) == 0


def test_claim_under_a_rule_without_review_counts_at_once(my_deputy, deputy):
    PointRule.objects.filter(code="training_claim").update(needs_review=False)

    entry = claim(my_deputy, deputy, code="training_claim")

    assert entry.state == PointEntry.State.APPROVED
    assert approved_total(my_deputy) == 2


def test_staff_entry_counts_at_once(my_deputy, staff):
    entry = claim(my_deputy, staff)

    assert (entry.state, entry.source) == (PointEntry.State.APPROVED, PointEntry.Source.STAFF)
    assert entry.reviewed_by == staff


def test_approval_counts_the_claim_and_records_the_reviewer(my_deputy, deputy, staff):
    entry = services.approve(claim(my_deputy, deputy), staff)

    assert entry.reviewed_by == staff and entry.reviewed_at is not None
    assert approved_total(my_deputy) == 3
    assert entry.history.first().history_user == staff


def test_rejection_needs_a_reason(my_deputy, deputy, staff):
    entry = claim(my_deputy, deputy)

    with pytest.raises(DomainError):
        services.reject(entry, staff, "  ")
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.PENDING

    services.reject(entry, staff, "无活动记录")
    entry.refresh_from_db()
    assert (entry.state, entry.reject_reason) == (PointEntry.State.REJECTED, "无活动记录")


@pytest.mark.parametrize("review", ["approve", "reject", "withdraw"])
def test_reviewed_entry_cannot_be_reviewed_again(my_deputy, deputy, staff, review):
    entry = services.approve(claim(my_deputy, deputy), staff)
    arguments = {"approve": (staff,), "reject": (staff, "重复"), "withdraw": (deputy,)}[review]

    with pytest.raises(DomainError, match="已批准"):
        getattr(services, review)(entry, *arguments)
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.APPROVED


def test_deputy_withdraws_a_pending_claim(my_deputy, deputy):
    entry = services.withdraw(claim(my_deputy, deputy), deputy)

    entry.refresh_from_db()
    assert entry.state == PointEntry.State.WITHDRAWN


def test_claim_for_a_future_date_is_refused(my_deputy, deputy):
    with time_machine.travel(TODAY, tick=False), pytest.raises(DomainError):
        claim(my_deputy, deputy, on=datetime.date(2026, 11, 22))
    assert not PointEntry.objects.exists()


def test_claim_under_an_inactive_rule_is_refused(my_deputy, deputy):
    PointRule.objects.filter(code="inspection_research_claim").update(active=False)

    with pytest.raises(DomainError):
        claim(my_deputy, deputy)


def test_approval_is_capped_by_what_was_already_approved(my_deputy, deputy, staff):
    PointRule.objects.filter(code="inspection_research_claim").update(yearly_cap=5)
    first, second = claim(my_deputy, deputy), claim(my_deputy, deputy)

    services.approve(first, staff)
    services.approve(second, staff)

    second.refresh_from_db()
    assert second.points == 2
    assert approved_total(my_deputy) == 5


def _attended(attendance):
    attendance.status = Attendance.Status.ATTENDED
    attendance.save()
    return attendance
