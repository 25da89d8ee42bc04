"""What suggestions add to the deputies' and the handling units' pages (see
congress_portal.panels)."""

from django.db.models import Case, Count, F, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress_portal.panels import Todo

from .models import CoSignature, Signal, Suggestion, UnitAssignment

State = Suggestion.State
LISTED = 50  # on a unit's home: the soonest due; the traffic light counts them all


def awaiting_me(request, deputy):
    """The deputy's home: answers to evaluate and invitations to co-sign. Only the
    columns the panel shows (a suggestion's row is wide), and the key to the deputy,
    which Django reads on every row the deputy's related manager fetches."""
    to_evaluate = deputy.suggestions_led.filter(state=Suggestion.State.ANSWERED)
    invitations = deputy.cosignatures.filter(
        state=CoSignature.State.INVITED, suggestion__state__in=CoSignature.OPEN_TO_ANSWER
    )
    return {
        "to_evaluate": to_evaluate.only("lead", "title"),
        "invitations": invitations.select_related("suggestion__lead").only(
            "deputy", "suggestion__title", "suggestion__lead__name"
        ),
    }


def raised_from_visit(request, visit):
    """A visit's page: the suggestions raised from it that the reader may see."""
    suggestions = Suggestion.objects.visible_to(request.user).filter(visits=visit)
    return {"raised": suggestions.select_related("lead").order_by("pk")}


def suggestions_record(request, deputy, period):
    """The archive: suggestions the deputy led or co-signed, accepted in the period."""
    suggestions = (
        Suggestion.objects.led_or_cosigned(
            deputy.suggestions_led.all(),
            deputy.cosignatures.filter(state=CoSignature.State.CONFIRMED),
        )
        .filter(accepted_on__range=(period.start, period.end))
        .only("accepted_on", "number", "title", "lead", "state", "evaluation")
        .order_by("accepted_on", "pk")
    )
    return {"suggestions": suggestions, "deputy": deputy}


def awaiting_unit(request, unit):
    """A handling unit's home: the suggestions whose answer (lead unit) or view
    (co-handling unit) it still owes, the soonest due first (LISTED of them), and
    its traffic light over all of them."""
    lead, co = UnitAssignment.Role.LEAD, UnitAssignment.Role.CO
    today = timezone.localdate()
    parts = (
        UnitAssignment.objects.filter(unit=unit, returned_on=None)
        .filter(
            Q(role=lead, suggestion__state__in=Suggestion.DEADLINE_RUNNING)
            | Q(role=co, view_filed_on=None, suggestion__state__in=Suggestion.IN_HANDS_OF_UNITS)
        )
        .annotate(due=Case(When(role=co, then=F("view_due")), default=F("suggestion__deadline")))
    )
    counts = dict(
        parts.annotate(signal=Signal.case("due", today))
        .order_by()
        .values_list("signal")
        .annotate(n=Count("pk"))
    )
    listed = list(parts.select_related("suggestion").order_by("due", "pk")[:LISTED])
    for part in listed:
        part.signal = Signal.of(part.due, today)
    return {
        "parts": listed,
        "more": sum(counts.values()) - len(listed),
        "lights": [(signal, label, counts.get(signal, 0)) for signal, label in Signal.choices],
        "today": today,
    }


def staff_todo(request):
    """Suggestions to review, to assign, answers to review, and those overdue: one count
    each, served by the state index (as the stations' lines)."""
    suggestions = Suggestion.objects.visible_to(request.user)
    in_state = {state: suggestions.filter(state=state).count()
                for state in (State.SUBMITTED, State.ACCEPTED, State.REVIEWING)}  # fmt: skip
    overdue = suggestions.overdue(timezone.localdate()).count()
    ledger = reverse("suggestions:ledger")
    return {
        "title": _("Suggestions"),
        "todos": [
            Todo(
                _("Suggestions to review"), in_state[State.SUBMITTED], f"{ledger}?state=submitted"
            ),
            Todo(_("Suggestions to assign"), in_state[State.ACCEPTED], f"{ledger}?state=accepted"),
            Todo(_("Answers to review"), in_state[State.REVIEWING], f"{ledger}?state=reviewing"),
            Todo(_("Suggestions past their deadline"), overdue, f"{ledger}?signal=overdue"),
        ],
    }
