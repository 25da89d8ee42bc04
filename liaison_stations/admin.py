from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from congress_portal import sheets
from congress_portal.admin import (
    BackgroundImportMixin,
    ReadOnlyAdminMixin,
    record_table,
    rows_table,
)
from congress_portal.errors import DomainError
from congress_portal.paging import CappedCountPaginator
from congress_portal.scoping import (
    ScopedRelatedFieldListFilter,
    StreetFirstListFilter,
    StreetScopedAdminMixin,
)

from . import qr, search, services
from .models import (
    TRACKING_LENGTH,
    Constituent,
    DutyAssignment,
    DutySession,
    LiaisonOfficer,
    PhoneReveal,
    StandardCheck,
    StandardItem,
    Station,
    Supervision,
    SwapRequest,
    Visit,
)
from .resources import VisitResource


class StandardCheckInline(StreetScopedAdminMixin, admin.TabularInline):
    model = StandardCheck
    extra = 0
    fields = ["item", "met", "note", "checked_on", "checked_by"]
    readonly_fields = ["checked_by"]


@admin.register(Station)
class StationAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "street", "community", "address", "active"]
    list_select_related = ["street", "community"]
    list_filter = ["kind", "active", ("street", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "address"]
    autocomplete_fields = ["deputies"]
    inlines = [StandardCheckInline]
    actions = ["print_posters"]

    @admin.action(description=_("Print QR code posters of the stations and their deputies"))
    def print_posters(self, request, stations):
        """In the background, as every PDF: the staff member downloads it on 导出文件."""
        filters = QueryDict(mutable=True)
        filters.setlist("station", [str(pk) for pk in stations.values_list("pk", flat=True)])
        deputies = Station.deputies.through.objects.filter(station__in=stations)
        filters.setlist("deputy", [str(pk) for pk in deputies.values_list("deputy", flat=True)])
        sheets.start(request.user, qr.QR_POSTERS.name, filters)
        return redirect("sheet_jobs")

    def save_formset(self, request, form, formset, change):
        """Record who checked each standard item."""
        checks = formset.save(commit=False)
        for check in checks:
            check.checked_by = request.user
            check.save()
        for removed in formset.deleted_objects:
            removed.delete()


@admin.register(StandardItem)
class StandardItemAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "group", "order"]
    list_filter = ["group"]


class DutyAssignmentInline(StreetScopedAdminMixin, admin.TabularInline):
    model = DutyAssignment
    extra = 1
    autocomplete_fields = ["deputy"]
    readonly_fields = ["checked_in_at"]


@admin.register(DutySession)
class DutySessionAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["date", "starts_at", "ends_at", "station", "publish_on"]
    list_select_related = ["station"]
    list_filter = [
        ("station__street", ScopedRelatedFieldListFilter),
        ("station", StreetFirstListFilter),
    ]
    date_hierarchy = "date"
    inlines = [DutyAssignmentInline]


@admin.register(SwapRequest)
class SwapRequestAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["assignment", "replacement", "reason", "state", "decided_by"]
    list_select_related = ["assignment__session__station", "assignment__deputy", "replacement"]
    list_filter = ["state"]
    readonly_fields = ["assignment", "replacement", "reason", "state", "decided_by", "decided_at"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False  # deputies ask from their home page

    @admin.action(description=_("Approve the selected swaps"))
    def approve(self, request, swaps):
        self._decide(request, swaps, approve=True)

    @admin.action(description=_("Reject the selected swaps"))
    def reject(self, request, swaps):
        self._decide(request, swaps, approve=False)

    def _decide(self, request, swaps, approve):
        for swap in swaps:
            try:
                services.decide_swap(swap, approve, request.user)
            except DomainError as error:
                self.message_user(request, f"{swap}: {error.message}", messages.ERROR)


@admin.register(LiaisonOfficer)
class LiaisonOfficerAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "community", "deputy", "status", "appointed_on", "matter_count"]
    list_select_related = ["community", "deputy"]
    list_filter = ["status", ("community", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "deputy__name"]
    autocomplete_fields = ["deputy"]
    ordering = ["name", "pk"]  # the visits' officer picker pages through them in order

    def get_queryset(self, request):
        """Each officer's matters counted for the rows shown: grouped over a join, every
        officer's visits were counted for each page and each search of the picker."""
        matters = Visit.objects.filter(reported_by=OuterRef("pk")).order_by()
        count = matters.values("reported_by").annotate(n=Count("pk")).values("n")
        return super().get_queryset(request).annotate(matter_count=Coalesce(Subquery(count), 0))

    @admin.display(description=_("matters reported"), ordering="matter_count")
    def matter_count(self, officer):
        return officer.matter_count


class ConstituentInline(StreetScopedAdminMixin, admin.TabularInline):
    """Staff correct or remove the people who came; they are added where the visit is
    registered, under the notice that asks for their consent."""

    model = Constituent
    extra = 0
    fields = ["name", "masked_phone", "address"]
    readonly_fields = ["masked_phone"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("phone"))
    def masked_phone(self, constituent):
        return constituent.masked_phone


RECORD_FIELDS = [
    field
    for field in [*Visit._meta.fields, *Visit._meta.many_to_many]
    if field.name not in {"headline", "reported_by"}
]
# Supervision is recorded on the case page, which names who supervised.
SUPERVISION_FIELDS = [
    field for field in Supervision._meta.fields if field.name not in {"id", "visit"}
]


@admin.register(Visit)
class VisitAdmin(StreetScopedAdminMixin, BackgroundImportMixin, ImportMixin, SimpleHistoryAdmin):
    """Read the visits here; handling steps are taken on the case page, which checks them.
    Past years' visits are imported from their ledger (liaison_stations.resources)."""

    list_display = ["received_on", "station", "category", "matter", "state", "deadline"]
    list_select_related = ["station"]
    list_filter = [
        "state",
        "channel",
        "category",
        ("station__street", ScopedRelatedFieldListFilter),
        ("station", StreetFirstListFilter),
        ("received_on", admin.DateFieldListFilter),  # no date_hierarchy: it reads every row
    ]
    search_fields = ["matter", "tracking_number"]
    search_help_text = _("A tracking number, or words of the matter.")
    inlines = [ConstituentInline]
    # Staff name the matter for reports and the liaison officer who reported it; the
    # rest, the receivers too (they earned points when it was registered), is the record.
    fields = ["record", "supervisions", "headline", "reported_by"]
    readonly_fields = ["record", "supervisions"]
    autocomplete_fields = ["reported_by"]
    resource_classes = [VisitResource]
    formats = [XLSX]
    sheet_name = "visit_ledger"
    sheet_label = _("Visit ledger")

    def has_add_permission(self, request):
        return False  # registered from the portal, which awards the deputies' points

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("station")

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """A search counts its matches up to a cap (see liaison_stations.search)."""
        if not request.GET.get(SEARCH_VAR, "").strip():
            return super().get_paginator(request, queryset, per_page, orphans)
        return CappedCountPaginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            past_cap=getattr(request, "visits_past_cap", False),
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist and getattr(changelist.paginator, "capped", False):
            messages.info(
                request,
                _(
                    "More than %(cap)s visits hold these words: the newest %(cap)s are "
                    "listed. Add words or filters to narrow the search."
                )
                % {"cap": CappedCountPaginator.CAP},
            )
        return response

    def get_search_results(self, request, queryset, search_term):
        """A tracking number exactly; otherwise each word in the matter, through the
        bigram index (liaison_stations.search) rather than a scan of every matter."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.isascii() and term.isalnum() and len(term) == TRACKING_LENGTH:
            return queryset.filter(tracking_number=term.upper()), False
        words = term.split()
        for word in words:
            queryset, past_cap = search.matters_holding(queryset, word)
        # For get_paginator: one word counted past the cap is not counted again
        # (several narrow each other).
        request.visits_past_cap = past_cap and len(words) == 1
        return queryset, False

    @admin.display(description=_("visit"))
    def record(self, visit):
        """Every field the portal's steps wrote, in one table: drawn by Django as a
        read-only row each, their 33 cost about 4 of the page's 35 ms."""
        return record_table(visit, RECORD_FIELDS, self.get_empty_value_display())

    def get_fields(self, request, visit=None):
        """A past version's page leaves out the supervisions: they have no versions, and
        today's would pass for that day's."""
        fields = super().get_fields(request, visit)
        return fields if to_historic(visit) is None else [f for f in fields if f != "supervisions"]

    @admin.display(description=Supervision._meta.verbose_name_plural)
    def supervisions(self, visit):
        return rows_table(
            visit.supervisions.select_related("by"),
            SUPERVISION_FIELDS,
            self.get_empty_value_display(),
        )

    def view_on_site(self, visit):
        return reverse("liaison_stations:visit_detail", args=[visit.pk])


@admin.register(PhoneReveal)
class PhoneRevealAdmin(ReadOnlyAdminMixin, StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["at", "by", "constituent"]
    list_select_related = ["by", "constituent"]
