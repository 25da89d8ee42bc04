from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin, ImportMixin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin

from congress_portal.admin import (
    BackgroundImportExportMixin,
    BackgroundImportMixin,
    PhotoInline,
    ReadOnlyAdminMixin,
    ReadOnlyInline,
)
from congress_portal.roles import Role
from congress_portal.scoping import (
    ScopedRelatedFieldListFilter,
    StreetScopedAdminMixin,
    is_district_wide,
)
from congress_portal.templatetags.formatting import percent

from . import letters, services
from .forms import IssueLetterForm, StaffEntryForm
from .letters import letter_filename
from .models import (
    Activity,
    ActivityPhoto,
    Attendance,
    Deputy,
    EntryFlag,
    EntryFlagStep,
    EntryPhoto,
    Membership,
    PointEntry,
    PointRule,
    ProfessionalGroup,
    PublishedQuarter,
    PublishedRank,
    ReminderLetter,
    ReportBackBallot,
    Term,
    ThankYouBatch,
    ThankYouLetter,
    WarningRules,
    quarter_of,
)
from .resources import DeputyResource, PastAttendanceResource, PointEntryResource


class MembershipInline(StreetScopedAdminMixin, admin.TabularInline):
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
class DeputyAdmin(
    StreetScopedAdminMixin, BackgroundImportExportMixin, ImportExportMixin, SimpleHistoryAdmin
):
    list_display = ["name", "number", "gender", "community", "levels", "phone", "employer", "post"]
    list_select_related = ["community"]
    list_filter = [
        CurrentFilter,
        "memberships__term__level",
        "memberships__term",
        ("community", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "number", "phone", "employer"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]
    resource_classes = [DeputyResource]
    formats = [XLSX]
    sheet_name = "deputy_roster"
    sheet_label = _("Deputy roster")
    actions = ["thank_employers"]

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

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("street")

    @admin.action(description=_("Write letters of thanks to their employers"), permissions=["view"])
    def thank_employers(self, request, queryset):
        """On to the thank-you letters page with the chosen deputies ticked."""
        chosen = urlencode([("deputy", pk) for pk in queryset.values_list("pk", flat=True)])
        return redirect(f"{reverse('deputies:thank_you_letters')}?{chosen}")


@admin.register(Term)
class TermAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "level", "number", "starts_on", "ends_on"]
    list_filter = ["level"]
    search_fields = ["number"]


@admin.register(ProfessionalGroup)
class ProfessionalGroupAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "street"]
    list_select_related = ["street"]
    filter_horizontal = ["members"]


@admin.register(PointRule)
class PointRuleAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    """The district's rules, which street staff read, and each street's own rules
    overriding them. A built-in rule of the district is deactivated, never deleted;
    a street's rule is deleted to fall back on the district's."""

    list_display = [
        "code", "name", "street", "category", "points", "yearly_cap", "claimable", "needs_review",
        "active",
    ]  # fmt: skip
    list_editable = ["points", "yearly_cap", "claimable", "needs_review", "active"]
    list_filter = [
        ("street", admin.RelatedOnlyFieldListFilter), "category", "active", "claimable",
        "needs_review",
    ]  # fmt: skip
    list_select_related = ["street"]
    search_fields = ["code", "name"]

    def get_readonly_fields(self, request, rule=None):
        # Other records refer to rules by code, and a street's rule overrides by code.
        return ["code", "street"] if rule else []

    def has_delete_permission(self, request, rule=None):
        built_in = rule is not None and rule.is_built_in
        return not built_in and super().has_delete_permission(request, rule)

    actions = ["delete_selected"]

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request, rules):
        """Django's, leaving out the rules the user may not delete, with a word why."""
        kept = [rule for rule in rules if not self.has_delete_permission(request, rule)]
        if kept:
            message = _(
                "Not deleted: %(rules)s. A built-in rule of the district is deactivated "
                "instead, and only district-level staff delete the district's rules."
            )
            names = "、".join(rule.name for rule in kept)
            self.message_user(request, message % {"rules": names}, messages.WARNING)
            rules = rules.exclude(pk__in=[rule.pk for rule in kept])
        return django_delete_selected(self, request, rules) if rules else None


class EntryPhotoInline(StreetScopedAdminMixin, PhotoInline):
    model = EntryPhoto


@admin.register(PointEntry)
class PointEntryAdmin(
    StreetScopedAdminMixin, BackgroundImportMixin, ImportMixin, SimpleHistoryAdmin
):
    """Staff enter entries one by one, or past years' ledgers from a sheet
    (PointEntryResource); either counts at once."""

    form = StaffEntryForm
    list_display = ["occurred_on", "deputy", "rule", "points", "source", "state"]
    list_select_related = ["deputy", "rule"]
    list_filter = [
        "state",
        "source",
        "rule__category",
        ("rule", ScopedRelatedFieldListFilter),
        ("occurred_on", admin.DateFieldListFilter),  # no date_hierarchy: it reads every row
    ]
    search_fields = ["deputy__name", "description"]
    # The record an automatic entry came from is shown by name, not as its internal
    # type and id; staff's own entries have none.
    exclude = ["source_type", "source_id"]
    readonly_fields = [
        "points",
        "source",
        "source_record",
        "state",
        "reject_reason",
        "created_by",
        "reviewed_by",
        "reviewed_at",
    ]
    autocomplete_fields = ["deputy"]
    inlines = [EntryPhotoInline]
    resource_classes = [PointEntryResource]
    formats = [XLSX]
    sheet_name = "point_entries"
    sheet_label = _("Past point entries")

    @admin.display(description=_("came from"))
    def source_record(self, entry):
        record = entry.source_record
        return f"{record._meta.verbose_name}：{record}" if record else "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Street staff choose among the rules in force in their street.
        if db_field.name == "rule" and not is_district_wide(request.user):
            kwargs["queryset"] = PointRule.objects.for_street(request.user.street_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, entry=None):
        # Entries change through approve / reject, never by editing their points.
        return entry is None and super().has_change_permission(request)

    def has_delete_permission(self, request, entry=None):
        return False  # they leave the count by being rejected, withdrawn or revoked

    def save_model(self, request, entry, form, change):
        services.record_entry(entry, by=request.user)


class PublishedRankInline(ReadOnlyInline):
    """The ranking as frozen when it was published."""

    model = PublishedRank
    fields = ["rank", "name", "quarter_points", "points"]


@admin.register(PublishedQuarter)
class PublishedQuarterAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    """Quarters are published from the ranking page. A publication made by mistake
    is withdrawn here, by district-level staff, and only the street's latest."""

    list_display = ["street", "year", "quarter", "published_by", "published_at"]
    list_select_related = ["street", "published_by"]
    list_filter = ["year", ("street", admin.RelatedOnlyFieldListFilter)]
    readonly_fields = [*list_display, "state", "pdf"]
    fields = readonly_fields
    inlines = [PublishedRankInline]
    actions = None  # one at a time, the latest first

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, published=None):
        return False

    def has_delete_permission(self, request, published=None):
        if not is_district_wide(request.user):
            return False
        if published and published != PublishedQuarter.objects.latest_of(published.street_id):
            return False
        return super().has_delete_permission(request, published)


class AttendanceInline(ReadOnlyInline):
    """Who is invited and how they replied and came: shown here, taken by its steps on
    the activity's page (invitations, leave, check-in, marking), where points follow."""

    model = Attendance
    fields = ["deputy", "status", "leave_reason", "checked_in_at"]
    readonly_fields = fields


class ActivityPhotoInline(StreetScopedAdminMixin, PhotoInline):
    model = ActivityPhoto


class BallotInline(StreetScopedAdminMixin, admin.TabularInline):
    """A report-back's evaluation vote on each deputy reporting back: refused, and
    nothing saved, when a tally exceeds its voters present."""

    model = ReportBackBallot
    extra = 0
    autocomplete_fields = ["deputy"]
    fields = ["deputy", "voters", "satisfied", "basically_satisfied", "dissatisfied", "rate"]
    readonly_fields = ["rate"]

    @admin.display(description=_("satisfaction rate"))
    def rate(self, ballot):
        return percent(ballot.satisfaction_rate) if ballot.pk else "—"


@admin.register(Activity)
class ActivityAdmin(StreetScopedAdminMixin, BackgroundImportMixin, ImportMixin, SimpleHistoryAdmin):
    """Staff enter activities and invite on the activity's page; past years' activities
    with their attendance come from a sheet (PastAttendanceResource)."""

    list_display = ["held_on", "kind", "theme", "organiser", "place"]
    list_filter = ["kind", "held_on"]
    search_fields = ["theme", "organiser", "place"]
    date_hierarchy = "held_on"
    inlines = [AttendanceInline, BallotInline, ActivityPhotoInline]
    resource_classes = [PastAttendanceResource]
    formats = [XLSX]
    sheet_name = "past_activities"
    sheet_label = _("Past activities and attendance")

    def get_inlines(self, request, activity=None):
        # Evaluation votes are for report-backs (a new activity's kind is not known yet).
        if activity is None or activity.kind == Activity.Kind.REPORT_BACK:
            return self.inlines
        return [inline for inline in self.inlines if inline is not BallotInline]

    def get_readonly_fields(self, request, activity=None):
        # The result typed before votes were counted, kept for the report-backs it describes.
        return ["evaluation"] if activity and activity.evaluation else []


class EntryFlagStepInline(ReadOnlyInline):
    model = EntryFlagStep
    fields = ["at", "name", "from_state", "to_state", "by", "comment"]
    readonly_fields = fields


@admin.register(EntryFlag)
class EntryFlagAdmin(ReadOnlyAdminMixin, StreetScopedAdminMixin, SimpleHistoryAdmin):
    """Deputies raise error reports from their ledger; staff decide on them on the
    report's page (accept with a correcting entry, or refuse with the reason)."""

    list_display = ["raised_at", "entry", "kind", "state", "resolved_at", "decide"]
    list_select_related = ["entry__deputy", "entry__rule"]
    list_filter = ["state", "kind"]
    fields = ["entry", "kind", "note", "raised_at", "state", "resolved_at", "resolution",
              "correction", "decide"]  # fmt: skip
    readonly_fields = fields
    inlines = [EntryFlagStepInline]

    @admin.display(description=_("decision"))
    def decide(self, flag):
        label = _("Decide") if flag.state == EntryFlag.State.RAISED else _("Open")
        return format_html('<a href="{}">{}</a>', flag.get_absolute_url(), label)


@admin.register(WarningRules)
class WarningRulesAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    """The district's thresholds, which district-level staff edit and nobody deletes,
    and a street's own, which its staff add, edit or delete (back to the district's)."""

    list_display = ["__str__", "street", "min_points", "months_without_duty"]
    list_select_related = ["street"]

    def get_readonly_fields(self, request, rules=None):
        return ["street"] if rules else []

    def has_add_permission(self, request):
        # A street has one set; district-level staff add any street's (or the district's).
        street = request.user.street_id
        taken = street is not None and WarningRules.objects.filter(street=street).exists()
        return not taken and super().has_add_permission(request)

    def has_delete_permission(self, request, rules=None):
        district = rules is None or rules.street_id is None
        return not district and super().has_delete_permission(request, rules)


class AcknowledgedFilter(admin.SimpleListFilter):
    title = _("acknowledged")
    parameter_name = "acknowledged"

    def lookups(self, request, model_admin):
        return [("yes", _("Acknowledged")), ("no", _("Not yet acknowledged"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(acknowledged_at__isnull=self.value() == "no")
        return queryset


@admin.register(ReminderLetter)
class ReminderLetterAdmin(ReadOnlyAdminMixin, StreetScopedAdminMixin, admin.ModelAdmin):
    """The letters and their delivery log. Letters are issued by the scheduled
    early warning or by hand (the "issue" page, with a preview), never edited."""

    list_display = [
        "number",
        "deputy",
        "reason",
        "period",
        "state",
        "rendered_at",
        "emailed_at",
        "acknowledged_at",
        "short_error",
        "created_by",
    ]
    list_select_related = ["street", "deputy", "created_by"]
    list_filter = ["state", "reason", "period", AcknowledgedFilter, "created_at"]
    search_fields = ["deputy__name", "period"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    change_list_template = "deputies/admin/reminderletter_change_list.html"
    fields = [
        "number",
        "deputy",
        "reason",
        "detail",
        "period",
        "state",
        "pdf_link",
        "created_at",
        "created_by",
        "queued_at",
        "rendered_at",
        "sending_at",
        "attempted_at",
        "emailed_at",
        "error",
        "acknowledged_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("document number"))
    def number(self, letter):
        return letter.number

    @admin.display(description=_("delivery error"))
    def short_error(self, letter):
        return letter.error[:60]

    @admin.display(description=_("PDF"))
    def pdf_link(self, letter):
        if not letter.pdf:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("deputies:letter_pdf", args=[letter.pk]),
            letter_filename(letter),
        )

    @admin.action(description=_("Send the chosen letters again"), permissions=["view"])
    def send_again(self, request, queryset):
        unconfirmed = queryset.filter(state=ReminderLetter.State.UNCONFIRMED).count()
        queued = letters.send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%d letter will be delivered again.", "%d letters will be delivered again.", queued
            )
            % queued,
        )
        if unconfirmed:
            self.message_user(request, ngettext(
                "%d of them may have been emailed already: the deputy may receive it twice.",
                "%d of them may have been emailed already: the deputies may receive them twice.",
                unconfirmed,
            ) % unconfirmed, messages.WARNING)  # fmt: skip
        if queued < len(queryset):
            self.message_user(request, _(
                "Letters being sent, or queued again within the last minute, were left alone."
            ), messages.WARNING)  # fmt: skip

    def get_urls(self):
        issue = self.admin_site.admin_view(self.issue_view)
        return [
            path("issue/", issue, name="deputies_reminderletter_issue"),
            *super().get_urls(),
        ]

    def issue_view(self, request):
        """Staff issue a letter by hand: choose deputy, reason and period, preview, issue."""
        if not self.has_view_permission(request) or request.user.role != Role.STAFF:
            raise PermissionDenied
        period = quarter_of(timezone.localdate())
        form = IssueLetterForm(request.POST or None, user=request.user, initial={"period": period})
        preview = None
        if form.is_valid():
            data = form.cleaned_data
            if "issue" in request.POST:
                letter, created = letters.issue_letter(
                    data["deputy"], data["reason"], data["period"], request.user
                )
                if created:
                    self.message_user(request, _("The letter was issued and is being sent."))
                else:
                    self.message_user(
                        request,
                        _("This deputy already has a letter for this reason and period."),
                        messages.WARNING,
                    )
                return redirect("admin:deputies_reminderletter_change", letter.pk)
            preview = letters.reminder_letter_html(
                letters.preview_letter(data["deputy"], data["reason"], data["period"])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Issue a reminder letter"),
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, "deputies/admin/issue_letter.html", context)


class ThankYouLetterInline(ReadOnlyInline):
    model = ThankYouLetter
    fields = ["deputy", "employer", "points", "activities", "pdf"]
    readonly_fields = fields


@admin.register(ThankYouBatch)
class ThankYouBatchAdmin(ReadOnlyAdminMixin, StreetScopedAdminMixin, admin.ModelAdmin):
    """Batches are made on the thank-you letters page (or the deputies' action)."""

    list_display = ["__str__", "year", "state", "created_by", "created_at", "rendered_at"]
    list_filter = ["state", "year"]
    readonly_fields = ["street", "year", "state", "combined_pdf", "rendered_at", "error"]
    fields = readonly_fields
    inlines = [ThankYouLetterInline]
