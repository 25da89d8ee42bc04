"""What the stations add to the deputies' and the handling units' pages (see
congress_portal.panels)."""

from django.db.models import Count, F, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress_portal.panels import Todo
from deputies.services import ARCHIVE_LISTS

from .models import DutyAssignment, SwapRequest, Visit

LISTED = 50  # on a unit's home: the soonest due, and how many more


def next_duty(request, deputy):
    """The deputy's home: the next duty (today's can be checked in)."""
    today = timezone.localdate()
    duties = DutyAssignment.objects.filter(deputy=deputy, session__date__gte=today)
    duties = duties.select_related("session__station").order_by("session__date").only(
        "checked_in_at", "session__date", "session__starts_at", "session__ends_at",
        "session__station__name",
    )  # fmt: skip
    return {"duty": duties.first(), "today": today}


def matters_for_me(request, deputy):
    """The deputy's home: matters constituents sent with the deputy's QR code, not yet
    taken up, and replies the deputy is to feed back to constituents they received."""
    to_take_up = deputy.matters_addressed.filter(state=Visit.State.REGISTERED, deputies=None)
    to_feed_back = deputy.visits_received.filter(state=Visit.State.REPLIED)
    # The matter alone (a visit's row is wide), and to_take_up's key to the deputy, which
    # Django reads on every row the deputy's related manager fetches.
    return {
        "to_take_up": to_take_up.order_by("received_on", "pk").only("addressed_to", "matter"),
        "to_feed_back": to_feed_back.order_by("replied_on", "pk").only("matter"),
    }


def duty_record(request, deputy, period):
    """The archive: the deputy's duty sessions in the period, attended or missed."""
    duties = (
        DutyAssignment.objects.filter(
            deputy=deputy, session__date__range=(period.start, period.end)
        )
        .select_related("session__station")
        .only("checked_in_at", "session__date", "session__station__name")
    )
    today = timezone.localdate()
    duties = [(duty, duty.missed(today)) for duty in duties.order_by("session__date")]
    return {
        "duties": duties,
        "attended": sum(1 for duty, _missed in duties if duty.checked_in_at),
        "missed": sum(1 for _duty, missed in duties if missed),
    }


def received_in(deputy, period):
    """The visits the deputy received in the period, with what the archive shows of them
    (the page the latest, its PDF all of them)."""
    visits = deputy.visits_received.filter(received_on__range=(period.start, period.end))
    return visits.select_related("station").only("received_on", "matter", "state", "station__name")


def visits_received(request, deputy, period):
    """The archive: the latest visits the deputy received in the period, and how many
    there are in all, in one query (a count of its own read the deputy's visits again,
    1.2 ms)."""
    in_all = Window(Count("pk"))
    recent = received_in(deputy, period).annotate(in_all=in_all).order_by("-received_on", "-pk")
    recent = list(recent[:ARCHIVE_LISTS])
    return {
        "recent_visits": recent,
        "visit_count": recent[0].in_all if recent else 0,
        "listed": ARCHIVE_LISTS,
    }


def awaiting_unit(request, unit):
    """A handling unit's home: the matters referred or assigned to it, still awaiting
    its reply, the soonest due first (those without a deadline last), LISTED of them."""
    visits = Visit.objects.filter(handling_unit=unit, state__in=Visit.WITH_UNIT)
    listed = visits.select_related("station").order_by(F("deadline").asc(nulls_last=True), "pk")
    listed = list(listed[:LISTED])
    more = visits.count() - len(listed)
    return {"visits": listed, "more": more, "today": timezone.localdate()}


def staff_todo(request):
    """Online matters to accept, replies to review, overdue matters, swaps to decide and
    today's duty not yet checked in: one count each."""
    user, today = request.user, timezone.localdate()
    # Three counts, each served by the state index: one aggregate over the three would
    # read every visit of the street (220 ms at city scale).
    visits = Visit.objects.visible_to(user)
    to_accept = visits.filter(channel=Visit.Channel.ONLINE, state=Visit.State.REGISTERED).count()
    to_review = visits.filter(state=Visit.State.REPLY_REVIEW).count()
    overdue = visits.overdue(today).count()
    swaps = SwapRequest.objects.visible_to(user).filter(state=SwapRequest.State.PENDING)
    duty = DutyAssignment.objects.visible_to(user).filter(session__date=today)
    absent = duty.filter(checked_in_at=None).count()
    ledger = reverse("liaison_stations:visit_ledger")
    swap_list = reverse("admin:liaison_stations_swaprequest_changelist")
    duty_list = reverse("admin:liaison_stations_dutysession_changelist")
    return {
        "title": _("Liaison stations"),
        "todos": [
            Todo(_("Online matters to accept"), to_accept,
                 f"{ledger}?channel=online&state=registered"),
            Todo(_("Units' replies to review"), to_review,
                 f"{ledger}?state=reply_review"),
            Todo(_("Matters past their deadline"), overdue, f"{ledger}?overdue=on"),
            Todo(_("Duty swaps to decide"), swaps.count(), f"{swap_list}?state=pending"),
            Todo(_("On duty today, not yet checked in"), absent,
                 f"{duty_list}?date={today.isoformat()}"),
        ],
    }  # fmt: skip
