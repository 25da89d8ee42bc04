"""The deputy roster in the admin: an import is uploaded, checked in the background
(row errors listed, nothing saved), and imported once staff confirm; an export is
a background job too. Both keep to the staff member's street."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress_portal import sheets
from congress_portal.models import OutboxJob, SheetJob
from congress_portal.roles import Role
from deputies.models import Deputy, Gender
from deputies.resources import HEADERS
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory
from tests.factories import CommunityFactory, StreetFactory, UserFactory
from tests.sheets import confirm, import_sheet, job_url, sheet_rows, upload, workbook

IMPORT = reverse("admin:deputies_deputy_import")
COLUMNS = [header for header in HEADERS.values() if header != "街道"]
State = SheetJob.State


@pytest.fixture
def community(street):
    return CommunityFactory(street=street, name="青石社区")


def sheet(*rows, headers=COLUMNS):
    return workbook(headers, *rows)


def deputy_row(name, gender="女", phone="13812345678", community="青石社区", birth_year=1975):
    return [
        name,
        gender,
        birth_year,
        phone,
        "青石小学",
        "校长",
        "教育",
        "第一选区",
        community,
        None,
    ]


@pytest.mark.parametrize("view", ["import", "export"])
@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_roster_import_and_export_are_for_staff_only(personas, persona, view):
    response = get_as(personas[persona], reverse(f"admin:deputies_deputy_{view}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not SheetJob.objects.exists()


@pytest.mark.parametrize("view", ["import", "export"])
def test_staff_open_roster_import_and_export(staff, view):
    assert get_as(staff, reverse(f"admin:deputies_deputy_{view}")).status_code == 200
    assert not SheetJob.objects.exists()  # nothing is made before the form is sent


def test_admin_users_who_may_only_view_deputies_cannot_import(leader):
    leader.is_staff = True
    leader.save()

    assert get_as(leader, reverse("admin:deputies_deputy_import")).status_code == 403
    assert get_as(leader, reverse("admin:deputies_deputy_export")).status_code == 200
    assert client_as(leader).post(export_url(), {"format": "0"}).status_code == 302
    assert SheetJob.objects.get().kind == "deputy_roster"


def test_rows_with_errors_are_listed_and_nothing_is_imported(
    staff, community, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    file = sheet(
        deputy_row("周晓梅"),
        deputy_row("吴海波", phone="12345"),
        deputy_row("陈立新", gender="未知", community="白云社区"),
    )

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert [error.split("：")[:2] for error in job.row_errors] == [
        ["第 3 行", "联系电话"],
        ["第 4 行", "性别"],
        ["第 4 行", "社区"],
    ]
    page = client.get(job_url(job)).content.decode()
    assert "请输入 11 位手机号码" in page
    assert "白云社区" in page
    assert "2 行有错误" in page
    assert not Deputy.objects.exists()
    assert client.post(job_url(job, "confirm")).status_code == 302
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert not Deputy.objects.exists()


def test_a_birth_year_that_is_not_a_number_is_a_row_error(
    staff, community, django_capture_on_commit_callbacks
):
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", birth_year="一九七五"))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert job.row_errors == ["第 3 行：出生年份：年份须为整数，例如 1975。"]
    assert not Deputy.objects.exists()


def test_a_file_that_is_not_a_sheet_fails_with_a_message(staff, django_capture_on_commit_callbacks):
    file = SimpleUploadedFile("花名册.xlsx", b"not a workbook")

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert "无法读取" in job.error


def test_clean_sheet_is_checked_then_imported_into_the_staff_members_street_once_confirmed(
    staff, street, community, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", gender="男", phone="0571-88886666"))

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.CHECKED
    assert (job.rows_done, job.rows_total) == (2, 2)
    assert "新增 2 条" in client.get(job_url(job)).content.decode()
    assert not Deputy.objects.exists()

    job = confirm(client, job, django_capture_on_commit_callbacks)

    assert job.state == State.READY
    imported = {deputy.name: deputy for deputy in Deputy.objects.all()}
    assert set(imported) == {"周晓梅", "吴海波"}
    assert {deputy.street for deputy in imported.values()} == {street}
    assert {deputy.community for deputy in imported.values()} == {community}
    assert imported["吴海波"].gender == Gender.MALE
    assert imported["吴海波"].phone == "0571-88886666"
    assert imported["周晓梅"].employer == "青石小学"
    assert imported["周晓梅"].history.get().history_user == staff


def test_a_long_import_goes_on_in_the_next_task_from_where_it_stopped(
    staff, street, community, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(sheets, "CHUNK", 1)
    monkeypatch.setattr(sheets, "SLICE", datetime.timedelta(0))  # one chunk a task
    client = client_as(staff)
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", phone="13900000000"),
                 deputy_row("陈立新", phone="13700000000"))  # fmt: skip
    tasks = OutboxJob.objects.filter(task="congress_portal.tasks.run_sheet_job")

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert (job.state, job.rows_done, tasks.count()) == (State.CHECKED, 3, 3)
    assert "新增 3 条" in job.summary
    assert not Deputy.objects.exists()

    job = confirm(client, job, django_capture_on_commit_callbacks)

    assert (job.state, job.rows_done, tasks.count()) == (State.READY, 3, 6)
    assert "新增 3 条" in job.summary
    assert set(Deputy.objects.values_list("name", flat=True)) == {"周晓梅", "吴海波", "陈立新"}


@pytest.mark.parametrize(
    "persona, outcome", [("another staff member", 404), ("leadership", 404), ("anonymous", LOGIN)]
)
def test_only_the_staff_member_who_uploaded_sees_and_confirms_the_import(
    staff, community, leader, django_capture_on_commit_callbacks, persona, outcome
):
    file = sheet(deputy_row("周晓梅"))
    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)
    user = {
        "another staff member": UserFactory(role=Role.STAFF, street=staff.street),
        "leadership": leader,
        "anonymous": None,
    }[persona]

    assert_outcome(get_as(user, job_url(job)), outcome)
    assert_outcome(client_as(user).post(job_url(job, "confirm")), outcome)
    job.refresh_from_db()
    assert job.state == State.CHECKED
    assert not Deputy.objects.exists()


def test_street_column_cannot_move_deputies_out_of_the_staff_members_street(
    staff, street, community, django_capture_on_commit_callbacks
):
    StreetFactory(name="白鹭街道")
    file = sheet(deputy_row("周晓梅") + ["白鹭街道"], headers=list(HEADERS.values()))

    import_sheet(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert Deputy.objects.get().street == street


def test_district_users_import_into_the_street_the_sheet_names(
    street, community, django_capture_on_commit_callbacks
):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    file = sheet(deputy_row("周晓梅") + [street.name], headers=list(HEADERS.values()))

    import_sheet(client_as(district_staff), IMPORT, file, django_capture_on_commit_callbacks)

    deputy = Deputy.objects.get()
    assert (deputy.street, deputy.community) == (street, community)


def test_reimporting_a_sheet_updates_the_deputies_instead_of_duplicating(
    staff, community, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    capture = django_capture_on_commit_callbacks
    wu = deputy_row("吴海波", phone="13900000000")
    import_sheet(client, IMPORT, sheet(deputy_row("周晓梅"), wu), capture)
    changed = deputy_row("周晓梅")
    changed[5] = "副校长"

    job = import_sheet(client, IMPORT, sheet(changed, wu), capture)

    assert Deputy.objects.count() == 2
    assert Deputy.objects.get(name="周晓梅").post == "副校长"
    assert "更新 1 条" in job.summary


def export_url(query=""):
    return reverse("admin:deputies_deputy_export") + query


def export(user, query, capture):
    """Open the export's form from the list (`query`: its filters), send it, run the job."""
    client = client_as(user)
    assert client.get(export_url(query)).status_code == 200
    with capture(execute=True):
        response = client.post(export_url(query), {"format": "0"})
    assert response.status_code == 302 and response.url == reverse("sheet_jobs")
    job = SheetJob.objects.get()
    assert job.state == State.READY, job.error
    return sheet_rows(job)


def test_export_is_a_sheet_of_the_staff_members_street_with_chinese_headers(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, community=community, name="周晓梅", gender=Gender.MALE)
    DeputyFactory(street=StreetFactory(name="白鹭街道"), name="吴海波")

    rows = export(staff, "", django_capture_on_commit_callbacks)

    assert list(rows[0]) == list(HEADERS.values())
    assert [(row[0], row[1], row[8], row[10]) for row in rows[1:]] == [
        ("周晓梅", "男", "青石社区", "青石街道")
    ]


def test_an_export_form_sent_without_its_values_makes_nothing(staff):
    response = client_as(staff).post(export_url("?q=周"), {"post": "yes"})

    assert response.status_code == 200
    assert not SheetJob.objects.exists()


def test_export_follows_the_list_filters_and_ignores_unknown_parameters(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, name="周晓梅")
    DeputyFactory(street=street, name="吴海波")
    junk = "?q=周&foo=bar&o=99&p=x&_changelist_filters=a%3Db&community__name__regex=(&e=1"

    rows = export(staff, junk, django_capture_on_commit_callbacks)

    assert [row[0] for row in rows[1:]] == ["周晓梅"]


def test_a_filter_value_the_list_cannot_take_fails_the_export_with_a_message(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, community=community, name="周晓梅")
    url = export_url("?community__id__exact=abc")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(staff).post(url, {"format": "0"})

    assert response.status_code == 302
    job = SheetJob.objects.get()
    assert (job.state, job.file.name) == (State.FAILED, "")
    assert "筛选条件无效" in job.error
