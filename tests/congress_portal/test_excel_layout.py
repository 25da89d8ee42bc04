"""Every Excel sheet the portal writes keeps its header in view, filters every column
and sizes the columns to their headers."""

from openpyxl import load_workbook

from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.sheets import run_export


def test_an_exported_ledger_has_a_frozen_filtered_header_and_sized_columns(
    staff, street, django_capture_on_commit_callbacks
):
    VisitFactory.create_batch(3, station=StationFactory(street=street))

    job = run_export(staff, "visit_ledger", "", django_capture_on_commit_callbacks)

    with job.file.open("rb") as file:
        sheet = load_workbook(file).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}4"
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    assert all(10 <= width <= 40 for width in widths)
