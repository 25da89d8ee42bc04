"""Deadlines of a suggestion's handling, with the clock frozen: the answer within
3 months of assignment, one extension of 1 to 3 months, re-handling within a
month, co-handling views within a month, giving back within 7 working days, and
the traffic light (三色督办) of the time left."""

import datetime
import zoneinfo

import pytest
import time_machine

from congress_portal.errors import DomainError
from congress_portal.workflow import take_step
from suggestions import deadlines
from suggestions.models import Signal, Suggestion, UnitAssignment
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.states import co_unit, lead_unit, part, suggestion_in

S = Suggestion.State
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI)  # a Friday
TODAY = NOW.date()
date = datetime.date


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def move_to(clock, day):
    clock.move_to(datetime.datetime.combine(day, datetime.time(10), tzinfo=SHANGHAI))


def assigned(staff, clock, day):
    """An accepted suggestion assigned on `day` to a lead and a co-handling unit."""
    move_to(clock, day)
    return take_step(
        suggestion_in(S.ACCEPTED),
        "assign",
        staff,
        lead_unit=lead_unit(),
        person_responsible="张科长",
        contact="13800002222",
        co_units=[co_unit()],
    )


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 11, 20), 3, date(2027, 2, 20)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(day, months, expected):
    assert deadlines.add_months(day, months) == expected


# Answer deadline and co-handling views


@pytest.mark.parametrize(
    "assigned_on, deadline, view_due",
    [
        (date(2026, 11, 20), date(2027, 2, 20), date(2026, 12, 20)),
        (date(2026, 11, 30), date(2027, 2, 28), date(2026, 12, 30)),
        (date(2026, 8, 31), date(2026, 11, 30), date(2026, 9, 30)),
        (date(2027, 1, 31), date(2027, 4, 30), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2028, 2, 29), date(2027, 12, 30)),
    ],
)
def test_answer_is_due_three_months_and_the_co_handling_view_one_month_after_assignment(
    staff, clock, assigned_on, deadline, view_due
):
    suggestion = assigned(staff, clock, assigned_on)

    assert (suggestion.assigned_on, suggestion.deadline) == (assigned_on, deadline)
    lead, co = suggestion.assignments.order_by("pk")
    assert (lead.role, lead.assigned_on, lead.view_due) == ("lead", assigned_on, None)
    assert (co.role, co.assigned_on, co.view_due) == ("co", assigned_on, view_due)


@pytest.mark.parametrize(
    "months, deadline",
    [(1, date(2027, 3, 20)), (2, date(2027, 4, 20)), (3, date(2027, 5, 20))],
)
def test_extension_runs_from_the_original_deadline_not_from_today(staff, clock, months, deadline):
    suggestion = assigned(staff, clock, date(2026, 11, 20))
    move_to(clock, date(2027, 2, 1))

    take_step(suggestion, "extend", staff, months=months, reason=" 需协调市级部门 ")

    suggestion.refresh_from_db()
    assert suggestion.deadline == deadline
    assert (suggestion.extension_months, suggestion.extension_reason) == (
        months,
        "需协调市级部门",
    )
    assert suggestion.assigned_on == date(2026, 11, 20)


def test_overdue_suggestion_extended_is_running_again(staff, clock):
    suggestion = assigned(staff, clock, date(2026, 8, 10))
    move_to(clock, date(2026, 11, 20))
    assert Suggestion.objects.overdue(TODAY).get() == suggestion

    take_step(suggestion, "extend", staff, months=1, reason="需协调市级部门")

    suggestion.refresh_from_db()
    assert suggestion.deadline == date(2026, 12, 10)
    assert suggestion.signal(TODAY) == Signal.AMBER
    assert not Suggestion.objects.overdue(TODAY).exists()


def test_assignment_made_again_after_a_give_back_starts_a_new_deadline(staff, clock):
    suggestion = assigned(staff, clock, date(2026, 11, 20))
    take_step(suggestion, "extend", staff, months=2, reason="需协调")
    move_to(clock, date(2026, 11, 24))
    take_step(
        suggestion,
        "give_back",
        staff,
        assignment=part(suggestion, UnitAssignment.Role.LEAD),
        reason="应由区教育局主办",
    )

    take_step(
        suggestion,
        "assign",
        staff,
        lead_unit=HandlingUnitFactory(name="区教育局"),
        person_responsible="刘科长",
        contact="13800003333",
    )

    suggestion.refresh_from_db()
    assert (suggestion.assigned_on, suggestion.deadline, suggestion.extension_months) == (
        date(2026, 11, 24),
        date(2027, 2, 24),
        0,
    )


@pytest.mark.parametrize(
    "evaluated_on, deadline",
    [
        (date(2026, 11, 20), date(2026, 12, 20)),
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2026, 12, 31), date(2027, 1, 31)),
    ],
)
def test_unsatisfied_suggestion_is_answered_again_within_a_month_of_the_evaluation(
    deputy, my_deputy, clock, evaluated_on, deadline
):
    suggestion = suggestion_in(S.ANSWERED, lead=my_deputy, assigned_on=date(2026, 10, 9))
    move_to(clock, evaluated_on)

    take_step(suggestion, "evaluate", deputy, evaluation=Suggestion.Evaluation.UNSATISFIED)

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.deadline) == (S.REHANDLING, deadline)


# Giving back within 7 working days


@pytest.mark.parametrize(
    "assigned_on, return_due",
    [
        (date(2026, 11, 16), date(2026, 11, 25)),  # Monday → Wednesday of the next week
        (date(2026, 11, 18), date(2026, 11, 27)),  # Wednesday → Friday of the next week
        (date(2026, 11, 19), date(2026, 11, 30)),  # Thursday → Monday after next
        (date(2026, 11, 20), date(2026, 12, 1)),  # Friday → Tuesday of the week after next
        (date(2026, 11, 21), date(2026, 12, 1)),  # Saturday → Tuesday of the week after next
        (date(2026, 11, 22), date(2026, 12, 1)),  # Sunday → Tuesday of the week after next
        # The Spring Festival: Friday, the make-up Saturday, then from the Tuesday after it.
        (date(2026, 2, 12), date(2026, 2, 28)),
    ],
)
def test_return_window_is_seven_working_days_as_china_counts_them(db, assigned_on, return_due):
    part_ = UnitAssignment(assigned_on=assigned_on)
    assert part_.return_due == return_due


@pytest.mark.parametrize(
    "day",
    [date(2026, 11, 20), date(2026, 11, 27), date(2026, 11, 29), date(2026, 12, 1)],
)
@pytest.mark.parametrize("role", ["lead", "co"])
def test_unit_assigned_on_a_friday_gives_back_through_the_tuesday_of_the_week_after_next(
    staff, clock, day, role
):
    suggestion = assigned(staff, clock, date(2026, 11, 20))
    move_to(clock, day)

    take_step(
        suggestion, "give_back", staff, assignment=part(suggestion, role), reason="不属于本单位"
    )

    assert suggestion.assignments.get(role=role).returned_on == day


@pytest.mark.parametrize("day", [date(2026, 12, 2), date(2026, 12, 5), date(2027, 1, 4)])
@pytest.mark.parametrize("role", ["lead", "co"])
def test_unit_assigned_on_a_friday_cannot_give_back_from_the_wednesday_after(
    staff, clock, day, role
):
    suggestion = assigned(staff, clock, date(2026, 11, 20))
    move_to(clock, day)

    with pytest.raises(DomainError) as refused:
        take_step(
            suggestion,
            "give_back",
            staff,
            assignment=part(suggestion, role),
            reason="不属于本单位",
        )

    assert refused.value.messages
    assert not suggestion.assignments.exclude(returned_on=None).exists()
    suggestion.refresh_from_db()
    assert suggestion.state == S.ASSIGNED


# The traffic light


@pytest.mark.parametrize(
    "days_left, signal",
    [
        (92, Signal.GREEN),
        (31, Signal.GREEN),
        (30, Signal.AMBER),
        (15, Signal.AMBER),
        (14, Signal.RED),
        (1, Signal.RED),
        (0, Signal.RED),  # due today
        (-1, Signal.OVERDUE),
        (-40, Signal.OVERDUE),
    ],
)
@pytest.mark.parametrize("state", [S.ASSIGNED, S.REHANDLING])
def test_signal_and_its_sql_annotation_agree_at_the_boundaries(db, state, days_left, signal):
    suggestion = suggestion_in(state, deadline=TODAY + datetime.timedelta(days=days_left))

    assert suggestion.signal(TODAY) == signal
    assert Suggestion.objects.with_signal(TODAY).get(pk=suggestion.pk).time_left == signal
    assert suggestion.is_overdue(TODAY) is (signal == Signal.OVERDUE)


@pytest.mark.parametrize(
    "state", [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.OPINION, S.ANSWERED, S.FOLLOW_UP, S.CLOSED]
)
@pytest.mark.parametrize("days_left", [-1, 0, 20, None])
def test_no_signal_once_the_deadline_no_longer_runs(db, state, days_left):
    deadline = None if days_left is None else TODAY + datetime.timedelta(days=days_left)
    suggestion = suggestion_in(state, deadline=deadline)

    assert suggestion.signal(TODAY) == ""
    assert Suggestion.objects.with_signal(TODAY).get(pk=suggestion.pk).time_left == ""
    assert not suggestion.is_overdue(TODAY)


def test_signals_of_many_suggestions_in_one_query(db, django_assert_num_queries):
    days = [-1, 0, 14, 15, 30, 31]
    suggestions = [
        suggestion_in(S.ASSIGNED, deadline=TODAY + datetime.timedelta(days=d)) for d in days
    ]

    with django_assert_num_queries(1):
        annotated = dict(Suggestion.objects.with_signal(TODAY).values_list("pk", "time_left"))

    assert annotated == {s.pk: s.signal(TODAY) for s in suggestions}
    assert [annotated[s.pk] for s in suggestions] == [
        Signal.OVERDUE,
        Signal.RED,
        Signal.RED,
        Signal.AMBER,
        Signal.AMBER,
        Signal.GREEN,
    ]


def test_overdue_means_the_deadline_running_and_past(db):
    yesterday = TODAY - datetime.timedelta(days=1)
    late = suggestion_in(S.ASSIGNED, deadline=yesterday)
    late_again = suggestion_in(S.REHANDLING, deadline=date(2026, 10, 1))
    due_today = suggestion_in(S.ASSIGNED, deadline=TODAY)
    suggestion_in(S.REHANDLING, deadline=TODAY + datetime.timedelta(days=1))
    suggestion_in(S.ANSWERED, deadline=yesterday)
    suggestion_in(S.FOLLOW_UP, deadline=yesterday)
    suggestion_in(S.CLOSED, deadline=yesterday)

    assert set(Suggestion.objects.overdue(TODAY)) == {late, late_again}
    assert set(Suggestion.objects.running()) == {
        late,
        late_again,
        due_today,
        Suggestion.objects.get(state=S.REHANDLING, deadline__gt=TODAY),
    }
    assert {s for s in Suggestion.objects.all() if s.is_overdue(TODAY)} == {late, late_again}
    assert set(Suggestion.objects.overdue(TODAY + datetime.timedelta(days=1))) == {
        late,
        late_again,
        due_today,
    }
