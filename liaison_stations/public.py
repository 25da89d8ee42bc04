"""The constituents' pages, reached with no account: a station's or a deputy's
matter form (opened from its QR code), the tracking page and the evaluation.
They show no one's personal data and are rate-limited per address and per
mobile or tracking number (django-ratelimit; RATELIMIT_VIEW answers 429)."""

import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from congress_portal import workflow
from congress_portal.access import client_address
from congress_portal.errors import DomainError
from deputies.models import Deputy

from . import services
from .forms import ConstituentEvaluationForm, OnlineMatterForm, TrackForm
from .models import Station, Visit, station_for

SENT, TRACKED = "matter-sent", "matter-tracked"  # session keys


def by_address(group, request):
    return client_address(request)


def by_phone(group, request):
    """The digits only: spaces or dashes around a number do not make it another."""
    return re.sub(r"\D", "", request.POST.get("phone", ""))


def by_tracking_number(group, request):
    return TrackForm.normalised(request.POST.get("number", ""))


def rate(name):
    return lambda group, request: getattr(settings, name)


limit_sending = (
    ratelimit(key=by_address, rate=rate("PUBLIC_SEND_RATE"), method="POST"),
    ratelimit(key=by_phone, rate=rate("PUBLIC_SEND_PHONE_RATE"), method="POST"),
)
limit_tracking = (
    ratelimit(key=by_address, rate=rate("PUBLIC_TRACK_RATE"), method="POST"),
    ratelimit(key=by_tracking_number, rate=rate("PUBLIC_TRACK_NUMBER_RATE"), method="POST"),
)


def limited(limits):
    def decorator(view):
        for limit in reversed(limits):
            view = limit(view)
        return view

    return decorator


@limited(limit_sending)
def station_matter(request, pk):
    """The form a station's QR code opens."""
    station = get_object_or_404(Station.objects.filter(active=True), pk=pk)
    return matter_form(request, station)


@limited(limit_sending)
def deputy_matter(request, pk):
    """The form a deputy's QR code opens: the matter goes to the deputy's station."""
    deputy = get_object_or_404(Deputy.objects.current(), pk=pk)
    station = station_for(deputy)
    if station is None:
        raise Http404
    return matter_form(request, station, deputy)


def matter_form(request, station, deputy=None):
    form = OnlineMatterForm(request.POST or None, request.FILES or None, street=station.street_id)
    if form.is_valid():
        if not form.is_bot:  # a bot is thanked as a person is, and nothing is kept
            visit = form.save(commit=False)
            visit.station, visit.addressed_to = station, deputy
            visit = services.submit_online(
                visit, form.cleaned_data["name"], form.cleaned_data["phone"]
            )
            request.session[SENT] = visit.tracking_number
        return redirect("liaison_stations:matter_sent")
    context = {
        "form": form,
        "station": station,
        "deputy": deputy,
        "retention_years": settings.ONLINE_MATTER_RETENTION_YEARS,
    }
    return render(request, "liaison_stations/public/matter_form.html", context)


def matter_sent(request):
    """The tracking number, once, after sending."""
    context = {"number": request.session.pop(SENT, None)}
    return render(request, "liaison_stations/public/matter_sent.html", context)


@limited(limit_tracking)
def track(request):
    """Look a matter up by its tracking number and the phone's last four digits. A
    wrong pair is answered exactly as an unknown number is."""
    form = TrackForm(request.POST or None)
    if form.is_valid():
        visit = Visit.objects.tracked(form.cleaned_data["number"], form.cleaned_data["digits"])
        if visit is not None:
            request.session[TRACKED] = visit.pk
            return redirect("liaison_stations:tracked")
        form.add_error(
            None,
            _("No matter has this tracking number with these digits. Check both and try again."),
        )
    return render(request, "liaison_stations/public/track.html", {"form": form})


@ratelimit(key=by_address, rate=rate("PUBLIC_TRACK_RATE"), method="POST")
def tracked(request):
    """The timeline of the matter looked up in this browser session, and the
    constituent's evaluation once it is fed back."""
    pk = request.session.get(TRACKED)
    if pk is None:
        return redirect("liaison_stations:track")
    visit = get_object_or_404(Visit.objects.select_related("station", "handling_unit"), pk=pk)
    evaluating = visit.state == Visit.State.FED_BACK
    form = ConstituentEvaluationForm(request.POST or None, visit=visit) if evaluating else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            workflow.take_step(visit, "evaluate", None, **form.step_arguments)
            return redirect("liaison_stations:tracked")
        except DomainError as error:
            form.add_error(None, error)
    context = {"visit": visit, "timeline": visit.public_timeline(), "form": form}
    return render(request, "liaison_stations/public/tracked.html", context)
