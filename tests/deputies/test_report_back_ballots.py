"""Report-back evaluation votes (述职评议): staff record each reporting deputy's
tally on the report-back in the admin; the satisfaction rate shows in the deputy's
archive (page and PDF), the points ranking and the year's figures."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from deputies import services
from deputies.models import Activity, Attendance, ReportBackBallot
from reports.drafting import draft
from reports.figures import year_figures
from reports.models import AnnualReport
from reports.rendering import archive_context
from tests.access import client_as, get_as
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
)
from tests.factories import StreetFactory
from tests.queries import list_queries

pytestmark = pytest.mark.usefixtures("point_rules")
HELD_ON = datetime.date(2026, 5, 12)


def report_back(street, **fields):
    return ActivityFactory(street=street, kind=Activity.Kind.REPORT_BACK, held_on=HELD_ON, **fields)


def ballot(activity, deputy, voters=60, satisfied=50, basically=6, dissatisfied=2):
    return ReportBackBallot.objects.create(
        activity=activity,
        deputy=deputy,
        voters=voters,
        satisfied=satisfied,
        basically_satisfied=basically,
        dissatisfied=dissatisfied,
    )


def admin_form(activity, deputy, voters, satisfied, basically, dissatisfied, theme=None):
    return {
        "street": activity.street_id,
        "kind": activity.kind,
        "theme": theme or activity.theme,
        "organiser": activity.organiser,
        "held_on": activity.held_on.isoformat(),
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
        "ballots-TOTAL_FORMS": "1",
        "ballots-INITIAL_FORMS": "0",
        "ballots-0-deputy": deputy.pk,
        "ballots-0-voters": voters,
        "ballots-0-satisfied": satisfied,
        "ballots-0-basically_satisfied": basically,
        "ballots-0-dissatisfied": dissatisfied,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }


def test_the_rate_counts_basically_satisfied_among_the_voters_present(street):
    vote = ballot(report_back(street), DeputyFactory(street=street), 80, 60, 12, 3)

    assert vote.satisfaction_rate == 72 / 80


def test_staff_record_a_ballot_on_the_report_back_with_its_author(staff, street):
    activity = report_back(street)
    deputy = DeputyFactory(street=street)
    url = reverse("admin:deputies_activity_change", args=[activity.pk])

    response = client_as(staff).post(url, admin_form(activity, deputy, 60, 50, 6, 2))

    assert response.status_code == 302
    vote = activity.ballots.get()
    assert (vote.deputy, vote.voters, vote.satisfied, vote.basically_satisfied) == (
        deputy, 60, 50, 6,
    )  # fmt: skip
    assert vote.history.get().history_user == staff


def test_a_tally_exceeding_the_voters_is_refused_and_nothing_is_saved(staff, street):
    activity = report_back(street, theme="社区代表述职会")
    deputy = DeputyFactory(street=street)
    url = reverse("admin:deputies_activity_change", args=[activity.pk])
    form = admin_form(activity, deputy, 50, 45, 6, 1, theme="改过的主题")

    response = client_as(staff).post(url, form)

    assert response.status_code == 200
    assert "测评票数（52票）超过到会选民数（50人），请核对计票。" in response.content.decode()
    assert not ReportBackBallot.objects.exists()
    activity.refresh_from_db()
    assert activity.theme == "社区代表述职会"


def test_the_model_and_the_database_refuse_a_tally_exceeding_the_voters(street):
    activity = report_back(street)
    deputy = DeputyFactory(street=street)
    vote = ReportBackBallot(
        activity=activity, deputy=deputy, voters=10, satisfied=8, basically_satisfied=2,
        dissatisfied=1,
    )  # fmt: skip

    with translation.override("zh-hans"), pytest.raises(ValidationError, match="超过到会选民数"):
        vote.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        vote.save()


def test_a_ballot_belongs_to_a_report_back_of_the_deputys_street(street):
    inspection = ActivityFactory(street=street)
    elsewhere = DeputyFactory(street=StreetFactory(name="白鹭街道"))

    with pytest.raises(ValidationError) as refused:
        ReportBackBallot(
            activity=inspection, deputy=DeputyFactory(street=street), voters=5, satisfied=5,
            basically_satisfied=0, dissatisfied=0,
        ).full_clean()  # fmt: skip
    assert "只有述职活动才能录入评议测评。" in str(refused.value)
    with pytest.raises(ValidationError, match="代表须属于活动所在街道"):
        ReportBackBallot(
            activity=report_back(street), deputy=elsewhere, voters=5, satisfied=5,
            basically_satisfied=0, dissatisfied=0,
        ).full_clean()  # fmt: skip


def test_the_archive_shows_the_vote_and_its_rate(my_deputy, deputy, street):
    activity = report_back(street, theme="向选民述职评议会")
    ballot(activity, my_deputy, 80, 60, 12, 3)

    page = get_as(deputy, reverse("deputies:archive", args=[my_deputy.pk]) + "?year=2026")

    text = page.content.decode()
    assert "述职评议" in text and "向选民述职评议会" in text
    assert "到会选民80人：满意60票、基本满意12票、不满意3票，满意率90%" in text


def test_the_archive_pdf_prints_the_vote(my_deputy, street):
    ballot(report_back(street), my_deputy, 80, 60, 12, 3)

    with translation.override("zh-hans"):
        html = render_to_string("reports/pdf/deputy_archive.html", archive_context(my_deputy, 2026))

    assert "5月12日向选民述职：到会选民80人，满意60票、基本满意12票、不满意3票，满意率90%。" in html


def test_the_ranking_shows_the_latest_report_backs_rate(staff, street):
    reported = DeputyFactory(street=street, name="周晓梅")
    MembershipFactory(deputy=reported)
    silent = DeputyFactory(street=street, name="吴海波")
    MembershipFactory(deputy=silent)
    ballot(ActivityFactory(street=street, kind="report_back", held_on=datetime.date(2024, 5, 1)),
           reported, 50, 20, 10, 20)  # fmt: skip
    ballot(report_back(street), reported, 80, 60, 12, 3)

    page = get_as(staff, reverse("deputies:ranking") + "?year=2026").content.decode()

    assert "述职满意率" in page
    assert page.split("周晓梅")[1].split("</tr>")[0].count("90%") == 1
    assert page.split("吴海波")[1].split("</tr>")[0].rstrip().endswith("—</td>")
    earlier = get_as(staff, reverse("deputies:ranking") + "?year=2025").content.decode()
    assert "60%" in earlier.split("周晓梅")[1].split("</tr>")[0]


def test_the_ranking_costs_the_same_queries_with_many_ballots(
    staff, street, django_assert_max_num_queries
):
    def add_deputies(count):
        activity = report_back(street)
        for _n in range(count):
            deputy = DeputyFactory(street=street)
            MembershipFactory(deputy=deputy)
            ballot(activity, deputy)

    add_deputies(1)
    few = list_queries(staff, reverse("deputies:ranking") + "?year=2025")
    add_deputies(20)

    assert list_queries(staff, reverse("deputies:ranking") + "?year=2024") == few
    with django_assert_max_num_queries(1):
        services.street_ranking(street.pk, 2026)


def test_the_years_figures_count_the_deputies_and_the_overall_rate(street):
    first, second = DeputyFactory(street=street), DeputyFactory(street=street)
    activity = report_back(street)
    ballot(activity, first, 80, 60, 12, 3)
    ballot(activity, second, 20, 10, 4, 6)
    ballot(report_back(StreetFactory(name="白鹭街道")), DeputyFactory(), 10, 0, 0, 10)

    votes = year_figures(2026, street)["report_back"]

    assert (votes["deputies"], votes["voters"], votes["satisfied"]) == (2, 100, 70)
    assert votes["satisfaction_rate"] == 86 / 100
    assert year_figures(2025, street)["report_back"]["satisfaction_rate"] is None


def test_the_annual_report_says_the_rate(street, staff):
    ballot(report_back(street), DeputyFactory(street=street), 80, 60, 12, 3)
    report = AnnualReport(street=street, year=2026, figures=year_figures(2026, street))

    text = "".join(block.text for block in draft(report))
    with translation.override("zh-hans"):
        table = render_to_string("reports/figures_table.html", {"f": report.figures})

    assert "1位代表回原选区述职后接受评议，参加测评选民80人次，满意率（含基本满意）达90%。" in text
    assert "述职评议满意率" in table and "90%" in table


def test_typed_results_become_ballots_for_the_deputies_who_reported_back(street):
    """The migration that brought ballots reads what staff typed before."""
    migration = importlib.import_module("deputies.migrations.0018_report_back_ballots")
    activity = report_back(street)
    Activity.objects.filter(pk=activity.pk).update(
        evaluation="参加选民63人，测评满意55票、基本满意6票、不满意2票"
    )
    speaker = AttendanceFactory(activity=activity, status=Attendance.Status.ATTENDED).deputy
    AttendanceFactory(activity=activity, status=Attendance.Status.ABSENT)
    unreadable = report_back(street)
    Activity.objects.filter(pk=unreadable.pk).update(evaluation="选民普遍满意")

    migration.count_typed_results(apps, None)

    vote = ReportBackBallot.objects.get()
    assert (vote.deputy, vote.voters, vote.satisfied, vote.basically_satisfied,
            vote.dissatisfied) == (speaker, 63, 55, 6, 2)  # fmt: skip
    unreadable.refresh_from_db()
    assert unreadable.evaluation == "选民普遍满意"
