"""Early warning (履职预警): current deputies falling behind, with the reasons."""

import datetime

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Activity,
    Attendance,
    Category,
    Deputy,
    Membership,
    PointEntry,
    WarningReason,
    WarningRules,
)


class Reason(str):
    """A reason's message (what the early-warning page shows), carrying the code
    of the rule it breaks (`WarningReason`), which reminder letters are issued for."""

    def __new__(cls, code, message):
        reason = super().__new__(cls, message)
        reason.code = code
        return reason


def _subquery(queryset, aggregate, output_field=None):
    """One aggregate per deputy, as a subquery: joins would multiply each other's rows."""
    values = queryset.order_by().values("deputy").annotate(value=aggregate).values("value")
    return Subquery(values, output_field=output_field)


def at_risk(deputies, today):
    """[(deputy, [reasons])] for the current deputies that break a rule of their
    street's thresholds, in name order."""
    in_force = WarningRules.in_force()
    approved = PointEntry.objects.filter(deputy=OuterRef("pk"), state=PointEntry.State.APPROVED)
    term_start = (
        Membership.objects.filter(deputy=OuterRef(OuterRef("pk")), ended_on__isnull=True)
        .order_by("term__starts_on")
        .values("term__starts_on")[:1]
    )
    absences = Attendance.objects.filter(
        deputy=OuterRef("pk"),
        status=Attendance.Status.ABSENT,
        activity__kind=Activity.Kind.CONGRESS,
        activity__held_on__gte=Subquery(term_start),
    )
    deputies = deputies.current().annotate(
        year_points=Coalesce(
            _subquery(approved.filter(occurred_on__year=today.year), Sum("points")),
            Value(0),
            output_field=IntegerField(),
        ),
        last_duty=_subquery(
            approved.filter(rule__category=Category.STATION_DUTY), Max("occurred_on")
        ),
        congress_absences=Coalesce(
            _subquery(absences, Count("pk")), Value(0), output_field=IntegerField()
        ),
    )
    flagged = []
    for deputy in deputies.order_by("name", "pk"):
        reasons = _reasons(deputy, in_force[deputy.street_id], today)
        if reasons:
            flagged.append((deputy, reasons))
    return flagged


def flagged(street_pk):
    """The early-warning page's rows for a street (None: every street), as of today:
    [{pk, name, street, reasons}], kept by congress_portal.kept."""
    deputies = Deputy.objects.in_street(street_pk).select_related("street")
    return [
        {
            "pk": deputy.pk,
            "name": deputy.name,
            "street": deputy.street.name,
            "reasons": [str(reason) for reason in reasons],
        }  # fmt: skip
        for deputy, reasons in at_risk(deputies, timezone.localdate())
    ]


def _reasons(deputy, rules, today):
    reasons = []
    duty_cutoff = _months_before(today, rules.months_without_duty)
    if deputy.year_points < rules.min_points:
        message = _("%(points)s points this year, below %(minimum)s") % {
            "points": deputy.year_points,
            "minimum": rules.min_points,
        }
        reasons.append(Reason(WarningReason.LOW_POINTS, message))
    if deputy.last_duty is None or deputy.last_duty < duty_cutoff:
        message = _("No station duty for %(months)s months") % {"months": rules.months_without_duty}
        reasons.append(Reason(WarningReason.NO_STATION_DUTY, message))
    if deputy.congress_absences:
        message = _(
            "Absent from the congress session without leave (%(count)s): "
            "a second absence ends the mandate"
        ) % {"count": deputy.congress_absences}
        reasons.append(Reason(WarningReason.CONGRESS_ABSENCE, message))
    return reasons


def _months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))
