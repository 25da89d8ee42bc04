"""Past years' point entries imported from a sheet in the admin: checked, then
counted at once as approved staff entries once staff confirm, within the rules'
yearly caps, never in a published quarter, never changing an approved entry."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from congress_portal.models import Notice, SheetJob
from deputies import services
from deputies.models import PointEntry, PointRule
from deputies.resources import ENTRY_HEADERS
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory
from tests.sheets import confirm, import_sheet, upload, workbook

IMPORT = reverse("admin:deputies_pointentry_import")
TEMPLATE = reverse("sheet_template", args=["point_entries_import"])
COLUMNS = [header for header in ENTRY_HEADERS.values() if header != "街道"]
State = SheetJob.State


@pytest.fixture
def zhou(street):
    return DeputyFactory(street=street, name="周晓梅", number="A001")


def entry_row(number="A001", day=datetime.date(2025, 5, 12), rule="履职事迹宣传报道",
              points=None, description="区融媒体报道", street=None):  # fmt: skip
    row = [number, day, rule, points, description]
    return row if street is None else [*row, street]


def sheet(*rows):
    headers = list(ENTRY_HEADERS.values()) if len(rows[0]) == len(ENTRY_HEADERS) else COLUMNS
    return workbook(headers, *rows)


def column_errors(job):
    return [error.split("：")[:2] for error in job.row_errors]


def test_staff_open_the_import_and_download_the_blank_sheet(staff):
    assert TEMPLATE in get_as(staff, IMPORT).content.decode()

    response = get_as(staff, TEMPLATE)

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    headers, notes = (list(sheet.values) for sheet in book.worksheets)
    assert list(headers[0]) == COLUMNS == ["代表编号", "日期", "积分项目", "分值", "履职内容"]
    assert [row[0] for row in notes[1:]] == COLUMNS
    assert "不会通知代表" in "".join(str(row[1]) for row in notes[1:])


def test_district_staff_blank_sheet_has_the_street_column(district_staff):
    book = load_workbook(io.BytesIO(get_as(district_staff, TEMPLATE).content), read_only=True)

    assert list(next(book.worksheets[0].values)) == list(ENTRY_HEADERS.values())


def test_a_clean_sheet_is_checked_then_counted_as_approved_staff_entries_once_confirmed(
    staff, zhou, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    wu = DeputyFactory(street=zhou.street, name="吴海波", number="A002")
    file = sheet(
        entry_row(),
        entry_row("A002", datetime.date(2024, 3, 1), "training", 3, "参加代表培训"),
        entry_row("A002", datetime.date(2024, 4, 1), "无故缺席代表活动", -2, "无故缺席"),
    )

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.CHECKED, job.row_errors
    assert "新增 3 条" in job.summary
    assert not PointEntry.objects.exists()

    job = confirm(client, job, django_capture_on_commit_callbacks)

    assert job.state == State.READY
    entries = {(entry.deputy, entry.rule.code): entry for entry in PointEntry.objects.all()}
    assert {key: entry.points for key, entry in entries.items()} == {
        (zhou, "publicity"): 2,  # the rule's points, the column left empty
        (wu, "training"): 3,
        (wu, "activity_absence"): -2,
    }
    for entry in entries.values():
        assert (entry.state, entry.source) == (PointEntry.State.APPROVED, PointEntry.Source.STAFF)
        assert entry.created_by == entry.reviewed_by == staff
        assert entry.reviewed_at is not None
        assert entry.history.get().history_user == staff
    assert entries[(zhou, "publicity")].description == "区融媒体报道"
    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    "cells, column",
    [
        ({"number": "X999"}, "代表编号"),
        ({"day": "去年"}, "日期"),
        ({"day": None}, "日期"),
        ({"rule": "没有这条规则"}, "积分项目"),
        ({"rule": "publicity", "points": -2}, "分值"),
        ({"rule": "无故缺席代表活动", "points": 1}, "分值"),
        ({"points": 11}, "分值"),  # more than the rule's yearly cap of 10
        ({"points": "两分"}, "分值"),
        ({"points": 1.5}, "分值"),
    ],
)
def test_a_sheet_with_one_bad_row_is_refused_naming_the_row_and_column(
    staff, zhou, django_capture_on_commit_callbacks, cells, column
):
    file = sheet(entry_row(), entry_row(description="第二条", **cells))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert column_errors(job) == [["第 3 行", column]]
    assert not PointEntry.objects.exists()


def test_a_future_date_and_a_rule_out_of_use_are_refused(
    staff, zhou, django_capture_on_commit_callbacks
):
    PointRule.objects.filter(code="training").update(active=False)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    file = sheet(entry_row(day=tomorrow), entry_row(rule="training"))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert column_errors(job) == [["第 2 行", "日期"], ["第 3 行", "积分项目"]]
    assert not PointEntry.objects.exists()


def test_an_entry_in_a_published_quarter_is_refused(
    staff, street, zhou, django_capture_on_commit_callbacks
):
    services.publish_quarter(street, 2025, 1, staff)
    file = sheet(
        entry_row(day=datetime.date(2025, 3, 31)), entry_row(day=datetime.date(2025, 4, 1))
    )

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert column_errors(job) == [["第 2 行", "日期"]]
    assert "已公布" in job.row_errors[0]
    assert not PointEntry.objects.exists()


def test_the_rules_yearly_cap_applies_as_when_staff_approve(
    staff, zhou, django_capture_on_commit_callbacks
):
    # 履职事迹宣传报道: at most 10 points a year.
    file = sheet(
        entry_row(points=6, description="第一篇"),
        entry_row(points=6, description="第二篇"),
        entry_row(points=6, description="第三篇"),
        entry_row(day=datetime.date(2024, 5, 12), points=6, description="前一年"),
    )

    import_sheet(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    counted = PointEntry.objects.order_by("pk").values_list("points", "cap_reached")
    assert list(counted) == [(6, None), (4, 10), (0, 10), (6, None)]


def test_reimporting_the_sheet_skips_its_entries_and_never_changes_an_approved_one(
    staff, zhou, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    rows = [entry_row(points=6, description="第一篇"), entry_row(points=6, description="第二篇")]
    import_sheet(client, IMPORT, sheet(*rows), capture)

    job = import_sheet(client, IMPORT, sheet(*rows, entry_row(description="第三篇")), capture)

    assert "新增 1 条" in job.summary and "未变 2 条" in job.summary
    assert PointEntry.objects.count() == 3

    job = upload(client, IMPORT, sheet(entry_row(points=5, description="第一篇")), capture)

    assert job.state == State.FAILED
    assert column_errors(job) == [["第 2 行", "分值"]]
    assert "错重漏反馈" in job.row_errors[0]
    assert PointEntry.objects.get(description="第一篇").points == 6


def test_street_staff_import_into_their_own_street_only(
    staff, street, zhou, django_capture_on_commit_callbacks
):
    other = StreetFactory(name="白鹭街道")
    DeputyFactory(street=other, number="B001")
    client, capture = client_as(staff), django_capture_on_commit_callbacks

    import_sheet(client, IMPORT, sheet(entry_row(street="白鹭街道")), capture)

    assert PointEntry.objects.get().deputy == zhou
    job = upload(client, IMPORT, sheet(entry_row("B001", street="白鹭街道")), capture)
    assert column_errors(job) == [["第 2 行", "代表编号"]]
    assert PointEntry.objects.count() == 1


def test_district_staff_import_into_the_street_the_sheet_names(
    district_staff, street, zhou, django_capture_on_commit_callbacks
):
    client, capture = client_as(district_staff), django_capture_on_commit_callbacks

    job = upload(client, IMPORT, sheet(entry_row(street=None) + [None]), capture)

    assert column_errors(job) == [["第 2 行", "代表编号"], ["第 2 行", "街道"]]

    import_sheet(client, IMPORT, sheet(entry_row(street=street.name)), capture)

    entry = PointEntry.objects.get()
    assert (entry.deputy, entry.created_by) == (zhou, district_staff)


def test_a_streets_own_rule_is_the_one_its_rows_earn(
    staff, street, zhou, django_capture_on_commit_callbacks
):
    own = PointRule.objects.create(
        street=street, code="publicity", name="宣传报道", category="publicity", points=3
    )
    client, capture = client_as(staff), django_capture_on_commit_callbacks

    job = upload(client, IMPORT, sheet(entry_row()), capture)  # the district's, overridden

    assert column_errors(job) == [["第 2 行", "积分项目"]]

    import_sheet(client, IMPORT, sheet(entry_row(rule="宣传报道")), capture)

    entry = PointEntry.objects.get()
    assert (entry.rule, entry.points) == (own, 3)
