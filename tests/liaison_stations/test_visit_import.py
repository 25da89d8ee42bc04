"""Past years' constituent visits imported in the admin from the station's ledger:
checked in the background (row errors by row and column, nothing saved), imported
once staff confirm, filed as closed, found again by station, day, matter and names."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from congress_portal.models import Notice, OutboxJob, SheetJob
from deputies.models import PointEntry
from liaison_stations.models import Constituent, Visit
from liaison_stations.resources import HEADERS
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import StationFactory
from tests.sheets import import_sheet, upload, workbook

IMPORT = reverse("admin:liaison_stations_visit_import")
TEMPLATE = reverse("sheet_template", args=["visit_ledger_import"])
COLUMNS = [header for header in HEADERS.values() if header != "街道"]
State = SheetJob.State


@pytest.fixture
def station(street):
    return StationFactory(street=street, name="青石社区联络站")


@pytest.fixture
def receivers(street):
    return [
        DeputyFactory(street=street, name="周晓梅", number="A001"),
        DeputyFactory(street=street, name="吴海波", number="A002"),
    ]


def visit_row(matter="小区消防通道被占", **cells):
    """A row of the sheet; `cells`: other columns by field name (HEADERS)."""
    values = {
        "station": "青石社区联络站",
        "received_on": datetime.date(2023, 5, 6),
        "deputies": "A001、A002",
        "names": "陈阿姨",
        "phones": 13812345678,  # a number cell, as Excel keeps a phone typed in
        "matter": matter,
        "category": "社会治安",
        "reply": "已协调物业清理通道",
        "closed_on": datetime.date(2023, 5, 20),
        "evaluation": "满意",
        **cells,
    }
    return [values[field] for field in HEADERS if field != "street"]


def sheet(*rows, headers=COLUMNS):
    return workbook(headers, *rows)


def test_staff_open_the_import_from_the_visit_list(staff):
    assert (
        IMPORT in get_as(staff, reverse("admin:liaison_stations_visit_changelist")).content.decode()
    )
    page = get_as(staff, IMPORT)

    assert page.status_code == 200
    assert TEMPLATE in page.content.decode()
    assert not SheetJob.objects.exists()


def test_admin_users_who_may_only_view_visits_cannot_import(leader):
    leader.is_staff = True
    leader.save()

    assert get_as(leader, IMPORT).status_code == 403
    assert get_as(leader, TEMPLATE).status_code == 403


def template_columns(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(rows) for rows in (book.worksheets[0].values, book.worksheets[1].values)]


def test_staff_download_the_blank_visit_sheet_with_its_notes(staff):
    response = get_as(staff, TEMPLATE)

    assert response.status_code == 200
    headers, notes = template_columns(response)
    assert list(headers[0]) == COLUMNS == [
        "联络站", "接待日期", "接待代表", "选民姓名", "联系电话", "反映事项", "类别",
        "办理结果", "办结日期", "选民评价",
    ]  # fmt: skip
    assert [row[0] for row in notes[1:]] == COLUMNS
    assert "积分" in dict(notes[1:])["接待代表"]  # imported visits earn no points


def test_district_staff_blank_sheet_has_the_street_column(district_staff):
    headers, _notes = template_columns(get_as(district_staff, TEMPLATE))

    assert list(headers[0]) == list(HEADERS.values())


@pytest.mark.parametrize("persona, outcome", [("deputy", 403), ("leadership", 403),
                                              ("unit", 403), ("anonymous", LOGIN)])  # fmt: skip
def test_only_those_who_may_import_download_the_blank_sheet(
    personas, other_unit_account, persona, outcome
):
    user = other_unit_account if persona == "unit" else personas[persona]

    assert_outcome(get_as(user, TEMPLATE), outcome)


def test_a_clean_sheet_is_checked_then_filed_closed_in_the_staff_members_street(
    staff, station, receivers, point_rules, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    group = visit_row(
        "路灯不亮", names="王先生、李女士", phones="13900000001、0571-88886666",
        deputies="A002", category="交通出行", closed_on=None, evaluation=None,
    )  # fmt: skip
    file = sheet(visit_row(), group)

    job = upload(client, IMPORT, file, capture)

    assert job.state == State.CHECKED, job.row_errors
    assert "新增 2 条" in job.summary
    assert not Visit.objects.exists()

    job = import_sheet(client, IMPORT, sheet(visit_row(), group), capture)

    assert job.state == State.READY
    visit = Visit.objects.get(matter="小区消防通道被占")
    assert (visit.station, visit.state, visit.category) == (
        station,
        Visit.State.CLOSED,
        Visit.Category.SAFETY,
    )
    assert visit.reply == visit.feedback == "已协调物业清理通道"
    day = datetime.date(2023, 5, 20)
    assert (visit.replied_on, visit.fed_back_on, visit.closed_on) == (day, day, day)
    assert (visit.evaluation, visit.evaluation_given) == (
        Visit.Evaluation.SATISFIED,
        Visit.EvaluationGiven.IN_PERSON,
    )
    assert set(visit.deputies.all()) == set(receivers)
    assert list(visit.constituents.values_list("name", "phone")) == [("陈阿姨", "13812345678")]
    assert visit.registered_by == staff and len(visit.tracking_number) == 10
    assert visit.history.get().history_user == staff
    assert visit.constituents.get().history.get().history_user == staff
    step = visit.steps.get()
    assert (step.name, step.to_state, step.by) == ("imported", Visit.State.CLOSED, staff)

    lamp = Visit.objects.get(matter="路灯不亮")
    assert lamp.closed_on == lamp.received_on == datetime.date(2023, 5, 6)
    assert (lamp.state, lamp.evaluation, lamp.evaluation_given) == (Visit.State.CLOSED, "", "")
    assert sorted(lamp.constituents.values_list("name", "phone")) == [
        ("李女士", "0571-88886666"),
        ("王先生", "13900000001"),
    ]
    assert list(lamp.deputies.all()) == [receivers[1]]
    # Past records: no points, no notice, no email, no task but the sheet's own.
    assert not PointEntry.objects.exists() and not Notice.objects.exists()
    assert not mail.outbox
    assert set(OutboxJob.objects.values_list("task", flat=True)) == {
        "congress_portal.tasks.run_sheet_job"
    }


@pytest.mark.parametrize(
    "cells, column",
    [
        ({"received_on": "去年五月"}, "接待日期"),
        ({"received_on": timezone.localdate() + datetime.timedelta(days=1)}, "接待日期"),
        ({"deputies": "A001、Z999"}, "接待代表"),
        ({"deputies": None}, "接待代表"),
        ({"station": "白云联络站"}, "联络站"),
        ({"category": "噪音"}, "类别"),
        ({"reply": " "}, "办理结果"),
        ({"closed_on": datetime.date(2023, 5, 1)}, "办结日期"),
        ({"evaluation": "很好"}, "选民评价"),
        ({"names": None, "phones": None}, "选民姓名"),
        ({"phones": "13812345678、13900000001"}, "联系电话"),
    ],
)
def test_a_sheet_with_one_bad_row_is_refused_naming_the_row_and_column(
    staff, station, receivers, django_capture_on_commit_callbacks, cells, column
):
    file = sheet(visit_row(), visit_row("路灯不亮", **cells))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert [error.split("：")[:2] for error in job.row_errors] == [["第 3 行", column]]
    assert not Visit.objects.exists() and not Constituent.objects.exists()


def test_errors_never_repeat_a_constituents_name_or_phone(
    staff, station, receivers, django_capture_on_commit_callbacks
):
    name, phone = "欧阳" * 30, "1381234"
    file = sheet(visit_row(names=name, phones=phone))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert [error.split("：")[1] for error in job.row_errors] == ["选民姓名", "联系电话"]
    page = client_as(staff).get(reverse("sheet_job", args=[job.pk])).content.decode()
    assert name not in page and phone not in page
    assert not any(name in error or phone in error for error in job.row_errors)


def test_reimporting_the_sheet_updates_the_same_visits_and_skips_unchanged_ones(
    staff, station, receivers, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    lamp = visit_row("路灯不亮", names="王先生")
    import_sheet(client, IMPORT, sheet(visit_row(), lamp), capture)
    visit = Visit.objects.get(matter="小区消防通道被占")
    changed = visit_row(evaluation="基本满意", phones="13911112222", deputies="A001")

    job = import_sheet(client, IMPORT, sheet(changed, lamp), capture)

    assert "更新 1 条" in job.summary and "未变 1 条" in job.summary
    assert Visit.objects.count() == 2 and Constituent.objects.count() == 2
    updated = Visit.objects.get(matter="小区消防通道被占")
    assert (updated.pk, updated.tracking_number) == (visit.pk, visit.tracking_number)
    assert updated.evaluation == Visit.Evaluation.BASICALLY_SATISFIED
    assert updated.constituents.get().phone == "13911112222"
    assert list(updated.deputies.all()) == [receivers[0]]
    assert updated.steps.count() == 1  # the trail says once that it was imported


def test_a_street_staff_member_cannot_import_into_another_street(
    staff, street, station, receivers, django_capture_on_commit_callbacks
):
    other = StreetFactory(name="白鹭街道")
    StationFactory(street=other, name="白鹭联络站")
    DeputyFactory(street=other, number="B001")
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    headers = list(HEADERS.values())

    import_sheet(client, IMPORT, sheet(visit_row() + ["白鹭街道"], headers=headers), capture)

    assert Visit.objects.get().station == station
    elsewhere = [
        visit_row("路灯不亮", station="白鹭联络站") + ["白鹭街道"],
        visit_row("井盖松动", deputies="A001、B001") + ["白鹭街道"],
    ]
    job = upload(client, IMPORT, sheet(*elsewhere, headers=headers), capture)
    assert job.state == State.FAILED
    assert [error.split("：")[:2] for error in job.row_errors] == [
        ["第 2 行", "联络站"],
        ["第 3 行", "接待代表"],
    ]
    assert Visit.objects.count() == 1


def test_district_staff_import_into_the_street_the_sheet_names(
    district_staff, street, station, receivers, django_capture_on_commit_callbacks
):
    client, capture = client_as(district_staff), django_capture_on_commit_callbacks
    headers = list(HEADERS.values())

    import_sheet(client, IMPORT, sheet(visit_row() + [street.name], headers=headers), capture)

    assert Visit.objects.get().station == station
    job = upload(client, IMPORT, sheet(visit_row("路灯不亮") + [None], headers=headers), capture)
    assert job.row_errors == ["第 2 行：街道：请填写街道名称。"]
