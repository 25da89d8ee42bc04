"""Per-unit handling figures (the league table of units), two queries whatever the volume."""

import datetime

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
)
from django.utils import timezone

from .models import Suggestion, UnitAssignment

SATISFIED = [Suggestion.Evaluation.SATISFIED, Suggestion.Evaluation.BASICALLY_SATISFIED]
RATES = {
    # rate: (numerator, denominator)
    "answer_rate": ("answered", "assigned"),
    "satisfaction_rate": ("satisfied", "evaluated"),
    "first_time_satisfaction_rate": ("first_satisfied", "first_evaluated"),
    "solved_rate": ("solved", "answered"),
    # 见面率: first answers whose unit met the deputy about them
    "meeting_rate": ("met", "answered"),
}


COUNTS = ["assigned", "answered", "evaluated", "satisfied", "first_evaluated", "first_satisfied",
          "solved", "met", "overdue", "given_back"]  # fmt: skip


def _figures(today):
    answered = Q(suggestion__first_answered_on__isnull=False)
    return {
        # the first answer's unit met the deputy (见面); unit_statistics joins `first_answer`
        "met": Count("pk", filter=answered & Q(first_answer__met_on__isnull=False)),
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
    A suggestion counts for the unit that currently leads its handling; a part a unit
    gave back (as lead or co-handling unit) counts for that unit."""
    parts = UnitAssignment.objects.filter(
        role=UnitAssignment.Role.LEAD, returned_on=None, suggestion__in=suggestions
    )
    # One join to the first answer (unique per suggestion and round): cheaper than an
    # EXISTS per part (bench/suggestions.py: 1.1 s → 0.45 s over 200,000 suggestions).
    first_answer = FilteredRelation(
        "suggestion__answers", condition=Q(suggestion__answers__round=1)
    )
    rows = list(
        parts.annotate(first_answer=first_answer)
        .values("unit", "unit__name")
        .annotate(**_figures(today))
        .order_by("-assigned", "unit__name")
    )
    given_back = (
        UnitAssignment.objects.filter(suggestion__in=suggestions, returned_on__isnull=False)
        .values_list("unit", "unit__name")
        .annotate(count=Count("pk"))
        .order_by("unit__name")
    )
    by_unit = {row["unit"]: row for row in rows}
    for unit, name, count in given_back:
        if unit not in by_unit:  # a unit that gave back all it was given
            by_unit[unit] = {"unit": unit, "unit__name": name, "time_to_answer": None,
                             **dict.fromkeys(COUNTS, 0)}  # fmt: skip
            rows.append(by_unit[unit])
        by_unit[unit]["given_back"] = count
    for row in rows:
        row.setdefault("given_back", 0)
    total = _total(rows)
    return [_with_rates(row) for row in rows], _with_rates(total)


def street_statistics(street_pk):
    """The per-unit statistics of a street's (None: every street's) suggestions as of
    today, {"rows", "total"}: what the statistics page shows unfiltered, kept by
    congress_portal.kept."""
    rows, total = unit_statistics(Suggestion.objects.in_street(street_pk), timezone.localdate())
    return {"rows": rows, "total": total}


def traffic_lights(street_pk):
    """A street's (None: every street's) traffic light as of today: {"lights": {signal:
    how many running suggestions}, "late_views": how many co-handling views are late},
    kept by congress_portal.kept (district-wide, 30-40 ms a page)."""
    today = timezone.localdate()
    return {
        "lights": Suggestion.objects.in_street(street_pk).signal_counts(today),
        "late_views": UnitAssignment.objects.in_street(street_pk).late_views(today).count(),
    }
