"""The performance archive (一人一档) as a PDF: asked for from the archive page's
panel, rendered in the background, downloaded by those who may read the archive."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from congress_portal.roles import Role
from deputies import services as deputy_services
from deputies.models import PointRule
from reports import services
from reports.models import ArchiveDownload, ArchivePDF
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import DutyAssignmentFactory, StationFactory, VisitFactory

YEAR = 2026


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def archive_deputy(my_deputy, street, staff):
    """李建国 with a term, 8 approved points, a duty checked in and a visit received."""
    MembershipFactory(deputy=my_deputy)
    deputy_services.approve(PointEntryFactory(deputy=my_deputy), staff)
    station = StationFactory(street=street, name="青石第一代表联络站")
    DutyAssignmentFactory(
        deputy=my_deputy,
        session__station=station,
        session__date=datetime.date(2026, 6, 3),
        checked_in_at=datetime.datetime(2026, 6, 3, 1, tzinfo=datetime.UTC),
    )
    visit = VisitFactory(
        station=station, received_on=datetime.date(2026, 6, 3), matter="老旧小区加装电梯"
    )
    visit.deputies.add(my_deputy)
    return my_deputy


@pytest.fixture
def generate(django_capture_on_commit_callbacks, staff):
    """Ask for the PDF; the job runs (eagerly) once the request commits."""

    def generate(deputy, by=staff, year=YEAR):
        with django_capture_on_commit_callbacks(execute=True):
            return services.request_archive_pdf(deputy, year, by)

    return generate


def url(name, deputy, year=YEAR):
    return reverse(f"reports:{name}", args=[deputy.pk, year])


def archive_page(deputy, year=YEAR):
    return reverse("deputies:archive", args=[deputy.pk]) + f"?year={year}"


def pdf_text(archive):
    archive.refresh_from_db()
    with archive.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return "".join(page.extract_text() for page in reader.pages).replace(" ", "").replace("\n", "")


def test_the_pdf_prints_the_deputys_particulars_and_figures(generate, archive_deputy):
    points = PointRule.objects.get(code="inspection_research").points

    archive = generate(archive_deputy)

    archive.refresh_from_db()
    assert archive.state == ArchivePDF.State.READY and archive.error == ""
    text = pdf_text(archive)
    assert "李建国" in text and "青石街道" in text
    assert f"合计：{points}" in text
    assert "在本街道1名现任代表中排第1名" in text
    assert "青石第一代表联络站" in text and "老旧小区加装电梯" in text
    assert "2026年11月21日" in text


def test_a_failed_rendering_keeps_the_error_and_can_be_tried_again(
    generate, archive_deputy, monkeypatch, fake_render
):
    working = services.rendering.archive_pdf

    def broken(archive):
        raise RuntimeError("字体缺失")

    monkeypatch.setattr(services.rendering, "archive_pdf", broken)
    archive = generate(archive_deputy)
    archive.refresh_from_db()
    assert archive.state == ArchivePDF.State.FAILED and "字体缺失" in archive.error
    assert get_as(archive_deputy.user, url("download_archive", archive_deputy)).status_code == 404

    monkeypatch.setattr(services.rendering, "archive_pdf", working)
    archive = generate(archive_deputy)
    archive.refresh_from_db()
    assert archive.state == ArchivePDF.State.READY and archive.error == ""


def test_rendering_again_replaces_the_file(generate, archive_deputy, fake_render):
    first = generate(archive_deputy)
    first.refresh_from_db()

    second = generate(archive_deputy)

    second.refresh_from_db()
    assert second.pk == first.pk and second.pdf.name != first.pdf.name
    assert second.pdf.storage.exists(second.pdf.name)
    assert not first.pdf.storage.exists(first.pdf.name)


def test_an_archive_not_queued_is_left_alone(archive_deputy):
    archive = ArchivePDF.objects.create(deputy=archive_deputy, year=YEAR, state="ready")
    assert services.render_archive_pdf(archive.pk) is None


def test_a_queued_archive_cannot_be_queued_twice(archive_deputy, staff, monkeypatch):
    monkeypatch.setattr(services.jobs, "enqueue", lambda task, *args: None)
    services.request_archive_pdf(archive_deputy, YEAR, staff)

    with pytest.raises(services.DomainError):
        services.request_archive_pdf(archive_deputy, YEAR, staff)


@pytest.fixture
def everyone(personas, other_deputy, street):
    """The personas, another deputy (with their own record) and district leadership."""
    DeputyFactory(name="王芳", street=street, user=other_deputy)
    return {
        **personas,
        "other deputy": other_deputy,
        "other street's leadership": UserFactory(
            role=Role.LEADERSHIP, street=StreetFactory(name="白鹭街道")
        ),
        "district leadership": UserFactory(role=Role.LEADERSHIP, street=None),
    }


@pytest.mark.parametrize(
    "persona, outcome",
    [
        ("deputy", 200),
        ("staff", 200),
        ("leadership", 200),
        ("district leadership", 200),
        ("other deputy", 404),
        ("other street's leadership", 404),
        ("anonymous", LOGIN),
    ],
)
def test_downloads_are_for_the_deputy_and_the_streets_readers_and_logged(
    generate, fake_render, everyone, archive_deputy, persona, outcome
):
    generate(archive_deputy)

    response = get_as(everyone[persona], url("download_archive", archive_deputy))

    assert_outcome(response, outcome)
    logged = ArchiveDownload.objects.all()
    assert logged.count() == (1 if outcome == 200 else 0)
    if outcome == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert logged.get().by == everyone[persona]


@pytest.mark.parametrize(
    "persona, outcome",
    [
        ("deputy", 302),
        ("staff", 302),
        ("leadership", 403),
        ("other deputy", 404),
        ("other street's leadership", 404),
        ("anonymous", LOGIN),
    ],
)
def test_the_deputy_and_staff_ask_for_the_pdf(
    django_capture_on_commit_callbacks, fake_render, everyone, archive_deputy, persona, outcome
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(everyone[persona]).post(url("generate_archive", archive_deputy))

    assert_outcome(response, outcome)
    ready = ArchivePDF.objects.filter(deputy=archive_deputy, state="ready").exists()
    assert ready == (outcome == 302)
    if outcome == 302:
        assert response.url == archive_page(archive_deputy)


def test_asking_is_post_only(deputy, archive_deputy):
    assert get_as(deputy, url("generate_archive", archive_deputy)).status_code == 405


def test_a_year_out_of_range_is_not_found(deputy, archive_deputy):
    response = client_as(deputy).post(url("generate_archive", archive_deputy, year=1999))
    assert response.status_code == 404


def test_nothing_to_download_before_the_pdf_is_ready(deputy, archive_deputy):
    assert get_as(deputy, url("download_archive", archive_deputy)).status_code == 404


def test_the_archive_page_offers_to_generate_then_to_download(
    generate, fake_render, deputy, archive_deputy
):
    page = get_as(deputy, archive_page(archive_deputy)).content.decode()
    assert url("generate_archive", archive_deputy) in page
    assert url("download_archive", archive_deputy) not in page

    generate(archive_deputy, by=deputy)

    page = get_as(deputy, archive_page(archive_deputy)).content.decode()
    assert url("download_archive", archive_deputy) in page
    assert "2026-11-21 18:00" in page  # ready at, local time


def test_the_pdf_section_comes_right_under_the_year_picker(deputy, archive_deputy):
    page = get_as(deputy, archive_page(archive_deputy)).content.decode()

    assert page.index("履职档案 PDF") < page.index("基本信息")


def test_leadership_see_only_the_download(generate, fake_render, leader, archive_deputy):
    page = get_as(leader, archive_page(archive_deputy)).content.decode()
    assert url("generate_archive", archive_deputy) not in page

    generate(archive_deputy)

    page = get_as(leader, archive_page(archive_deputy)).content.decode()
    assert url("download_archive", archive_deputy) in page
    assert url("generate_archive", archive_deputy) not in page


def test_a_term_has_no_pdf_the_panel_asks_for_a_year(deputy, archive_deputy):
    term = archive_deputy.memberships.get().term
    page = get_as(deputy, reverse("deputies:archive", args=[archive_deputy.pk])
                  + f"?term={term.pk}").content.decode()  # fmt: skip
    assert "/reports/archive/" not in page


def test_asking_again_keeps_the_pdf_downloadable_until_the_new_one_replaces_it(
    generate, archive_deputy, leader, monkeypatch
):
    made = []

    def render(archive):
        made.append(f"%PDF-1.4 v{len(made) + 1}".encode())
        return "archive.pdf", made[-1]

    def downloaded():
        response = get_as(leader, url("download_archive", archive_deputy))
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    monkeypatch.setattr(services.rendering, "archive_pdf", render)
    generate(archive_deputy)
    assert downloaded() == b"%PDF-1.4 v1"
    queued = []
    monkeypatch.setattr(services.jobs, "enqueue", lambda task, *args: queued.append(args))

    generate(archive_deputy)  # the worker has not taken the job yet

    assert downloaded() == b"%PDF-1.4 v1"
    page = get_as(leader, archive_page(archive_deputy)).content.decode()
    assert url("download_archive", archive_deputy) in page and "已生成，新版本正在生成中" in page
    assert "data-busy" in page  # busy.js reloads the page until the PDF is ready
    services.render_archive_pdf(*queued[0])
    assert "data-busy" not in get_as(leader, archive_page(archive_deputy)).content.decode()
    assert downloaded() == b"%PDF-1.4 v2"
