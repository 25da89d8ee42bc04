"""What suggestions add to the deputies' and the handling units' pages (see
congress_portal.panels)."""

from django.db.models import Case, F, Q, When
from django.utils import timezone

from .models import CoSignature, Signal, Suggestion, UnitAssignment


def awaiting_me(request, deputy):
    """The deputy's home: answers to evaluate and invitations to co-sign."""
    return {
        "to_evaluate": deputy.suggestions_led.filter(state=Suggestion.State.ANSWERED),
        "invitations": deputy.cosignatures.filter(
            state=CoSignature.State.INVITED, suggestion__state__in=CoSignature.OPEN_TO_ANSWER
        ).select_related("suggestion__lead"),
    }


def suggestions_record(request, deputy, period):
    """The archive: suggestions the deputy led or co-signed, accepted in the period."""
    suggestions = (
        Suggestion.objects.led_or_cosigned(
            deputy.suggestions_led.all(),
            deputy.cosignatures.filter(state=CoSignature.State.CONFIRMED),
        )
        .filter(accepted_on__range=(period.start, period.end))
        .select_related("lead")
        .order_by("accepted_on", "pk")
    )
    return {"suggestions": suggestions, "deputy": deputy}


def awaiting_unit(request, unit):
    """A handling unit's home: the suggestions whose answer (lead unit) or view
    (co-handling unit) it still owes, soonest due first."""
    lead, co = UnitAssignment.Role.LEAD, UnitAssignment.Role.CO
    parts = (
        UnitAssignment.objects.filter(unit=unit, returned_on=None)
        .filter(
            Q(role=lead, suggestion__state__in=Suggestion.DEADLINE_RUNNING)
            | Q(role=co, view_filed_on=None, suggestion__state__in=Suggestion.IN_HANDS_OF_UNITS)
        )
        .annotate(due=Case(When(role=co, then=F("view_due")), default=F("suggestion__deadline")))
        .select_related("suggestion")
        .order_by("due", "pk")
    )
    today = timezone.localdate()
    parts = list(parts)
    for part in parts:
        part.signal = Signal.of(part.due, today)
    # The unit's own traffic light (三色督办): how many of its parts by time left.
    lights = [
        (signal, label, sum(1 for part in parts if part.signal == signal))
        for signal, label in Signal.choices
    ]
    return {"parts": parts, "lights": lights, "today": today}
