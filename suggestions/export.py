"""The suggestion ledger (建议办理台账) in the columns committees use, and the
per-unit handling figures, as Excel sheets written in the background
(congress_portal.sheets) with the filters of their pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress_portal.ledgers import Labels
from congress_portal.roles import READERS
from congress_portal.sheets import Export, PrintedExport, Table, in_chunks

from .filters import SuggestionFilter
from .models import Suggestion, with_ledger_lists
from .statistics import RATES, unit_statistics


def filtered(user, filters):
    return SuggestionFilter(filters, user=user).qs


def suggestion_ledger(user, filters):
    suggestions = filtered(user, filters)
    today = timezone.localdate()
    kind, state = Labels(Suggestion.Kind), Labels(Suggestion.State)
    evaluation = Labels(Suggestion.Evaluation)
    header = [
        _("Number"), _("Kind"), _("Lead deputy"), _("Co-signers"), _("Title"),
        _("Lead unit"), _("Co-handling units"), _("Person responsible"), _("Contact"),
        _("Deadline"), _("Overdue"), _("State"), _("Answer class"), _("Evaluation"),
    ]  # fmt: skip
    rows = (
        [
            suggestion.display_number,
            kind[suggestion.kind],
            suggestion.lead.name,
            suggestion.cosigners_shown,
            suggestion.title,
            lead["unit_name"] if lead else "",
            "、".join(part["unit_name"] for part in suggestion.co_parts),
            lead["person_responsible"] if lead else "",
            lead["contact"] if lead else "",
            suggestion.deadline,
            _("Yes") if suggestion.is_overdue(today) else "",
            state[suggestion.state],
            suggestion.answer_class,
            evaluation[suggestion.evaluation],
        ]
        for suggestion in in_chunks(suggestions.for_ledger(), with_ledger_lists)
        for lead in [suggestion.lead_part]
    )
    return Table(header, suggestions.count(), rows)


def unit_figures(user, filters):
    """The statistics page's table: a row per lead unit, then the total."""
    units, total = unit_statistics(filtered(user, filters), timezone.localdate())
    header = [
        _("Lead unit"), _("Assigned"), _("Answered"), _("Answer rate (%)"),
        _("Satisfaction rate (%)"), _("First-time satisfaction (%)"), _("Solved rate (%)"),
        _("Meeting rate (%)"), _("Average days to answer"), _("Overdue"), _("Given back"),
    ]  # fmt: skip
    rows = [figures_row(row["unit__name"], row) for row in units]
    rows.append(figures_row(_("All units"), total))
    return Table(header, len(rows), rows)


def figures_row(name, row):
    days = row["days_to_answer"]
    return [
        name,
        row["assigned"],
        row["answered"],
        *(None if row[rate] is None else round(100 * row[rate], 1) for rate in RATES),
        None if days is None else round(days, 1),
        row["overdue"],
        row["given_back"],
    ]


def for_readers(user):
    return user.role in READERS


SUGGESTION_LEDGER = Export(
    name="suggestion_ledger",
    label=gettext_lazy("Suggestion ledger"),
    filename="suggestions",
    allowed=for_readers,
    build=suggestion_ledger,
)


def league_table(export_class, name):
    """The statistics page's table, as an Excel sheet or printed."""
    return export_class(
        name=name,
        label=gettext_lazy("Handling statistics by unit"),
        filename="unit-statistics",
        allowed=for_readers,
        build=unit_figures,
    )


UNIT_STATISTICS = league_table(Export, "unit_statistics")
UNIT_STATISTICS_PRINTED = league_table(PrintedExport, "unit_statistics_pdf")
