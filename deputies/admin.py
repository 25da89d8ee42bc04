from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin

from congress_portal.scoping import StreetScopedAdminMixin

from . import services
from .models import (
    Activity,
    ActivityPhoto,
    Attendance,
    Deputy,
    EntryFlag,
    EntryPhoto,
    Membership,
    PointEntry,
    PointRule,
    ProfessionalGroup,
    Term,
    WarningRules,
)
from .resources import DeputyResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["term"]


class CurrentFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current deputy")), ("no", _("Former deputy"))]

    def queryset(self, request, queryset):
        current = Deputy.objects.current().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=current)
        if self.value() == "no":
            return queryset.exclude(pk__in=current)
        return queryset


@admin.register(Deputy)
class DeputyAdmin(StreetScopedAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    list_display = ["name", "gender", "community", "levels", "phone", "employer", "post"]
    list_select_related = ["community"]
    list_filter = [
        CurrentFilter,
        "memberships__term__level",
        "memberships__term",
        ("community", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "phone", "employer"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]
    resource_classes = [DeputyResource]
    formats = [XLSX]
    skip_export_form = True

    def get_queryset(self, request):
        open_memberships = Membership.objects.filter(ended_on__isnull=True).select_related("term")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("memberships", open_memberships, to_attr="open_memberships"))
        )

    @admin.display(description=_("current levels"))
    def levels(self, deputy):
        return "、".join(m.term.get_level_display() for m in deputy.open_memberships) or "—"

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("street")


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["__str__", "level", "number", "starts_on", "ends_on"]
    list_filter = ["level"]
    search_fields = ["number"]


@admin.register(ProfessionalGroup)
class ProfessionalGroupAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "street"]
    list_select_related = ["street"]
    filter_horizontal = ["members"]


@admin.register(PointRule)
class PointRuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "category", "points", "yearly_cap", "needs_review", "active"]
    list_editable = ["points", "yearly_cap", "needs_review", "active"]
    list_filter = ["category", "active", "needs_review"]
    search_fields = ["code", "name"]

    def get_readonly_fields(self, request, rule=None):
        # Other records refer to rules by code.
        return ["code"] if rule else []


class EntryPhotoInline(admin.TabularInline):
    model = EntryPhoto
    extra = 0


@admin.register(PointEntry)
class PointEntryAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    street_field = "deputy__street"
    list_display = ["occurred_on", "deputy", "rule", "points", "source", "state"]
    list_select_related = ["deputy", "rule"]
    list_filter = ["state", "source", "rule__category", "rule"]
    search_fields = ["deputy__name", "description"]
    date_hierarchy = "occurred_on"
    readonly_fields = [
        "points",
        "source",
        "state",
        "reject_reason",
        "created_by",
        "reviewed_by",
        "reviewed_at",
    ]
    autocomplete_fields = ["deputy"]
    inlines = [EntryPhotoInline]

    def has_change_permission(self, request, entry=None):
        # Entries change through approve / reject, never by editing their points.
        return entry is None and super().has_change_permission(request)

    def save_model(self, request, entry, form, change):
        services.record_entry(entry, by=request.user)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["deputy"]


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 0


@admin.register(Activity)
class ActivityAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["held_on", "kind", "theme", "organiser", "place"]
    list_filter = ["kind", "held_on"]
    search_fields = ["theme", "organiser", "place"]
    date_hierarchy = "held_on"
    inlines = [AttendanceInline, ActivityPhotoInline]

    def save_formset(self, request, form, formset, change):
        """Attendance saved in the admin earns or loses points like any other."""
        if formset.model is not Attendance:
            return super().save_formset(request, form, formset, change)
        for removed in formset.deleted_forms:
            if removed.instance.pk:
                services.revoke(removed.instance.deputy, removed.instance, by=request.user)
        super().save_formset(request, form, formset, change)
        changed = [attendance for attendance, _fields in formset.changed_objects]
        for attendance in formset.new_objects + changed:
            services.sync_attendance_points(attendance, by=request.user)


@admin.register(EntryFlag)
class EntryFlagAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    street_field = "entry__deputy__street"
    list_display = ["raised_at", "entry", "kind", "resolved_at"]
    list_select_related = ["entry__deputy", "entry__rule"]
    list_filter = ["kind", "resolved_at"]
    readonly_fields = ["entry", "kind", "note", "raised_at"]


@admin.register(WarningRules)
class WarningRulesAdmin(SimpleHistoryAdmin):
    """A single row: staff edit it, nobody adds a second or deletes it."""

    def has_add_permission(self, request):
        return not WarningRules.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, rules=None):
        return False
