"""The visit ledger as an Excel sheet, constituents' phones masked."""

from django.utils.translation import gettext as _

from congress_portal.ledgers import xlsx_response


def visit_ledger_xlsx(visits, today):
    header = [
        _("Received on"), _("Station"), _("Constituents"), _("Matter"), _("Category"),
        _("Received by"), _("State"), _("Handling unit"), _("Deadline"), _("Overdue"),
        _("Reply"), _("Evaluation"),
    ]  # fmt: skip
    rows = (
        [
            visit.received_on,
            visit.station.name,
            "；".join(f"{c.name} {c.masked_phone}".strip() for c in visit.constituents.all()),
            visit.matter,
            visit.get_category_display(),
            "、".join(deputy.name for deputy in visit.deputies.all()),
            visit.get_state_display(),
            visit.handling_unit.name if visit.handling_unit else "",
            visit.deadline,
            _("Yes") if visit.is_overdue(today) else "",
            visit.reply,
            visit.get_evaluation_display(),
        ]
        for visit in visits
    )
    return xlsx_response(f"visits-{today}.xlsx", _("Visit ledger"), header, rows)
