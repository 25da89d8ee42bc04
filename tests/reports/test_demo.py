import pytest

from congress_portal.demo import DemoContext
from congress_portal.roles import Role
from reports import demo
from reports.models import AnnualReport, Publicity
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory, UserFactory


@pytest.fixture
def main_street(db):
    street = StreetFactory(district="临江区", name="青石街道")
    UserFactory(username="staff", role=Role.STAFF, street=street)
    DeputyFactory.create_batch(5, street=street)
    return street


def test_demo_has_publicity_and_this_years_report_as_drafted(
    main_street, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(DemoContext())

    assert Publicity.objects.filter(street=main_street).count() == len(demo.REPORTS)
    assert set(Publicity.objects.values_list("level", flat=True)) == set(Publicity.Level) - {
        Publicity.Level.NATIONAL
    }
    report = AnnualReport.objects.get(street=main_street)
    assert report.state == AnnualReport.State.READY
    publicity = next(section for section in report.sections.all() if "publicity" in section.topics)
    assert f"《{demo.REPORTS[0][1]}》刊发的《{demo.REPORTS[0][0]}》" in publicity.narrative
    assert report.sections.filter(part="plan").count() > 1
    building = report.sections.get(key="theme-1").narrative
    assert "全年接待区人大常委会、邻市人大常委会等考察团2批次。" in building


def test_running_the_demo_again_adds_nothing(main_street):
    demo.seed(DemoContext())
    demo.seed(DemoContext())

    assert Publicity.objects.count() == len(demo.REPORTS)
    assert AnnualReport.objects.count() == 1
