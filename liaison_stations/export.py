"""The visit ledger as an Excel sheet, constituents' phones masked."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook


def visit_ledger_xlsx(visits, today):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Visit ledger"))
    sheet.append([
        _("Received on"), _("Station"), _("Constituents"), _("Matter"), _("Category"),
        _("Received by"), _("State"), _("Handling unit"), _("Deadline"), _("Overdue"),
        _("Reply"), _("Evaluation"),
    ])  # fmt: skip
    for visit in visits:
        sheet.append([
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
        ])  # fmt: skip
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
