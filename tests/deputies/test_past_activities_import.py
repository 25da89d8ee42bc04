"""Past years' activities with their attendance imported from a sheet in the admin:
checked, then filed on confirm as they were recorded, one activity per day, kind and
theme; no points awarded and nobody told; a re-import updates the same attendance."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from congress_portal.models import Notice, SheetJob
from deputies.models import Activity, Attendance, PointEntry
from deputies.resources import ATTENDANCE_HEADERS
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory
from tests.sheets import confirm, import_sheet, upload, workbook

IMPORT = reverse("admin:deputies_activity_import")
TEMPLATE = reverse("sheet_template", args=["past_activities_import"])
COLUMNS = [header for header in ATTENDANCE_HEADERS.values() if header != "街道"]
State = SheetJob.State
Status = Attendance.Status
DAY = datetime.date(2024, 6, 18)


@pytest.fixture
def zhou(street):
    return DeputyFactory(street=street, name="周晓梅", number="A001")


@pytest.fixture
def wu(street):
    return DeputyFactory(street=street, name="吴海波", number="A002")


def row(number="A001", status="出席", day=DAY, kind="视察", theme="老旧小区改造视察",
        organiser="街道人大工委", place="青石社区", street=None):  # fmt: skip
    cells = [day, kind, theme, organiser, place, number, status]
    return cells if street is None else [*cells, street]


def sheet(*rows):
    headers = (
        list(ATTENDANCE_HEADERS.values()) if len(rows[0]) == len(ATTENDANCE_HEADERS) else COLUMNS
    )
    return workbook(headers, *rows)


def column_errors(job):
    return [error.split("：")[:2] for error in job.row_errors]


def test_staff_open_the_import_and_download_the_blank_sheet(staff):
    assert TEMPLATE in get_as(staff, IMPORT).content.decode()

    response = get_as(staff, TEMPLATE)

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    headers, notes = (list(sheet.values) for sheet in book.worksheets)
    assert list(headers[0]) == COLUMNS == [
        "活动日期", "活动类型", "活动主题", "组织单位", "地点", "代表编号", "出勤情况",
    ]  # fmt: skip
    assert [line[0] for line in notes[1:]] == COLUMNS
    assert "不计积分" in "".join(str(line[1]) for line in notes[1:])


def test_district_staff_blank_sheet_has_the_street_column(district_staff):
    book = load_workbook(io.BytesIO(get_as(district_staff, TEMPLATE).content), read_only=True)

    assert list(next(book.worksheets[0].values)) == list(ATTENDANCE_HEADERS.values())


def test_a_clean_sheet_is_checked_then_filed_as_recorded_once_confirmed(
    staff, street, zhou, wu, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    file = sheet(
        row(),
        row("A002", "请假"),
        row("A001", "缺席", datetime.date(2023, 3, 8), "学习培训", "代表履职培训", place=None),
    )

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.CHECKED, (job.error, job.row_errors)
    assert "新增 3 条" in job.summary
    assert not Activity.objects.exists()

    job = confirm(client, job, django_capture_on_commit_callbacks)

    assert job.state == State.READY
    inspection, training = Activity.objects.order_by("-held_on")
    assert (inspection.street, inspection.kind, inspection.place) == (
        street, Activity.Kind.INSPECTION, "青石社区"
    )  # fmt: skip
    assert (training.held_on, training.kind, training.place) == (
        datetime.date(2023, 3, 8), Activity.Kind.TRAINING, ""
    )  # fmt: skip
    statuses = {(a.activity, a.deputy): a.status for a in Attendance.objects.all()}
    assert statuses == {
        (inspection, zhou): Status.ATTENDED, (inspection, wu): Status.LEAVE,
        (training, zhou): Status.ABSENT,
    }  # fmt: skip
    attendance = Attendance.objects.get(activity=inspection, deputy=zhou)
    step = attendance.steps.get()
    assert (step.name, step.to_state, step.by) == ("imported", Status.ATTENDED, staff)
    assert attendance.history.get().history_user == staff
    assert inspection.history.get().history_user == staff
    assert not PointEntry.objects.exists() and not Notice.objects.exists()


@pytest.mark.parametrize(
    "cells, column",
    [
        ({"number": "X999"}, "代表编号"),
        ({"day": "去年"}, "活动日期"),
        ({"day": datetime.date.today() + datetime.timedelta(days=3)}, "活动日期"),
        ({"kind": "聚餐"}, "活动类型"),
        ({"theme": None}, "活动主题"),
        ({"theme": "另一次视察", "organiser": None}, "组织单位"),
        ({"status": "迟到"}, "出勤情况"),
    ],
)
def test_a_sheet_with_one_bad_row_is_refused_naming_the_row_and_column(
    staff, zhou, wu, django_capture_on_commit_callbacks, cells, column
):
    file = sheet(row(), row("A002", **cells) if "number" not in cells else row(**cells))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert column_errors(job) == [["第 3 行", column]]
    assert not Activity.objects.exists() and not Attendance.objects.exists()


def test_reimporting_updates_the_same_attendance_and_skips_the_rest(
    staff, zhou, wu, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    import_sheet(client, IMPORT, sheet(row(), row("A002", "缺席")), capture)

    job = import_sheet(client, IMPORT, sheet(row(), row("A002", "请假")), capture)

    assert "更新 1 条" in job.summary and "未变 1 条" in job.summary
    assert Activity.objects.count() == 1 and Attendance.objects.count() == 2
    corrected = Attendance.objects.get(deputy=wu)
    assert corrected.status == Status.LEAVE
    assert list(corrected.steps.values_list("from_state", "to_state")) == [
        (Status.INVITED, Status.ABSENT), (Status.ABSENT, Status.LEAVE),
    ]  # fmt: skip


def test_street_staff_import_into_their_own_street_only(
    staff, street, zhou, django_capture_on_commit_callbacks
):
    other = StreetFactory(name="白鹭街道")
    DeputyFactory(street=other, number="B001")
    client, capture = client_as(staff), django_capture_on_commit_callbacks

    import_sheet(client, IMPORT, sheet(row(street="白鹭街道")), capture)

    assert Activity.objects.get().street == street
    job = upload(client, IMPORT, sheet(row("B001", street="白鹭街道")), capture)
    assert column_errors(job) == [["第 2 行", "代表编号"]]
    assert Attendance.objects.count() == 1


def test_district_staff_import_into_the_street_the_sheet_names(
    district_staff, street, zhou, django_capture_on_commit_callbacks
):
    client, capture = client_as(district_staff), django_capture_on_commit_callbacks

    job = upload(client, IMPORT, sheet(row(street=None) + [None]), capture)

    assert job.state == State.FAILED and ["第 2 行", "街道"] in column_errors(job)

    import_sheet(client, IMPORT, sheet(row(street=street.name)), capture)

    assert Activity.objects.get().street == street
    assert Attendance.objects.get().deputy == zhou
