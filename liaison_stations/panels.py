"""What the stations add to the deputies' and the handling units' pages (see
congress_portal.panels)."""

from django.db.models import F
from django.utils import timezone

from .models import DutyAssignment, Visit

LISTED = 50  # on a unit's home: the soonest due, and how many more


def next_duty(request, deputy):
    """The deputy's home: the next duty (today's can be checked in)."""
    today = timezone.localdate()
    duties = DutyAssignment.objects.filter(deputy=deputy, session__date__gte=today)
    duty = duties.select_related("session__station").order_by("session__date").first()
    return {"duty": duty, "today": today}


def matters_for_me(request, deputy):
    """The deputy's home: matters constituents sent with the deputy's QR code, not yet
    taken up, and replies the deputy is to feed back to constituents they received."""
    return {
        "to_take_up": deputy.matters_addressed.filter(
            state=Visit.State.REGISTERED, deputies=None
        ).order_by("received_on", "pk"),
        "to_feed_back": deputy.visits_received.filter(state=Visit.State.REPLIED).order_by(
            "replied_on", "pk"
        ),
    }


def duty_record(request, deputy, period):
    """The archive: the deputy's duty sessions in the period, attended or missed."""
    duties = DutyAssignment.objects.filter(
        deputy=deputy, session__date__range=(period.start, period.end)
    ).select_related("session__station")
    today = timezone.localdate()
    duties = [(duty, duty.missed(today)) for duty in duties.order_by("session__date")]
    return {
        "duties": duties,
        "attended": sum(1 for duty, _missed in duties if duty.checked_in_at),
        "missed": sum(1 for _duty, missed in duties if missed),
    }


def visits_received(request, deputy, period):
    """The archive: the visits the deputy received in the period."""
    visits = deputy.visits_received.filter(received_on__range=(period.start, period.end))
    return {"visits": visits.select_related("station").order_by("received_on")}


def awaiting_unit(request, unit):
    """A handling unit's home: the matters referred or assigned to it, still awaiting
    its reply, the soonest due first (those without a deadline last), LISTED of them."""
    visits = Visit.objects.filter(handling_unit=unit, state__in=Visit.WITH_UNIT)
    listed = visits.select_related("station").order_by(F("deadline").asc(nulls_last=True), "pk")
    listed = list(listed[:LISTED])
    more = visits.count() - len(listed)
    return {"visits": listed, "more": more, "today": timezone.localdate()}
