"""Annual work summaries: frozen figures, the PDF rendered in the background, downloads."""

import datetime
import io
import re

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from congress_portal.errors import DomainError
from congress_portal.models import OutboxJob, Street
from congress_portal.roles import Role
from liaison_stations.models import Visit
from reports import services
from reports.models import AnnualReport, ReportDownload
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.congress_portal.test_pdf import MM, text_runs
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def visits(street):
    station = StationFactory(street=street)
    return VisitFactory.create_batch(3, station=station, received_on=datetime.date(2026, 5, 6))


@pytest.fixture
def report(street, staff, visits):
    return services.create_report(street, 2026, staff)


@pytest.fixture
def generate(django_capture_on_commit_callbacks, staff):
    """Ask for the PDF as staff; the job runs (eagerly) once the request commits."""

    def generate(report, by=staff):
        with django_capture_on_commit_callbacks(execute=True):
            services.request_pdf(report, by)

    return generate


def pdf_text(report):
    report.refresh_from_db()
    with report.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_creating_a_report_freezes_the_years_figures_and_lays_out_the_sections(report, street):
    assert report.figures["visits"]["total"] == 3
    assert report.title == "青石街道人大工委2026年工作总结及2027年工作计划"
    parts = list(report.sections.values_list("part", flat=True))
    assert parts[:2] == ["intro", "work"] and {"shortcomings", "plan"} <= set(parts[2:])

    VisitFactory(station=street.stations.get(), received_on=datetime.date(2026, 6, 1))
    report.refresh_from_db()
    assert report.figures["visits"]["total"] == 3  # frozen

    services.refresh_figures(report, report.created_by)
    report.refresh_from_db()
    assert report.figures["visits"]["total"] == 4


def test_one_report_per_street_and_year(report, street, staff):
    with pytest.raises(services.DomainError):
        services.create_report(street, 2026, staff)


def test_a_report_created_meanwhile_by_a_parallel_request_is_refused_with_a_message(
    staff, street, visits, monkeypatch
):
    """Two POSTs at once both pass the "is there one already" check; the second to
    save meets the unique constraint and gets the same message, not a 500."""
    title = services.default_title

    def parallel_request_saves_first(street, year):
        AnnualReport.objects.create(street=street, year=year, title="并行", created_by=staff)
        return title(street, year)

    monkeypatch.setattr(services, "default_title", parallel_request_saves_first)

    response = client_as(staff).post(
        url("create"), {"year": 2026, "street": street.pk}, follow=True
    )

    assert response.status_code == 200
    assert "该街道本年度的报告已存在" in response.content.decode()


def test_the_pdf_task_renders_the_report_with_its_figures_and_chinese_fonts(
    generate, report, staff
):
    section = next(section for section in report.sections.all() if "visits" in section.topics)
    section.narrative += "\n各社区联络站坚持每周接待日制度。"
    section.save()

    generate(report)

    report.refresh_from_db()
    assert report.state == AnnualReport.State.READY and report.error == ""
    reader, text = pdf_text(report)
    compact = text.replace(" ", "").replace("\n", "")
    assert "青石街道人大工委2026年工作总结" in compact
    assert "一、2026年主要工作" in compact and "二、存在的不足" in compact
    assert "三、2027年工作计划" in compact
    assert "接待选民3人次" in compact and "各社区联络站坚持每周接待日制度。" in compact
    assert "—1—" in compact
    fonts = {
        font["/FontName"]
        for page in reader.pages
        for font in (
            descendant["/FontDescriptor"]
            for resource in page["/Resources"]["/Font"].values()
            for descendant in resource.get_object().get("/DescendantFonts", [resource])
        )
        if any(key in font for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    }
    assert any("CJK" in name for name in fonts), fonts


def test_a_failed_rendering_shows_the_error_and_can_be_tried_again(
    generate, report, staff, monkeypatch
):
    def broken(report):
        raise RuntimeError("字体缺失")

    monkeypatch.setattr(services.rendering, "annual_report_pdf", broken)
    generate(report)
    report.refresh_from_db()
    assert report.state == AnnualReport.State.FAILED and "字体缺失" in report.error

    monkeypatch.undo()
    generate(report)
    report.refresh_from_db()
    assert report.state == AnnualReport.State.READY and report.error == ""


def test_rendering_again_replaces_the_file(generate, report, staff):
    generate(report)
    report.refresh_from_db()
    first = report.pdf.name

    generate(report)

    report.refresh_from_db()
    assert report.pdf.name != first and report.pdf.storage.exists(report.pdf.name)
    assert not report.pdf.storage.exists(first)


def test_a_report_not_queued_is_left_alone(report):
    assert services.render_pdf(report.pk) is None
    report.refresh_from_db()
    assert report.state == AnnualReport.State.DRAFT and not report.pdf


def test_a_queued_report_cannot_be_queued_twice(generate, report, staff, settings, monkeypatch):
    monkeypatch.setattr(services.jobs, "enqueue", lambda task, *args: None)
    generate(report)

    with pytest.raises(services.DomainError):
        generate(report)


def url(name, *args):
    return reverse(f"reports:{name}", args=args)


@pytest.mark.parametrize(
    "persona, outcome",
    [("leadership", 200), ("staff", 200), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_downloads_are_for_leadership_and_staff_and_logged(
    generate, personas, report, staff, persona, outcome
):
    generate(report)

    response = get_as(personas[persona], url("download", report.pk))

    assert_outcome(response, outcome)
    logged = ReportDownload.objects.filter(report=report)
    assert logged.count() == (1 if outcome == 200 else 0)
    if outcome == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert logged.get().by == personas[persona]


def test_another_streets_leader_cannot_download(generate, report, staff):
    generate(report)
    neighbour = UserFactory(role=Role.LEADERSHIP, street=StreetFactory(name="白鹭街道"))

    assert get_as(neighbour, url("download", report.pk)).status_code == 404


def test_a_report_not_rendered_has_nothing_to_download(leader, report):
    assert get_as(leader, url("download", report.pk)).status_code == 404


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 302), ("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_only_staff_create_reports(personas, street, persona, outcome):
    data = {"year": 2026, "street": street.pk}

    assert_outcome(client_as(personas[persona]).post(url("create"), data), outcome)
    assert AnnualReport.objects.exists() == (persona == "staff")


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 302), ("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_only_staff_generate_the_pdf(
    django_capture_on_commit_callbacks, personas, report, persona, outcome
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(personas[persona]).post(url("generate", report.pk))
    assert_outcome(response, outcome)
    report.refresh_from_db()
    assert (report.state == AnnualReport.State.READY) == (persona == "staff")


def test_street_staff_create_reports_only_for_their_street(staff, street):
    other = StreetFactory(name="白鹭街道")

    client_as(staff).post(url("create"), {"year": 2026, "street": other.pk})

    assert not AnnualReport.objects.filter(street=other).exists()


def test_leadership_home_lists_the_ready_report_to_download(generate, leader, report, staff):
    generate(report)

    page = get_as(leader, url("home")).content.decode()

    assert report.title in page and url("download", report.pk) in page
    assert url("generate", report.pk) not in page


@pytest.mark.parametrize(
    "persona, outcome",
    [("leadership", 200), ("staff", 200), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_dashboard_is_for_leadership_and_staff(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], url("dashboard")), outcome)


def test_dashboard_shows_the_streets_figures_and_charts(leader, visits):
    page = get_as(leader, url("dashboard") + "?year=2026").content.decode()

    assert "青石街道" in page and "data:image/svg+xml;base64," in page
    assert "接待选民" in page


def test_district_users_pick_a_street_or_see_all(db, visits):
    other = StreetFactory(name="白鹭街道")
    VisitFactory(station=StationFactory(street=other), received_on=datetime.date(2026, 5, 6))
    district = UserFactory(role=Role.LEADERSHIP, street=None)

    everything = get_as(district, url("dashboard") + "?year=2026").context["f"]
    one = get_as(district, url("dashboard") + f"?year=2026&street={other.pk}").context["f"]

    assert everything["visits"]["total"] == 4 and one["visits"]["total"] == 1


def test_the_district_dashboard_tabulates_the_streets(db, visits):
    StationFactory(street=StreetFactory(name="白鹭街道"))
    district = UserFactory(role=Role.LEADERSHIP, street=None)

    everything = get_as(district, url("dashboard") + "?year=2026").content.decode()
    one = get_as(district, url("dashboard") + "?year=2026&street=" + str(Street.objects.get(
        name="白鹭街道").pk)).content.decode()  # fmt: skip

    assert "2026年各街道主要工作数据" in everything
    assert re.search(r"<td>白鹭街道</td><td[^>]*>1</td>", everything)  # its one station
    assert "各街道主要工作数据" not in one


def test_street_leadership_cannot_pick_another_street(leader, visits):
    other = StreetFactory(name="白鹭街道")

    response = get_as(leader, url("dashboard") + f"?year=2026&street={other.pk}")

    assert response.context["street"] == Street.objects.get(name="青石街道")


def test_counting_the_dashboard_runs_a_fixed_number_of_queries(
    street, visits, django_assert_num_queries
):
    from reports import dashboard

    station = street.stations.get()

    def queries():
        with CaptureQueriesContext(connection) as counted:
            dashboard.count(2026, street.pk)
        return len(counted)

    queries()  # the first count creates the snapshot, later ones update it
    few = queries()
    VisitFactory.create_batch(30, station=station, received_on=datetime.date(2026, 3, 1),
                              state=Visit.State.CLOSED)  # fmt: skip
    assert queries() == few


def test_a_rendering_whose_worker_died_is_taken_up_again(report):
    started = datetime.datetime(2026, 11, 21, 9, 59, tzinfo=datetime.UTC)
    AnnualReport.objects.filter(pk=report.pk).update(
        state=AnnualReport.State.RENDERING, rendered_at=started
    )
    assert services.render_pdf(report.pk) is None  # a minute ago: still at work

    AnnualReport.objects.filter(pk=report.pk).update(
        rendered_at=started - datetime.timedelta(minutes=10)
    )
    assert services.render_pdf(report.pk) is not None
    report.refresh_from_db()
    assert report.state == AnnualReport.State.READY


def test_one_district_report_a_year(db, staff):
    district_staff = staff.__class__.objects.create(username="district")
    services.create_report(None, 2026, district_staff)

    with pytest.raises(services.DomainError):
        services.create_report(None, 2026, district_staff)
    with pytest.raises(IntegrityError):
        AnnualReport.objects.create(street=None, year=2026, title="重复")


@pytest.fixture
def versions(monkeypatch):
    """Each rendering makes the next version: b"%PDF-1.4 v1", v2..."""
    made = []

    def render(report):
        made.append(f"%PDF-1.4 v{len(made) + 1}".encode())
        return "report.pdf", made[-1]

    monkeypatch.setattr(services.rendering, "annual_report_pdf", render)


def downloaded(user, report):
    response = get_as(user, url("download", report.pk))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_generating_again_keeps_the_published_pdf_until_the_new_one_replaces_it(
    generate, versions, report, staff, leader, monkeypatch
):
    generate(report)
    assert downloaded(leader, report) == b"%PDF-1.4 v1"
    queued = []
    monkeypatch.setattr(services.jobs, "enqueue", lambda task, *args: queued.append(args))

    generate(report)  # the worker has not taken the job yet

    report.refresh_from_db()
    assert report.state == AnnualReport.State.QUEUED
    assert downloaded(leader, report) == b"%PDF-1.4 v1"
    page = get_as(leader, url("home")).content.decode()
    assert url("download", report.pk) in page and "已生成，新版本正在生成中" in page
    services.render_pdf(*queued[0])
    assert downloaded(leader, report) == b"%PDF-1.4 v2"


def test_a_failed_new_version_leaves_the_published_pdf(generate, versions, report, leader):
    generate(report)
    AnnualReport.objects.filter(pk=report.pk).update(state=AnnualReport.State.FAILED, error="x")

    assert downloaded(leader, report) == b"%PDF-1.4 v1"


def test_the_pdf_is_stored_under_a_name_no_one_can_guess(generate, versions, report):
    generate(report)

    report.refresh_from_db()
    folder, year, token, name = report.pdf.name.removeprefix("reports/").split("/")
    assert (folder, year, name) == ("annual", "2026", "report.pdf") and len(token) >= 20


def test_no_page_is_left_half_empty_and_the_charts_go_two_to_a_page(
    generate, counted_year, street, staff
):
    report = services.create_report(street, 2026, staff)
    intro = report.sections.get(key="intro")
    intro.narrative += "\n" + "街道人大工委坚持把代表工作放在突出位置，" * 60  # a long body
    intro.save()

    generate(report)

    reader, _text = pdf_text(report)
    pages = [(page, "".join(page.extract_text().split())) for page in reader.pages]
    charts_start = next(n for n, (_, text) in enumerate(pages) if "2026年主要工作数据图表" in text)
    table_start = next(n for n, (_, text) in enumerate(pages) if "附件2" in text)
    body, charts = pages[:charts_start], pages[charts_start:table_start]
    assert len(body) >= 3 and len(charts) == 3  # six charts
    text_block_bottom, line = 35 * MM, 28.95
    for page, _ in body[:-1]:  # the last page of the body ends where the text ends
        lowest = min(y for _, y, text in text_runs(page) if not text.startswith("—"))
        # Full but for a heading carried over with its paragraph's first lines.
        assert lowest < text_block_bottom + 4 * line
    captions = [re.findall(r"图\d", text) for _, text in charts]
    assert captions == [["图1", "图2"], ["图3", "图4"], ["图5", "图6"]]


def test_the_figures_are_counted_by_a_worker_not_the_request(
    staff, street, visits, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(url("create"), {"year": 2026, "street": street.pk})
    report = AnnualReport.objects.get()
    assert report.counting and report.figures == {} and not report.sections.exists()
    change = reverse("admin:reports_annualreport_change", args=[report.pk])
    assert "年度数据正在后台统计" in client.get(change).content.decode()
    with pytest.raises(DomainError, match="尚在统计"):
        services.request_pdf(report, staff)

    for callback in queued:  # the job reaches the worker
        callback()

    report.refresh_from_db()
    assert not report.counting and report.figures["visits"]["total"] == 3
    assert report.sections.exists()
    assert "正在后台统计" not in client.get(change).content.decode()


def test_a_count_whose_job_was_lost_is_queued_again_by_the_sweep(
    staff, street, visits, django_capture_on_commit_callbacks
):
    from congress_portal.tasks import sweep_outbox

    with django_capture_on_commit_callbacks(execute=False):
        report = services.request_report(street, 2026, staff)
    OutboxJob.objects.update(sent_at=timezone.now())  # and Redis lost its message
    later = timezone.now() + services.COUNT_AGAIN_AFTER + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        sweep_outbox()

    report.refresh_from_db()
    assert not report.counting and report.figures["visits"]["total"] == 3
