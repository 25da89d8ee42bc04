from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Suggestions")

    def ready(self):
        from congress_portal import panels, sheet_kinds

        from . import export
        from . import panels as suggestion_panels

        sheet_kinds.register(export.SUGGESTION_LEDGER)
        sheet_kinds.register(export.UNIT_STATISTICS)
        sheet_kinds.register(export.UNIT_STATISTICS_PRINTED)
        panels.register("staff_home", "staff_todo.html", suggestion_panels.staff_todo)
        panels.register(
            "deputy_home", "suggestions/panels/awaiting_me.html", suggestion_panels.awaiting_me
        )
        panels.register(
            "unit_home", "suggestions/panels/awaiting_unit.html", suggestion_panels.awaiting_unit
        )
        panels.register(
            "visit_detail",
            "suggestions/panels/raised_from_visit.html",
            suggestion_panels.raised_from_visit,
        )
        panels.register(
            "deputy_archive",
            "suggestions/panels/suggestions_record.html",
            suggestion_panels.suggestions_record,
        )
