"""Per-unit handling figures (the rates leadership reads), one query whatever the volume."""

import datetime

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from .models import Suggestion, UnitAssignment

SATISFIED = [Suggestion.Evaluation.SATISFIED, Suggestion.Evaluation.BASICALLY_SATISFIED]
RATES = {
    # rate: (numerator, denominator)
    "answer_rate": ("answered", "assigned"),
    "satisfaction_rate": ("satisfied", "evaluated"),
    "first_time_satisfaction_rate": ("first_satisfied", "first_evaluated"),
    "solved_rate": ("solved", "answered"),
}


COUNTS = ["assigned", "answered", "evaluated", "satisfied", "first_evaluated", "first_satisfied",
          "solved", "overdue"]  # fmt: skip


def _figures(today):
    answered = Q(suggestion__first_answered_on__isnull=False)
    return {
        "assigned": Count("pk"),
        "answered": Count("pk", filter=answered),
        "evaluated": Count("pk", filter=~Q(suggestion__evaluation="")),
        "satisfied": Count("pk", filter=Q(suggestion__evaluation__in=SATISFIED)),
        "first_evaluated": Count("pk", filter=~Q(suggestion__first_evaluation="")),
        "first_satisfied": Count("pk", filter=Q(suggestion__first_evaluation__in=SATISFIED)),
        "solved": Count(
            "pk",
            filter=answered
            & (
                Q(suggestion__answer_class=Suggestion.AnswerClass.A)
                | Q(suggestion__solved_on__isnull=False)
            ),
        ),
        "time_to_answer": Avg(
            ExpressionWrapper(
                F("suggestion__first_answered_on") - F("assigned_on"), output_field=DurationField()
            ),
            filter=answered,
        ),
        "overdue": Count(
            "pk",
            filter=Q(
                suggestion__state__in=Suggestion.DEADLINE_RUNNING, suggestion__deadline__lt=today
            ),
        ),
    }


def _with_rates(row):
    for rate, (part, whole) in RATES.items():
        row[rate] = row[part] / row[whole] if row[whole] else None
    duration = row.pop("time_to_answer")
    row["days_to_answer"] = duration.total_seconds() / 86400 if duration is not None else None
    return row


def _total(rows):
    """The rows summed; the time to answer is their average weighted by answers."""
    total = {name: sum(row[name] for row in rows) for name in COUNTS}
    answered = [row for row in rows if row["time_to_answer"] is not None]
    total["time_to_answer"] = (
        sum((row["time_to_answer"] * row["answered"] for row in answered), datetime.timedelta())
        / total["answered"]
        if answered
        else None
    )
    return total


def unit_statistics(suggestions, today):
    """(rows per lead unit, total row) for the suggestions assigned among `suggestions`.
    A suggestion counts for the unit that currently leads its handling. One query."""
    parts = UnitAssignment.objects.filter(
        role=UnitAssignment.Role.LEAD, returned_on=None, suggestion__in=suggestions
    )
    rows = list(
        parts.values("unit", "unit__name")
        .annotate(**_figures(today))
        .order_by("-assigned", "unit__name")
    )
    total = _total(rows)
    return [_with_rates(row) for row in rows], _with_rates(total)
