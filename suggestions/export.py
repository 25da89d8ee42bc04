"""The suggestion ledger (建议办理台账) as an Excel sheet, in the columns committees use."""

from django.utils.translation import gettext as _

from congress_portal.ledgers import xlsx_response


def suggestion_ledger_xlsx(suggestions, today):
    header = [
        _("Number"), _("Kind"), _("Lead deputy"), _("Co-signers"), _("Title"),
        _("Lead unit"), _("Co-handling units"), _("Person responsible"), _("Contact"),
        _("Deadline"), _("Overdue"), _("State"), _("Answer class"), _("Evaluation"),
    ]  # fmt: skip
    rows = (
        [
            suggestion.display_number,
            suggestion.get_kind_display(),
            suggestion.lead.name,
            "、".join(c.deputy.name for c in suggestion.confirmed),
            suggestion.title,
            lead.unit.name if lead else "",
            "、".join(part.unit.name for part in suggestion.co_parts),
            lead.person_responsible if lead else "",
            lead.contact if lead else "",
            suggestion.deadline,
            _("Yes") if suggestion.is_overdue(today) else "",
            suggestion.get_state_display(),
            suggestion.answer_class,
            suggestion.get_evaluation_display(),
        ]
        for suggestion, lead in ((s, s.lead_part) for s in suggestions)
    )
    return xlsx_response(f"suggestions-{today}.xlsx", _("Suggestion ledger"), header, rows)
