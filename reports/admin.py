from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin

from congress_portal.admin import BackgroundImportExportMixin, ReadOnlyAdminMixin, ReadOnlyInline
from congress_portal.errors import DomainError
from congress_portal.scoping import StreetScopedAdminMixin

from . import services
from .drafting import LIST
from .forms import ReportSectionForm, ReportThemeForm
from .models import (
    AnnualReport,
    ArchiveDownload,
    ArchivePDF,
    DigestDelivery,
    Publicity,
    ReportDownload,
    ReportSection,
    ReportTheme,
    WorkRecord,
)
from .resources import PublicityResource


@admin.register(Publicity)
class PublicityAdmin(
    StreetScopedAdminMixin, BackgroundImportExportMixin, ImportExportMixin, SimpleHistoryAdmin
):
    list_display = ["published_on", "title", "outlet", "level", "street"]
    list_select_related = ["street"]
    list_filter = ["level", ("street", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "outlet", "deputies__name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["deputies"]
    resource_classes = [PublicityResource]
    formats = [XLSX]
    sheet_name = "publicity"
    sheet_label = _("Publicity records")


@admin.register(WorkRecord)
class WorkRecordAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["happened_on", "kind", "title", "station", "street"]
    list_select_related = ["street", "station"]
    list_filter = ["kind", ("street", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title"]
    date_hierarchy = "happened_on"


@admin.register(ReportTheme)
class ReportThemeAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    """The themed sections a street's annual reports draft the year's work in."""

    form = ReportThemeForm
    list_display = ["heading", "order", "street"]
    list_select_related = ["street"]
    list_filter = [("street", admin.RelatedOnlyFieldListFilter)]


class ReportSectionInline(StreetScopedAdminMixin, admin.StackedInline):
    model = ReportSection
    form = ReportSectionForm
    extra = 0
    fields = ["order", "part", "heading", "topics", "narrative", "draft_state"]
    readonly_fields = ["draft_state"]

    @admin.display(description=_("draft"))
    def draft_state(self, section):
        if not section.key:
            return _("Written by staff")
        if section.edited:
            return _("Edited: a new draft leaves this text alone; empty the text to take the draft")
        return _("As drafted: a new draft replaces it")


class DownloadLogInline(ReadOnlyInline):
    """Who downloaded the file, and when."""

    readonly_fields = ["by", "at"]


class ReportDownloadInline(DownloadLogInline):
    model = ReportDownload


@admin.register(AnnualReport)
class AnnualReportAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    """Staff write the sections' narrative here; the figures stay as frozen
    until staff refresh them, and the PDF is generated in the background."""

    list_display = ["title", "year", "street", "state", "rendered_at"]
    list_select_related = ["street"]
    list_filter = ["year", "state"]
    fields = ["title", "street", "year", "figures_as_of", "state", "error", "pdf", "rendered_at"]
    readonly_fields = ["street", "year", "figures_as_of", "state", "error", "pdf", "rendered_at"]
    inlines = [ReportSectionInline, ReportDownloadInline]
    actions = ["refresh_figures", "redraft", "generate_pdf"]

    def has_add_permission(self, request):
        return False  # created from the reports page, which freezes the figures

    @admin.action(description=_("Refresh the figures from today's data, and the draft"))
    def refresh_figures(self, request, reports):
        for report in reports:
            services.request_figures(report, request.user)
        self.message_user(request, _(
            "The figures are being counted again, and the draft written from them; sections "
            "whose text you edited keep it. Refresh the page in a minute."
        ))  # fmt: skip

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, unquote(object_id))
        if report is not None and report.counting and request.method == "GET":
            self.message_user(request, _(
                "The year's figures are being counted, and the draft written from them: "
                "refresh this page in a minute."
            ), messages.INFO)  # fmt: skip
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Write the draft again"))
    def redraft(self, request, reports):
        for report in reports:
            self.tell_kept(request, report, services.redraft(report, request.user))
        self.message_user(request, _("The draft was written again."))

    def tell_kept(self, request, report, kept):
        if kept:
            names = LIST.join(str(section) for section in kept)
            self.message_user(
                request,
                _("%(report)s: the edited text of %(sections)s was kept; empty a section's "
                  "text to take the new draft.") % {"report": report, "sections": names},
                messages.WARNING,
            )  # fmt: skip

    @admin.action(description=_("Generate the PDF"))
    def generate_pdf(self, request, reports):
        for report in reports:
            try:
                services.request_pdf(report, request.user)
            except DomainError as error:
                self.message_user(request, f"{report}: {error.message}", messages.ERROR)


class ArchiveDownloadInline(DownloadLogInline):
    model = ArchiveDownload


@admin.register(ArchivePDF)
class ArchivePDFAdmin(ReadOnlyAdminMixin, StreetScopedAdminMixin, admin.ModelAdmin):
    """Generated from the deputy's archive page; here staff see the state,
    the error of a failed rendering and who downloaded it."""

    list_display = ["deputy", "year", "state", "rendered_at", "requested_by"]
    list_select_related = ["deputy", "requested_by"]
    list_filter = ["year", "state"]
    search_fields = ["deputy__name"]
    readonly_fields = ["deputy", "year", "state", "error", "pdf", "requested_by",
                       "requested_at", "rendered_at"]  # fmt: skip
    inlines = [ArchiveDownloadInline]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdminMixin, StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["day", "recipient", "items", "sent_at"]
    list_select_related = ["recipient"]
    date_hierarchy = "day"
    readonly_fields = ["recipient", "day", "items", "sent_at"]
