"""Exports in the background: the request records a job and returns; the worker
writes the sheet; the page "导出文件" shows its progress and hands the file to
the user who asked, for a day."""

import datetime
import time

import pytest
import time_machine
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from congress_portal import sheets, tasks
from congress_portal.models import SheetJob
from congress_portal.roles import Role
from liaison_stations.models import Visit
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.queries import assert_fixed_queries
from tests.sheets import export_url, run_export, sheet_rows

NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
EXPORTS = "/exports/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def station(street):
    return StationFactory(street=street, name="桂花社区代表联络站")


@pytest.fixture
def visit(station):
    return VisitFactory(station=station, matter="小区垃圾清运不及时")


@pytest.fixture
def ready_job(staff, visit, django_capture_on_commit_callbacks):
    return run_export(staff, "visit_ledger", "", django_capture_on_commit_callbacks)


def download_url(job):
    return reverse("download_sheet", args=[job.pk])


def test_a_50000_row_export_runs_as_a_job_while_the_request_returns_at_once(
    staff, station, django_capture_on_commit_callbacks
):
    Visit.objects.bulk_create(
        Visit(station=station, received_on=datetime.date(2026, 11, 1), matter=f"事项{n}",
              category=Visit.Category.ENVIRONMENT)
        for n in range(50_000)
    )  # fmt: skip
    client = client_as(staff)

    with django_capture_on_commit_callbacks() as queued:
        started = time.perf_counter()
        response = client.post(export_url("visit_ledger"))
        took = time.perf_counter() - started

    assert took < 1
    assert response.status_code == 302 and response.url == EXPORTS
    job = SheetJob.objects.get()
    assert (job.state, job.kind, job.file.name) == (SheetJob.State.QUEUED, "visit_ledger", "")

    for run in queued:
        run()

    job.refresh_from_db()
    assert job.state == SheetJob.State.READY
    assert job.rows_done == job.rows_total == 50_000
    rows = sheet_rows(job)
    assert rows[0][0] == "接待日期"
    assert len(rows) == 1 + 50_000
    assert {row[4] for row in rows[1:]} == {f"事项{n}" for n in range(50_000)}


VISIT_LEDGER = [("staff", 302), ("leadership", 302), ("deputy", 302), ("anonymous", LOGIN)]
READERS_ONLY = [("staff", 302), ("leadership", 302), ("deputy", 403), ("anonymous", LOGIN)]


@pytest.mark.parametrize(
    "kind, persona, outcome",
    [("visit_ledger", *case) for case in VISIT_LEDGER]
    + [(kind, *case) for kind in ["suggestion_ledger", "unit_statistics"] for case in READERS_ONLY],
)
def test_who_may_ask_for_each_export(personas, kind, persona, outcome):
    response = client_as(personas[persona]).post(export_url(kind))

    assert_outcome(response, outcome)
    asked = SheetJob.objects.filter(kind=kind).exists()
    assert asked == (outcome == 302)
    if outcome == 302:
        assert response.url == EXPORTS


def test_an_export_is_asked_for_with_a_post(staff):
    assert get_as(staff, export_url("visit_ledger")).status_code == 405
    assert not SheetJob.objects.exists()


def test_an_unknown_export_is_not_found(staff):
    assert client_as(staff).post(export_url("everything")).status_code == 404


def test_the_job_keeps_the_filters_but_not_the_page(staff):
    client_as(staff).post(export_url("visit_ledger", "category=traffic&page=3&state=closed"))

    assert SheetJob.objects.get().filters == {"category": ["traffic"], "state": ["closed"]}


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 200), ("anonymous", LOGIN)],
)
def test_exports_page_is_for_signed_in_roles(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], EXPORTS), outcome)


def test_exports_page_lists_only_the_users_own_jobs_with_a_download_link(ready_job, leader):
    mine = get_as(ready_job.user, EXPORTS).content.decode()
    theirs = get_as(leader, EXPORTS).content.decode()

    assert "接待选民台账" in mine and download_url(ready_job) in mine
    assert download_url(ready_job) not in theirs


def test_exports_page_refreshes_itself_while_a_job_is_waiting(staff, visit):
    client = client_as(staff)
    client.post(export_url("visit_ledger"))  # the test's transaction: the job stays queued

    page = client.get(EXPORTS).content.decode()

    assert 'http-equiv="refresh"' in page and "排队中" in page


def test_exports_page_shows_the_progress_of_a_running_job(staff):
    job = sheets.start(staff, "visit_ledger")
    SheetJob.objects.filter(pk=job.pk).update(
        state=SheetJob.State.RUNNING, rows_done=4_000, rows_total=16_000
    )

    page = get_as(staff, EXPORTS).content.decode()

    assert "4000 / 16000" in page and "25%" in page


@pytest.mark.parametrize(
    "persona, outcome",
    [("owner", 200), ("staff of the street", 404), ("leadership", 404), ("anonymous", LOGIN)],
)
def test_only_the_user_who_asked_downloads_the_file(ready_job, leader, persona, outcome):
    users = {
        "owner": ready_job.user,
        "staff of the street": UserFactory(role=Role.STAFF, street=ready_job.user.street),
        "leadership": leader,
        "anonymous": None,
    }

    response = get_as(users[persona], download_url(ready_job))

    assert_outcome(response, outcome)
    if outcome == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert ".xlsx" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "persona, outcome", [("owner", 200), ("leadership", 404), ("anonymous", LOGIN)]
)
def test_only_the_user_who_asked_sees_the_jobs_page(ready_job, leader, persona, outcome):
    user = {"owner": ready_job.user, "leadership": leader, "anonymous": None}[persona]

    response = get_as(user, reverse("sheet_job", args=[ready_job.pk]))

    assert_outcome(response, outcome)
    if outcome == 200:
        assert download_url(ready_job) in response.content.decode()


def test_a_job_not_ready_has_nothing_to_download(staff):
    job = sheets.start(staff, "visit_ledger")

    assert get_as(staff, download_url(job)).status_code == 404


def test_the_file_and_the_job_are_removed_after_a_day(ready_job, staff, clock):
    path = ready_job.file.path
    clock.shift(datetime.timedelta(hours=23))
    younger = sheets.start(staff, "visit_ledger")

    clock.shift(datetime.timedelta(hours=2))
    assert get_as(staff, download_url(ready_job)).status_code == 404
    assert tasks.remove_expired() == 1

    assert list(SheetJob.objects.all()) == [younger]
    with pytest.raises(FileNotFoundError):
        open(path)  # noqa: SIM115


def test_the_cleanup_is_scheduled_every_hour(db):
    cleanup = PeriodicTask.objects.get(task="congress_portal.tasks.remove_expired")

    assert cleanup.enabled
    assert (cleanup.interval.every, cleanup.interval.period) == (1, "hours")


def test_a_failed_job_shows_its_error(
    staff, visit, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("congress_portal.ledgers.write_xlsx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(staff).post(export_url("visit_ledger"))

    job = SheetJob.objects.get()
    assert (job.state, job.file.name) == (SheetJob.State.FAILED, "")
    page = get_as(staff, EXPORTS).content.decode()
    assert "失败" in page and "the disk is full" in page


def test_an_export_larger_than_a_sheet_fails_with_a_message(
    staff, visit, station, monkeypatch, django_capture_on_commit_callbacks
):
    VisitFactory(station=station)
    monkeypatch.setattr(sheets, "EXCEL_ROWS", 1)

    with django_capture_on_commit_callbacks(execute=True):
        client_as(staff).post(export_url("visit_ledger"))

    job = SheetJob.objects.get()
    assert (job.state, job.file.name) == (SheetJob.State.FAILED, "")
    assert "最多" in job.error and "缩小筛选范围" in job.error


def test_a_user_who_lost_access_gets_nothing(staff, visit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        client_as(staff).post(export_url("visit_ledger"))
    staff.groups.clear()  # no longer committee staff when the worker gets to it

    for run in queued:
        run()

    job = SheetJob.objects.get()
    assert (job.state, job.file.name) == (SheetJob.State.FAILED, "")
    assert "无权" in job.error


def test_the_sheet_is_built_as_the_user_may_see_it_when_the_job_runs(
    staff, visit, django_capture_on_commit_callbacks
):
    neighbour = StationFactory(name="白鹭社区代表联络站")
    VisitFactory(station=neighbour, matter="别的街道的事项")

    job = run_export(staff, "visit_ledger", "", django_capture_on_commit_callbacks)

    assert [row[4] for row in sheet_rows(job)[1:]] == ["小区垃圾清运不及时"]


def test_a_job_runs_once_when_its_message_arrives_twice(ready_job):
    stored = ready_job.file.name

    assert sheets.run(ready_job.pk) is None

    ready_job.refresh_from_db()
    assert ready_job.file.name == stored


def test_exports_page_runs_a_fixed_number_of_queries(staff, visit):
    def add(count=1):
        for _n in range(count):
            job = sheets.start(staff, "visit_ledger")
            SheetJob.objects.filter(pk=job.pk).update(state=SheetJob.State.FAILED, error="×")

    assert_fixed_queries(staff, EXPORTS, add)


def test_the_admin_lists_the_jobs_of_the_street_read_only(ready_job, staff):
    neighbour = UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道"))
    theirs = sheets.start(neighbour, "visit_ledger")
    client = client_as(staff)

    listed = client.get(reverse("admin:congress_portal_sheetjob_changelist")).context["cl"]

    assert list(listed.queryset) == [ready_job]
    change = reverse("admin:congress_portal_sheetjob_change", args=[ready_job.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"state": "queued"}).status_code == 403
    assert client.get(reverse("admin:congress_portal_sheetjob_add")).status_code == 403
    other = reverse("admin:congress_portal_sheetjob_change", args=[theirs.pk])
    assert client.get(other).status_code == 302  # the admin's "does not exist" redirect


def test_a_job_whose_worker_died_is_taken_up_again_by_the_hourly_task(
    staff, visit, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # queued, but the worker dies at once
        client_as(staff).post(export_url("visit_ledger"))
    job = SheetJob.objects.get()
    SheetJob.objects.filter(pk=job.pk).update(state=SheetJob.State.RUNNING, started_at=NOW)

    clock.shift(datetime.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remove_expired()
    job.refresh_from_db()
    assert job.state == SheetJob.State.RUNNING and job.is_busy  # maybe still at work

    clock.shift(datetime.timedelta(minutes=15))
    assert not SheetJob.objects.get().is_busy
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remove_expired()
    job.refresh_from_db()
    assert job.state == SheetJob.State.READY
    assert len(sheet_rows(job)) == 2
