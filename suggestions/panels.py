"""What suggestions add to the deputies' pages (see congress_portal.panels)."""

from django.db.models import Q

from .models import CoSignature, Suggestion


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
    cosigned = deputy.cosignatures.filter(state=CoSignature.State.CONFIRMED).values("suggestion")
    suggestions = (
        Suggestion.objects.filter(Q(lead=deputy) | Q(pk__in=cosigned))
        .filter(accepted_on__range=(period.start, period.end))
        .select_related("lead")
        .order_by("accepted_on", "pk")
    )
    return {"suggestions": suggestions, "deputy": deputy}
