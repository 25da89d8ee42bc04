from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from congress_portal.errors import DomainError
from congress_portal.scoping import StreetScopedAdminMixin

from . import services
from .models import DutyAssignment, DutySession, StandardCheck, StandardItem, Station, SwapRequest


class StandardCheckInline(admin.TabularInline):
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

    def save_formset(self, request, form, formset, change):
        """Record who checked each standard item."""
        checks = formset.save(commit=False)
        for check in checks:
            check.checked_by = request.user
            check.save()
        for removed in formset.deleted_objects:
            removed.delete()


@admin.register(StandardItem)
class StandardItemAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "order"]
    list_filter = ["group"]


class DutyAssignmentInline(admin.TabularInline):
    model = DutyAssignment
    extra = 1
    autocomplete_fields = ["deputy"]
    readonly_fields = ["checked_in_at"]


@admin.register(DutySession)
class DutySessionAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    street_field = "station__street"
    list_display = ["date", "starts_at", "ends_at", "station", "publish_on"]
    list_select_related = ["station"]
    list_filter = [("station", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "date"
    inlines = [DutyAssignmentInline]


@admin.register(SwapRequest)
class SwapRequestAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    street_field = "assignment__session__station__street"
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
