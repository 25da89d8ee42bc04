"""Suggestions put straight into a state with the fields that state needs, for
the tests of refused steps and of deadlines; and a snapshot of every table a
step may write, to show that a refused step changed nothing."""

import datetime
import itertools

from deputies.models import PointEntry
from suggestions import deadlines
from suggestions.models import (
    Answer,
    Attachment,
    CoSignature,
    Step,
    Suggestion,
    Supervision,
    UnitAssignment,
)
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.factories import SuggestionFactory

S = Suggestion.State
SUBMITTED_ON = datetime.date(2026, 1, 11)
ACCEPTED_ON = datetime.date(2026, 1, 20)
ASSIGNED_ON = datetime.date(2026, 11, 16)  # a Monday

NUMBERED = {S.ACCEPTED, S.ASSIGNED, S.REVIEWING, S.ANSWERED, S.REHANDLING, S.FOLLOW_UP, S.CLOSED}
ASSIGNED = {S.ASSIGNED, S.REVIEWING, S.ANSWERED, S.REHANDLING, S.FOLLOW_UP, S.CLOSED}
ANSWERED = {S.ANSWERED, S.REHANDLING, S.FOLLOW_UP, S.CLOSED}
EVALUATED = {S.REHANDLING, S.FOLLOW_UP, S.CLOSED}
# the answer class each answered state is left with
ANSWER_CLASS = {
    S.ANSWERED: Suggestion.AnswerClass.A,
    S.REHANDLING: Suggestion.AnswerClass.C,
    S.FOLLOW_UP: Suggestion.AnswerClass.B,
    S.CLOSED: Suggestion.AnswerClass.A,
}
EVALUATION = {
    S.REHANDLING: Suggestion.Evaluation.UNSATISFIED,
    S.FOLLOW_UP: Suggestion.Evaluation.SATISFIED,
    S.CLOSED: Suggestion.Evaluation.BASICALLY_SATISFIED,
}

_numbers = itertools.count(1)


def lead_unit():
    return HandlingUnitFactory(name="区住建局")


def co_unit():
    return HandlingUnitFactory(
        name="区城管局", contact_person="王科长", contact_phone="13800001111"
    )


def suggestion_in(state, assigned_on=ASSIGNED_ON, **fields):
    """A suggestion in `state`; from assignment on, with an active lead part and
    an active co-handling part; from the first answer on, with its Answer row (under
    review: the lead unit's, not yet released)."""
    values = {}
    if state != S.DRAFT:
        values["submitted_on"] = SUBMITTED_ON
    if state == S.RETURNED:
        values["review_comment"] = "请补充具体点位"
    if state == S.OPINION:
        values.update(opinion_reason="属于意见类", closed_on=ACCEPTED_ON)
    if state in NUMBERED:
        values.update(number=next(_numbers), accepted_on=ACCEPTED_ON)
    if state in ASSIGNED:
        values.update(
            assigned_on=assigned_on,
            deadline=deadlines.add_months(assigned_on, deadlines.ANSWER_MONTHS),
        )
    answered_on = assigned_on + datetime.timedelta(days=2)
    if state in ANSWERED:
        values.update(
            answer_class=ANSWER_CLASS[state],
            answered_on=answered_on,
            first_answered_on=answered_on,
        )
    if state in EVALUATED:
        values.update(evaluation=EVALUATION[state], first_evaluation=EVALUATION[state])
    if state == S.REHANDLING:
        values.update(
            times_rehandled=1,
            deadline=deadlines.add_months(answered_on, deadlines.REHANDLING_MONTHS),
        )
    if state == S.CLOSED:
        values["closed_on"] = answered_on
    values.update(fields)
    suggestion = SuggestionFactory(state=state, **values)
    if state in ASSIGNED:
        UnitAssignment.objects.create(
            suggestion=suggestion,
            unit=lead_unit(),
            role=UnitAssignment.Role.LEAD,
            person_responsible="张科长",
            contact="13800002222",
            assigned_on=suggestion.assigned_on,
        )
        UnitAssignment.objects.create(
            suggestion=suggestion,
            unit=co_unit(),
            role=UnitAssignment.Role.CO,
            assigned_on=suggestion.assigned_on,
            view_due=deadlines.add_months(suggestion.assigned_on, 1),
        )
    if state in ANSWERED:
        Answer.objects.create(
            suggestion=suggestion,
            round=1,
            text="已列入明年计划",
            answer_class=suggestion.answer_class,
            answered_on=suggestion.first_answered_on,
            released_on=suggestion.first_answered_on,
            evaluation=suggestion.first_evaluation,
            evaluated_on=answered_on if state in EVALUATED else None,
        )
    if state == S.REVIEWING:
        Answer.objects.create(
            suggestion=suggestion,
            round=1,
            text="已列入明年计划",
            answer_class=Suggestion.AnswerClass.B,
            answered_on=answered_on,
            met_by="张科长",
            met_on=answered_on,
        )
    return suggestion


def part(suggestion, role):
    """The suggestion's active part of that role, or an unsaved one when it has none."""
    found = suggestion.assignments.filter(role=role, returned_on=None).first()
    return found or UnitAssignment(
        suggestion=suggestion,
        unit=lead_unit() if role == UnitAssignment.Role.LEAD else co_unit(),
        role=role,
        assigned_on=ASSIGNED_ON,
    )


AUDITED = [Suggestion, CoSignature, UnitAssignment, Answer, Supervision]
TABLES = [*AUDITED, Attachment, Step, PointEntry] + [model.history.model for model in AUDITED]


def snapshot():
    """Every row of every table a step or a draft may write."""
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in TABLES}
