import datetime

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress_portal.access import role_required
from congress_portal.errors import DomainError
from congress_portal.models import Community
from congress_portal.roles import Role
from congress_portal.scoping import scope_to_street
from deputies.models import Membership

from . import services
from .forms import SwapForm
from .models import DutyAssignment, DutySession, Station

PUBLIC_WEEKS = 4
READERS = (Role.STAFF, Role.LEADERSHIP)


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
    stations = (
        Station.objects.filter(active=True)
        .select_related("street", "community")
        .prefetch_related(
            Prefetch("sessions", upcoming, to_attr="upcoming"),
            Prefetch("deputies__memberships", open_memberships, to_attr="open_memberships"),
        )
    )
    return render(request, "liaison_stations/directory.html", {"stations": stations})


@role_required(Role.DEPUTY, *READERS)
def roster(request, pk):
    """One station's sessions of a month, with who was on duty and who checked in."""
    stations = Station.objects.all()
    if request.user.role != Role.DEPUTY:
        stations = scope_to_street(stations, request.user, "street")
    station = get_object_or_404(stations, pk=pk)
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
    try:
        return datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
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
    communities = scope_to_street(Community.objects.all(), request.user, "street")
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
