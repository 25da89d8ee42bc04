"""What suggestions add to the deputies' pages (see congress_portal.panels)."""

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
