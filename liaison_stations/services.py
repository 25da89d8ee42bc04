"""Station processes: duty check-in and swaps, constituent visits and their handling."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from congress_portal.roles import Role
from deputies import services as deputies_services
from deputies.models import Deputy, RuleCode

from .models import (
    Constituent,
    DutyAssignment,
    PhoneReveal,
    Supervision,
    SwapRequest,
    Visit,
    visit_receivers,
)


@transaction.atomic
def check_in(assignment, by, now=None):
    """The deputy on duty checks in on the day; the station-duty points follow."""
    assignment = (
        DutyAssignment.objects.select_for_update()
        .select_related("session__station", "deputy")
        .get(pk=assignment.pk)
    )
    now = now or timezone.now()
    assignment.check_in(now)
    save_as(assignment, by, now)
    deputies_services.award(
        assignment.deputy,
        RuleCode.STATION_DUTY,
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


@transaction.atomic
def register_visit(visit, by, constituents=(), deputies=(), not_accepted_reason="", at=None):
    """Register a visit with its constituents (at least one); each deputy who received
    it earns points. A deputy registers visits of their open period received by the
    station's roster or by deputies who checked in there that day; staff any past
    visit received by deputies of the station's street. An out-of-scope matter
    (litigation, review, arbitration) is recorded as not accepted."""
    if visit.received_on > timezone.localdate(at):
        raise DomainError(_("A visit cannot be registered for a future date."))
    constituents = [constituent for constituent in constituents if not constituent.is_blank]
    if not constituents:
        raise DomainError(_("Enter at least one constituent: a name, a phone or an address."))
    _check_receivers(visit, by, deputies)
    visit.registered_by = by
    save_as(visit, by, at)
    visit.deputies.set(deputies)
    for constituent in constituents:
        constituent.visit = visit
        save_as(constituent, by, at)
    for deputy in deputies:
        _award_receiving(visit, deputy, by)
    if not_accepted_reason:
        visit.not_accept(not_accepted_reason, at=at)
        save_as(visit, by, at)
    return visit


def _award_receiving(visit, deputy, by):
    deputies_services.award(
        deputy,
        RuleCode.RECEIVE_CONSTITUENTS,
        occurred_on=visit.received_on,
        source_record=visit,
        by=by,
        description=visit.matter[:100],
    )


@transaction.atomic
def submit_online(visit, name, phone, at=None):
    """A constituent's matter from the public form (a station's or a deputy's QR
    code): registered with no receiver, for the staff's triage, with the moment
    the personal information notice was accepted. Returns the visit, whose
    tracking number the constituent keeps."""
    at = at or timezone.now()
    visit.channel = Visit.Channel.ONLINE
    visit.received_on, visit.consented_at = timezone.localdate(at), at
    save_as(visit, None, at)
    save_as(Constituent(visit=visit, name=name, phone=phone), None, at)
    return visit


def take_up(visit, by, at):
    """The deputy the constituent wrote to takes the matter up (the step is theirs
    only while no deputy has): they receive it and earn the points for receiving
    constituents; staff route it on as any visit."""
    deputy = visit.addressed_to
    visit.deputies.add(deputy)
    _award_receiving(visit, deputy, by)
    return deputy.name


def evaluate(visit, by, at, evaluation, comment=""):
    """The constituent's evaluation: on the tracking page (`by` None) or given in
    person and recorded by staff, as the visit records."""
    given = Visit.EvaluationGiven.ONLINE if by is None else Visit.EvaluationGiven.IN_PERSON
    return visit.evaluate(evaluation, comment, given, at=at)


@transaction.atomic
def erase_expired_constituents(today):
    """The names and numbers of online matters closed more than
    ONLINE_MATTER_RETENTION_YEARS ago are erased, as the public form's notice says.
    Returns how many constituents were erased."""
    expired = Constituent.objects.filter(
        visit__channel=Visit.Channel.ONLINE,
        visit__closed_on__lt=years_before(today, settings.ONLINE_MATTER_RETENTION_YEARS),
    ).exclude(name="", phone="", address="")
    erased = list(expired.values_list("pk", flat=True))
    # Their history keeps every earlier version: erased too.
    Constituent.history.filter(id__in=erased).update(name="", phone="", address="")
    return Constituent.objects.filter(pk__in=erased).update(name="", phone="", address="")


def years_before(day, years):
    """The same day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _check_receivers(visit, by, deputies):
    if by.role == Role.STAFF:
        allowed = Deputy.objects.filter(street=visit.station.street_id)
        refusal = _("%(names)s: not a deputy of this station's street.")
    else:
        registering = Deputy.objects.filter(user=by).first()
        if registering is None:
            raise DomainError(_("Your account is not linked to a deputy record."))
        deputies_services.check_open_period(registering, visit.received_on)
        allowed = visit_receivers([visit.station], visit.received_on)
        refusal = _(
            "%(names)s: neither on this station's roster nor checked in here that day. "
            "Ask the committee staff to add them."
        )
    allowed = set(allowed.values_list("pk", flat=True))
    outsiders = [deputy.name for deputy in deputies if deputy.pk not in allowed]
    if outsiders:
        raise DomainError(refusal % {"names": "、".join(outsiders)})


def submit_reply(visit, by, at, reply, proof=None):
    """The unit's reply and its proof, for the staff's review."""
    visit.submit_reply(reply, at=at)
    if proof:
        visit.reply_proof = proof
    return reply


def supervise(visit, by, method, note, on=None):
    return Supervision.objects.create(
        visit=visit, by=by, method=method, note=note, on=on or timezone.localdate()
    )


def reveal_phone(constituent, by):
    """The full number, for staff on the case page; every reveal is logged."""
    PhoneReveal.objects.create(constituent=constituent, by=by)
    return constituent.phone


def ledger_side_counts(street_pk):
    """The visit ledger's side tables for a street (None: the district), kept by
    congress_portal.kept."""
    return Visit.objects.in_street(street_pk).side_counts()
