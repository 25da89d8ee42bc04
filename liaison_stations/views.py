import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress_portal import bounds, panels
from congress_portal.access import role_required
from congress_portal.errors import DomainError, errors_in_words
from congress_portal.files import basename, send_file
from congress_portal.kept import kept
from congress_portal.ledgers import filters_query
from congress_portal.models import Community
from congress_portal.paging import CountedPaginator
from congress_portal.roles import READERS, Role
from congress_portal.submissions import answered_once
from congress_portal.views import step_forms, step_view
from deputies.models import Deputy, Membership
from deputies.views import send_photo

from . import services
from .filters import DirectoryFilter, VisitFilter
from .forms import ConstituentFormSet, SupervisionForm, SwapForm, VisitForm
from .models import DutyAssignment, DutySession, Station, Visit, with_ledger_lists

PUBLIC_WEEKS = 4
DIRECTORY_PAGE = 10  # stations a page of the public directory
# Who registers visits: the deputy on duty, or staff.
REGISTERING = (Role.DEPUTY, Role.STAFF)


def own_assignment(request, pk):
    """The signed-in deputy's own duty; anyone else's is a 404."""
    duties = DutyAssignment.objects.select_related("session__station", "deputy")
    return get_object_or_404(duties, pk=pk, deputy__user=request.user)


def directory(request):
    """Public list of open stations, their deputies and the published roster."""
    today = timezone.localdate()
    upcoming = (
        DutySession.objects.filter(
            date__gte=today,
            date__lt=today + datetime.timedelta(weeks=PUBLIC_WEEKS),
            publish_on__lte=today,
        )
        .prefetch_related("deputies")
        .order_by("date", "starts_at")
    )
    open_memberships = Membership.objects.filter(ended_on__isnull=True).select_related("term")
    found = DirectoryFilter(request.GET, queryset=Station.objects.filter(active=True))
    stations = found.qs.select_related("street", "community").prefetch_related(
        Prefetch("sessions", upcoming, to_attr="upcoming"),
        Prefetch("deputies__memberships", open_memberships, to_attr="open_memberships"),
    )
    page = Paginator(stations, DIRECTORY_PAGE).get_page(request.GET.get("page"))
    context = {"filter": found, "stations": page, "filters": filters_query(request)}
    return render(request, "liaison_stations/directory.html", context)


def portrait(request, pk):
    """A deputy's photo on the public directory: only for deputies it shows, those
    stationed at an open station. Other deputies' photos are for signed-in readers."""
    shown = Deputy.objects.filter(stations__active=True).distinct()
    return send_photo(request, get_object_or_404(shown, pk=pk).photo)


@role_required(Role.DEPUTY, *READERS)
def roster(request, pk):
    """One station's sessions of a month, with who was on duty and who checked in:
    for a deputy, a station of their own street."""
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    month = chosen_month(request)
    next_month = (month + datetime.timedelta(days=31)).replace(day=1)
    sessions = station.sessions.filter(date__gte=month, date__lt=next_month).prefetch_related(
        Prefetch("assignments", DutyAssignment.objects.select_related("deputy"))
    )
    context = {
        "station": station,
        "sessions": sessions,
        "month": month,
        "previous_month": (month - datetime.timedelta(days=1)).replace(day=1),
        "next_month": next_month,
        "today": timezone.localdate(),
    }
    return render(request, "liaison_stations/roster.html", context)


def chosen_month(request):
    """The month asked for; this month when none is, or one out of bounds."""
    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
        if month in bounds.event_date:
            return month
    except ValueError:
        pass
    return timezone.localdate().replace(day=1)


@require_POST
@role_required(Role.DEPUTY)
def check_in(request, pk):
    try:
        services.check_in(own_assignment(request, pk), request.user)
        messages.success(request, _("Checked in. Thank you for your duty."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("deputies:my_duties")


@role_required(Role.DEPUTY)
def request_swap(request, pk):
    assignment = own_assignment(request, pk)
    form = SwapForm(request.POST or None, assignment=assignment)
    if form.is_valid():
        try:
            services.request_swap(assignment, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your swap request was sent to the committee staff."))
            return redirect("deputies:my_duties")
        except DomainError as error:
            form.add_error(None, error)
    context = {"form": form, "assignment": assignment}
    return render(request, "liaison_stations/swap_form.html", context)


@role_required(*READERS)
def coverage(request):
    """Which communities have a station, of which kind."""
    communities = Community.objects.visible_to(request.user)
    communities = communities.select_related("street").prefetch_related(
        Prefetch("stations", Station.objects.filter(active=True))
    )
    kinds = Station.Kind.choices
    rows = []
    for community in communities:
        cells = [[s for s in community.stations.all() if s.kind == kind] for kind, _ in kinds]
        rows.append((community, cells, any(cells)))
    covered = sum(1 for row in rows if row[2])
    context = {"rows": rows, "kinds": kinds, "covered": covered, "total": len(rows)}
    return render(request, "liaison_stations/coverage.html", context)


@role_required(Role.DEPUTY, *READERS)
def visit_ledger(request):
    """The visit ledger (台账): filters, overdue cases, counts; exported in the background."""
    visits = Visit.objects.visible_to(request.user)
    visit_filter = VisitFilter(request.GET, queryset=visits, user=request.user)
    visits = visit_filter.qs.for_rows()
    today = timezone.localdate()
    filters = filters_query(request)
    if request.user.role in READERS and not filters:
        # The whole street's (or district's) tables and total: as a worker last counted them.
        counted = kept(services.ledger_side_counts, request.user.street_id)
        side_counts, counted_at = counted.data, counted.counted_at
        total = sum(row["count"] for row in side_counts["by_channel"])
        pages = CountedPaginator(visits, 30, total)
    else:
        side_counts, counted_at = visit_filter.qs.side_counts(), None
        pages = Paginator(visits, 30)
    page = pages.get_page(request.GET.get("page"))
    with_ledger_lists(page)
    context = {
        **side_counts,
        "counted_at": counted_at,
        "filter": visit_filter,
        "visits": page,
        "today": today,
        "filters": filters,
        "can_register": request.user.role in REGISTERING,
        # The staff's triage list: the ledger filtered to online matters not yet accepted.
        "to_triage": visits_to_triage(request.user),
    }
    return render(request, "liaison_stations/visit_ledger.html", context)


def visits_to_triage(user):
    if user.role != Role.STAFF:
        return 0
    online = Visit.objects.visible_to(user).filter(channel=Visit.Channel.ONLINE)
    return online.filter(state=Visit.State.REGISTERED).count()


@role_required(Role.DEPUTY, Role.UNIT, *READERS)
def visit_detail(request, pk):
    """The case page: the matter, its handling so far, and the next steps for staff."""
    visits = Visit.objects.visible_to(request.user)
    visit = get_object_or_404(
        visits.select_related("station", "handling_unit", "registered_by"), pk=pk
    )
    is_staff = request.user.role == Role.STAFF
    revealed = request.session.pop(f"revealed-{visit.pk}", {})
    context = {
        "visit": visit,
        # A unit replies to the committee, which feeds back: it needs no one's personal data.
        "constituents": None
        if request.user.role == Role.UNIT
        else [
            (person, revealed.get(str(person.pk), person.masked_phone))
            for person in visit.constituents.all()
        ],
        "supervisions": visit.supervisions.select_related("by"),
        "history": visit.history.select_related("history_user").order_by("history_date"),
        "steps": step_forms(visit, request),
        "supervision_form": SupervisionForm() if is_staff else None,
        "is_staff": is_staff,
        # Staff, and whoever registered it to hand it to the constituent: with the
        # masked phone's last digits it opens the constituent's tracking page.
        "shows_tracking_number": is_staff or visit.registered_by_id == request.user.pk,
        "today": timezone.localdate(),
        "panels": panels.render("visit_detail", request, visit=visit),
    }
    return render(request, "liaison_stations/visit_detail.html", context)


def visible_visit(request, pk):
    return get_object_or_404(Visit.objects.visible_to(request.user), pk=pk)


@role_required(Role.DEPUTY, Role.UNIT, *READERS)
def reply_proof(request, pk):
    """The unit's proof of its reply, to those who may see the matter."""
    visit = visible_visit(request, pk)
    if not visit.reply_proof:
        raise Http404
    return send_file(request, visit.reply_proof, basename(visit.reply_proof))


@role_required(Role.DEPUTY, Role.UNIT, *READERS)
def visit_photo(request, pk):
    """The photo a constituent sent with an online matter."""
    visit = visible_visit(request, pk)
    if not visit.photo:
        raise Http404
    return send_file(request, visit.photo, basename(visit.photo), as_attachment=False)


visit_step = step_view(
    visible_visit, "liaison_stations:visit_detail", Role.STAFF, Role.UNIT, Role.DEPUTY
)


@require_POST
@role_required(Role.STAFF)
@answered_once
def add_supervision(request, pk):
    visit = visible_visit(request, pk)
    form = SupervisionForm(request.POST)
    if form.is_valid():
        services.supervise(visit, request.user, **form.cleaned_data)
        messages.success(request, _("Supervision recorded."))
    else:
        messages.error(request, errors_in_words(form))
    return redirect("liaison_stations:visit_detail", pk=visit.pk)


@require_POST
@role_required(Role.STAFF)
def reveal_phone(request, pk, constituent_pk):
    """Show one constituent's full number once, on the case page; the reveal is logged."""
    visit = visible_visit(request, pk)
    constituent = get_object_or_404(visit.constituents, pk=constituent_pk)
    revealed = {str(constituent.pk): services.reveal_phone(constituent, request.user)}
    request.session[f"revealed-{visit.pk}"] = revealed
    return redirect("liaison_stations:visit_detail", pk=visit.pk)


def station_checked_in(user, day):
    """The station where the user, a deputy on duty, checked in on `day` (None: none)."""
    duties = DutyAssignment.objects.filter(
        deputy__user=user, session__date=day, checked_in_at__isnull=False
    )
    return duties.values_list("session__station", flat=True).first()


@role_required(*REGISTERING)
@answered_once
def register_visit(request):
    """The deputy on duty or staff register a visit with its constituents, at a
    station of their street."""
    staff, today = request.user.role == Role.STAFF, timezone.localdate()
    form = VisitForm(
        request.POST or None,
        stations=Station.objects.visible_to(request.user).filter(active=True),
        staff=staff,
        initial={
            "received_on": today,
            "station": station_checked_in(request.user, today),
            "deputies": Deputy.objects.filter(user=request.user),
        },
    )
    constituents = ConstituentFormSet(request.POST or None, prefix="constituents")
    if form.is_valid() and constituents.is_valid():
        try:
            visit = services.register_visit(
                form.save(commit=False),
                request.user,
                constituents=constituents.save(commit=False),
                deputies=form.cleaned_data["deputies"],
                not_accepted_reason=form.cleaned_data["not_accepted_reason"]
                if form.cleaned_data["not_accepted"]
                else "",
            )
            messages.success(
                request,
                _("The visit was registered. Its tracking number for the constituent: %(number)s")
                % {"number": visit.tracking_display},
            )
            return redirect("liaison_stations:visit_detail", pk=visit.pk)
        except DomainError as error:
            form.add_error(None, error)
    context = {"form": form, "constituents": constituents}
    return render(request, "liaison_stations/visit_form.html", context)
