"""Per-unit handling figures (suggestions.statistics.unit_statistics) against a
fixture whose figures are computed by hand."""

import datetime
import itertools

import pytest

from suggestions import deadlines
from suggestions.models import Answer, Suggestion, UnitAssignment
from suggestions.statistics import unit_statistics
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory

S = Suggestion.State
A, B, C, D = Suggestion.AnswerClass
SATISFIED = Suggestion.Evaluation.SATISFIED
BASICALLY = Suggestion.Evaluation.BASICALLY_SATISFIED
UNSATISFIED = Suggestion.Evaluation.UNSATISFIED
LEAD, CO = UnitAssignment.Role
TODAY = datetime.date(2026, 11, 20)
date = datetime.date
_numbers = itertools.count(1)


def handled(unit, state, assigned_on, *, co_units=(), **fields):
    """A suggestion whose active lead part is `unit`'s, assigned on `assigned_on`."""
    fields.setdefault("deadline", deadlines.add_months(assigned_on, 3))
    suggestion = SuggestionFactory(
        state=state, number=next(_numbers), assigned_on=assigned_on, **fields
    )
    UnitAssignment.objects.create(
        suggestion=suggestion, unit=unit, role=LEAD, assigned_on=assigned_on
    )
    for co in co_units:
        UnitAssignment.objects.create(
            suggestion=suggestion, unit=co, role=CO, assigned_on=assigned_on
        )
    return suggestion


def answered(on, answer_class, evaluation="", first_evaluation=None, **fields):
    return {
        "first_answered_on": on,
        "answered_on": fields.pop("answered_on", on),
        "answer_class": answer_class,
        "evaluation": evaluation,
        "first_evaluation": evaluation if first_evaluation is None else first_evaluation,
        **fields,
    }


@pytest.fixture
def units(db):
    return (
        HandlingUnitFactory(name="区住建局"),
        HandlingUnitFactory(name="区城管局"),
        HandlingUnitFactory(name="区教育局"),
    )


@pytest.fixture
def ledger(units):
    """
    区住建局 (housing), lead of 4:
      h1 A, satisfied the first time      assigned 06-01, answered 07-01: 30 days
      h2 D, basically satisfied           assigned 06-01, answered 06-21: 20 days
      h3 B unsatisfied, re-answered A, satisfied
                                          assigned 06-01, first answer 08-10: 70 days
      h4 not answered, deadline 11-01     overdue
      (and co-handling unit of u1, which does not count for it)
      answered 3/4 = 0.75; satisfied 3/3 = 1.0 (基本满意 counts);
      first time 2/3 (h3 was 不满意 first); solved 2/3 (h1, h3 are class A; h2 D is not);
      days (30 + 20 + 70) / 3 = 40.0; overdue 1.

    区城管局 (urban), lead of 5:
      u1 B, satisfied, solved on 10-15    assigned 07-01, answered 07-31: 30 days
      u2 C, basically satisfied, open     assigned 07-01, answered 08-10: 40 days
      u3 not answered, deadline 2027-01-01
      u4 C, unsatisfied, being re-handled, deadline 11-19
                                          assigned 07-01, answered 08-30: 60 days; overdue
      u5 given back by 区教育局 as lead on 07-03, assigned to 区城管局 07-06;
         A, satisfied                     answered 08-15: 40 days
      answered 4/5 = 0.8; satisfied 3/4 = 0.75 (u4 is unsatisfied); first time 3/4;
      solved 2/4 = 0.5 (u1 solved, u5 class A; u2 and u4 are C, open);
      days (30 + 40 + 60 + 40) / 4 = 42.5; overdue 1.

    区教育局 (education), lead of 1 (u5, which it gave back, does not count):
      e1 not answered, due today          not overdue
      answered 0/1 = 0.0; no evaluation, answer or time to answer: None; overdue 0.

    Not counted anywhere: an accepted suggestion not yet assigned, a draft, an
    opinion.

    Total, 10 assigned: answered 7/10 = 0.7; satisfied 6/7; first time 5/7;
    solved 4/7; days (120 + 170) / 7 = 290 / 7; overdue 2.
    """
    housing, urban, education = units
    handled(housing, S.CLOSED, date(2026, 6, 1), **answered(date(2026, 7, 1), A, SATISFIED))
    handled(housing, S.CLOSED, date(2026, 6, 1), **answered(date(2026, 6, 21), D, BASICALLY))
    handled(
        housing,
        S.CLOSED,
        date(2026, 6, 1),
        **answered(
            date(2026, 8, 10),
            A,
            SATISFIED,
            UNSATISFIED,
            answered_on=date(2026, 9, 5),
            times_rehandled=1,
        ),
    )
    handled(housing, S.ASSIGNED, date(2026, 8, 1))

    handled(
        urban,
        S.CLOSED,
        date(2026, 7, 1),
        co_units=[housing],
        **answered(date(2026, 7, 31), B, SATISFIED, solved_on=date(2026, 10, 15)),
    )
    handled(urban, S.FOLLOW_UP, date(2026, 7, 1), **answered(date(2026, 8, 10), C, BASICALLY))
    handled(urban, S.ASSIGNED, date(2026, 10, 1))
    handled(
        urban,
        S.REHANDLING,
        date(2026, 7, 1),
        **answered(date(2026, 8, 30), C, UNSATISFIED, times_rehandled=1),
        deadline=date(2026, 11, 19),
    )
    given_back = handled(
        urban, S.CLOSED, date(2026, 7, 6), **answered(date(2026, 8, 15), A, SATISFIED)
    )
    UnitAssignment.objects.create(
        suggestion=given_back,
        unit=education,
        role=LEAD,
        assigned_on=date(2026, 7, 1),
        returned_on=date(2026, 7, 3),
        return_reason="应由区城管局主办",
    )
    UnitAssignment.objects.create(
        suggestion=given_back,
        unit=housing,
        role=CO,
        assigned_on=date(2026, 7, 1),
        returned_on=date(2026, 7, 3),
    )

    handled(education, S.ASSIGNED, date(2026, 8, 20))

    SuggestionFactory(state=S.ACCEPTED, number=next(_numbers))
    SuggestionFactory(state=S.DRAFT)
    SuggestionFactory(state=S.OPINION, opinion_reason="属于意见类")


FIGURES = [
    "unit__name",
    "assigned",
    "answered",
    "evaluated",
    "satisfied",
    "first_evaluated",
    "first_satisfied",
    "solved",
    "overdue",
    "answer_rate",
    "satisfaction_rate",
    "first_time_satisfaction_rate",
    "solved_rate",
    "days_to_answer",
]
HOUSING = ["区住建局", 4, 3, 3, 3, 3, 2, 2, 1, 0.75, 1.0, 2 / 3, 2 / 3, 40.0]
URBAN = ["区城管局", 5, 4, 4, 3, 4, 3, 2, 1, 0.8, 0.75, 0.75, 0.5, 42.5]
EDUCATION = ["区教育局", 1, 0, 0, 0, 0, 0, 0, 0, 0.0, None, None, None, None]
TOTAL = [10, 7, 7, 6, 7, 5, 4, 2, 0.7, 6 / 7, 5 / 7, 4 / 7, 290 / 7]


def figures(row, names=FIGURES):
    return [row[name] for name in names]


def test_unit_rows_are_computed_by_hand(ledger):
    rows, _total = unit_statistics(Suggestion.objects.all(), TODAY)

    # most assigned first
    assert [figures(row) for row in rows] == [
        pytest.approx(URBAN),
        pytest.approx(HOUSING),
        pytest.approx(EDUCATION),
    ]


def test_total_row_is_computed_by_hand(ledger):
    _rows, total = unit_statistics(Suggestion.objects.all(), TODAY)

    assert figures(total, FIGURES[1:]) == pytest.approx(TOTAL)


def test_unit_that_gave_back_its_lead_part_is_not_counted_for_it(ledger, units):
    rows, _total = unit_statistics(Suggestion.objects.all(), TODAY)

    education = next(row for row in rows if row["unit__name"] == "区教育局")
    assert education["unit"] == units[2].pk
    assert (education["assigned"], education["answered"]) == (1, 0)


def test_co_handling_parts_are_not_counted(ledger, units):
    housing = units[0]

    rows, total = unit_statistics(Suggestion.objects.all(), TODAY)

    assert UnitAssignment.objects.filter(unit=housing, role=CO).count() == 2
    assert {row["unit__name"]: row["assigned"] for row in rows}["区住建局"] == 4
    assert total["assigned"] == UnitAssignment.objects.filter(role=LEAD, returned_on=None).count()


def test_overdue_depends_on_the_day(ledger):
    # the deadline of 区教育局's e1 is 2026-11-20: overdue from the day after
    rows, total = unit_statistics(Suggestion.objects.all(), TODAY + datetime.timedelta(days=1))

    assert {row["unit__name"]: row["overdue"] for row in rows} == {
        "区住建局": 1,
        "区城管局": 1,
        "区教育局": 1,
    }
    assert total["overdue"] == 3


def test_figures_cover_only_the_suggestions_given(ledger):
    rows, total = unit_statistics(Suggestion.objects.filter(state=S.ASSIGNED), TODAY)

    assert [(row["unit__name"], row["assigned"], row["overdue"]) for row in rows] == [
        ("区住建局", 1, 1),
        ("区城管局", 1, 0),
        ("区教育局", 1, 0),
    ]
    assert (total["assigned"], total["answer_rate"], total["satisfaction_rate"]) == (3, 0, None)


def test_no_suggestions_give_no_rows_and_empty_rates(ledger):
    other_session = CongressSessionFactory(number=6)

    rows, total = unit_statistics(Suggestion.objects.filter(session=other_session), TODAY)

    assert rows == []
    assert total["assigned"] == 0
    assert [total[name] for name in FIGURES[9:]] == [None] * 5


def test_meeting_rate_and_parts_given_back_are_counted_by_hand(ledger, units):
    """见面率: of 区住建局's 3 answers, one unit met the deputy: 1/3; of all 7, 1/7. Given
    back: u5's lead part by 区教育局 and its co-handling part by 区住建局."""
    met = Suggestion.objects.get(assignments__unit=units[0], answer_class=D)
    Answer.objects.create(
        suggestion=met, round=1, text="已答复", answer_class=D, answered_on=date(2026, 6, 21),
        met_by="王局长", met_on=date(2026, 6, 18),
    )  # fmt: skip

    rows, total = unit_statistics(Suggestion.objects.all(), TODAY)

    assert {row["unit__name"]: (row["meeting_rate"], row["given_back"]) for row in rows} == {
        "区住建局": (pytest.approx(1 / 3), 1),
        "区城管局": (0.0, 0),
        "区教育局": (None, 1),
    }
    assert (total["meeting_rate"], total["given_back"]) == (pytest.approx(1 / 7), 2)


def test_a_unit_that_gave_back_all_it_was_given_is_listed(ledger, units):
    education = units[2]
    UnitAssignment.objects.filter(unit=education, returned_on=None).update(returned_on=TODAY)

    rows, _total = unit_statistics(Suggestion.objects.all(), TODAY)

    row = next(row for row in rows if row["unit__name"] == "区教育局")
    assert (row["assigned"], row["given_back"], row["answer_rate"]) == (0, 2, None)


def test_figures_take_two_queries_whatever_the_volume(ledger, django_assert_num_queries):
    with django_assert_num_queries(2):
        unit_statistics(Suggestion.objects.all(), TODAY)
