from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin

from congress_portal.admin import BackgroundImportMixin, ReadOnlyInline
from congress_portal.scoping import StreetScopedAdminMixin

from .models import (
    Answer,
    Attachment,
    CongressSession,
    CoSignature,
    Step,
    Suggestion,
    Supervision,
    UnitAssignment,
)
from .resources import SuggestionResource


@admin.register(CongressSession)
class CongressSessionAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "opens_on", "closes_on"]
    list_select_related = ["term"]
    list_filter = ["term"]


class SessionListFilter(admin.RelatedFieldListFilter):
    """The sessions by name, which is their term's: read with the sessions."""

    def field_choices(self, field, request, model_admin):
        sessions = field.related_model._default_manager.select_related("term")
        if ordering := self.field_admin_ordering(field, request, model_admin):
            sessions = sessions.order_by(*ordering)
        return [(session.pk, str(session)) for session in sessions]


class CoSignatureInline(ReadOnlyInline):
    model = CoSignature
    fields = ["deputy", "state", "answered_at"]


class UnitAssignmentInline(ReadOnlyInline):
    model = UnitAssignment
    fields = ["unit", "role", "person_responsible", "contact", "assigned_on", "view_filed_on",
              "returned_on", "return_reason"]  # fmt: skip


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["round", "answered_on", "answer_class", "text", "attachment", "evaluation",
              "evaluated_on"]  # fmt: skip


class StepInline(ReadOnlyInline):
    model = Step
    fields = ["at", "by", "step", "from_state", "to_state", "comment"]
    readonly_fields = ["step"]

    @admin.display(description=_("step"))
    def step(self, trail):
        return trail.label


class AttachmentInline(StreetScopedAdminMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["uploaded_by", "uploaded_at"]


class SupervisionInline(ReadOnlyInline):
    """Supervision is recorded on the suggestion's page, which names who recorded it."""

    model = Supervision


@admin.register(Suggestion)
class SuggestionAdmin(
    StreetScopedAdminMixin, BackgroundImportMixin, ImportMixin, SimpleHistoryAdmin
):
    """Staff correct a suggestion's wording here; its steps are taken on the
    suggestion's page, which checks them. Past years' suggestions, answered and
    evaluated, are imported from a sheet (suggestions.resources)."""

    # The rows are most of the list's time (about 13 µs a cell): one link a row, and the
    # kind, answer class and evaluation as filters only. The ledger shows them all.
    list_display = ["number", "title", "lead", "session", "state", "deadline"]
    list_display_links = ["title"]
    list_select_related = ["lead", "session__term"]
    list_filter = ["state", "kind", ("session", SessionListFilter), "category", "answer_class",
                   "evaluation", ("accepted_on", admin.DateFieldListFilter)]  # fmt: skip
    search_fields = ["title", "lead__name", "number"]
    # Newest first by the primary key's index: the model's order (by session, then
    # number) sorts every suggestion of the district through a join on each page.
    ordering = ["-pk"]
    autocomplete_fields = ["lead"]
    fields = ["street", "session", "kind", "number", "title", "category", "reasons",
              "proposals", "lead", "key_supervisor", "state", "review_comment", "opinion_reason",
              "submitted_on", "accepted_on", "assigned_on", "deadline", "extension_months",
              "extension_reason", "first_answered_on", "answered_on", "answer_class",
              "evaluation", "first_evaluation", "times_rehandled", "solved_on",
              "closed_on", "on_paper", "created_by", "created_at"]  # fmt: skip
    readonly_fields = [f for f in fields if f not in Suggestion.CONTENT_FIELDS]
    inlines = [CoSignatureInline, AttachmentInline, UnitAssignmentInline, AnswerInline,
               SupervisionInline, StepInline]  # fmt: skip
    resource_classes = [SuggestionResource]
    formats = [XLSX]
    sheet_name = "past_suggestions"
    sheet_label = _("Past suggestions")

    def has_add_permission(self, request):
        return False  # deputies draft from the portal; staff enter paper ones there too

    def view_on_site(self, suggestion):
        return reverse("suggestions:detail", args=[suggestion.pk])

    def save_formset(self, request, form, formset, change):
        """Record who uploaded an attachment or recorded a supervision."""
        for row in formset.save(commit=False):
            if isinstance(row, Attachment) and row.uploaded_by_id is None:
                row.uploaded_by = request.user
            if isinstance(row, Supervision) and row.recorded_by_id is None:
                row.recorded_by = request.user
            row.save()
        for removed in formset.deleted_objects:
            removed.delete()
