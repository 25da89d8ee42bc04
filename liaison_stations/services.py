"""Duty roster processes: check-in (which earns station-duty points) and swaps."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from deputies import services as deputies

from .models import DutyAssignment, SwapRequest


@transaction.atomic
def check_in(assignment, by, now=None):
    """The deputy on duty checks in on the day; the station-duty points follow."""
    assignment = (
        DutyAssignment.objects.select_for_update()
        .select_related("session__station", "deputy")
        .get(pk=assignment.pk)
    )
    assignment.check_in(now or timezone.now())
    save_as(assignment, by)
    deputies.award(
        assignment.deputy,
        "station_duty",
        occurred_on=assignment.session.date,
        source_record=assignment,
        by=by,
        description=str(assignment.session.station),
    )
    return assignment


@transaction.atomic
def request_swap(assignment, replacement, reason, by):
    if assignment.session.date < timezone.localdate():
        raise DomainError(_("This session is over."))
    _require_free(assignment.session, replacement)
    return save_as(SwapRequest(assignment=assignment, replacement=replacement, reason=reason), by)


@transaction.atomic
def decide_swap(swap, approve, by):
    """Staff approve (the replacement takes the duty) or reject a swap."""
    swap.decide(approve, by, timezone.now())
    if approve:
        assignment = swap.assignment
        if assignment.checked_in_at is not None:
            raise DomainError(_("The deputy has already checked in."))
        _require_free(assignment.session, swap.replacement)
        assignment.deputy = swap.replacement
        save_as(assignment, by)
    return save_as(swap, by)


def _require_free(session, deputy):
    if session.assignments.filter(deputy=deputy).exists():
        message = _("%(name)s is already on duty in this session.") % {"name": deputy.name}
        raise DomainError(message)
