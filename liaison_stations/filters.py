import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds
from congress_portal.models import Community, Street
from congress_portal.scoping import is_district_wide
from congress_portal.widgets import DateInput

from .models import Station, Visit


class VisitFilter(django_filters.FilterSet):
    """The visit ledger's filters; choices limited to the user's streets. A district has
    hundreds of stations and communities: a district-level account chooses the street
    first, then its stations and communities."""

    street = django_filters.ModelChoiceFilter(
        field_name="station__street",
        queryset=Street.objects.none(),
        label=_("Street"),
        help_text=_("Show a street's visits to choose among its stations and communities."),
    )
    station = django_filters.ModelChoiceFilter(queryset=Station.objects.none(), label=_("Station"))
    community = django_filters.ModelChoiceFilter(
        field_name="station__community", queryset=Community.objects.none(), label=_("Community")
    )
    category = django_filters.ChoiceFilter(choices=Visit.Category.choices, label=_("Category"))
    channel = django_filters.ChoiceFilter(choices=Visit.Channel.choices, label=_("Came through"))
    state = django_filters.ChoiceFilter(choices=Visit.State.choices, label=_("State"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue"), widget=forms.CheckboxInput
    )
    received_after = django_filters.DateFilter(
        field_name="received_on",
        lookup_expr="gte",
        label=_("Received from"),
        widget=DateInput(),
        validators=[bounds.event_date],
    )
    received_before = django_filters.DateFilter(
        field_name="received_on",
        lookup_expr="lte",
        label=_("Received until"),
        widget=DateInput(),
        validators=[bounds.event_date],
    )

    class Meta:
        model = Visit
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        street = user.street_id
        if is_district_wide(user):
            self.filters["street"].queryset = Street.objects.order_by("name")
            chosen = str(self.data.get("street", ""))
            street = int(chosen) if chosen.isdigit() else None
        else:
            del self.filters["street"]
        if street is None:
            del self.filters["station"], self.filters["community"]
            return
        self.filters["station"].queryset = Station.objects.visible_to(user).filter(street=street)
        self.filters["community"].queryset = Community.objects.visible_to(user).filter(
            street=street
        )

    def filter_overdue(self, visits, name, value):
        return visits.overdue(timezone.localdate()) if value else visits


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's search (a station's name, address or community, or a
    stationed deputy's name) and its street filter."""

    q = django_filters.CharFilter(method="search", label=_("Station, community or deputy"))
    street = django_filters.ModelChoiceFilter(
        queryset=Street.objects.filter(stations__active=True).distinct().order_by("name"),
        label=_("Street"),
        empty_label=_("All streets"),
    )

    class Meta:
        model = Station
        fields = []

    def search(self, stations, name, value):
        matches = (
            Q(name__icontains=value)
            | Q(address__icontains=value)
            | Q(community__name__icontains=value)
            | Q(pk__in=Station.deputies.through.objects.filter(deputy__name__icontains=value)
                .values("station"))
        )  # fmt: skip
        return stations.filter(matches)
