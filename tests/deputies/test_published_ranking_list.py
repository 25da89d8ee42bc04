"""Publishing (公示) a quarter freezes its ranking: deputies of the street read the
published lists from their home, readers too, and print them as a PDF; nothing
that happens later changes a published list."""

import datetime
import io
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

from congress_portal.roles import Role
from deputies import services
from deputies.models import Membership, PublishedQuarter, RuleCode
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import (
    ActivityFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
)
from tests.factories import StreetFactory, UserFactory
from tests.queries import list_queries

pytestmark = pytest.mark.usefixtures("point_rules")
NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
LIST = reverse("deputies:published_rankings")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def with_points(street, staff, name, dates, user=None):
    deputy = DeputyFactory(street=street, name=name, user=user)
    MembershipFactory(deputy=deputy)
    for day in dates:
        services.approve(PointEntryFactory(deputy=deputy, occurred_on=day), staff)
    return deputy


@pytest.fixture
def ranked(street, staff, deputy):
    """Three deputies of the street with points in Q2 and Q3, the persona's among them."""
    return [
        with_points(street, staff, "吴海波", [datetime.date(2026, 5, 1)] * 3),
        with_points(street, staff, "周晓梅", [datetime.date(2026, 8, 1)] * 2, user=deputy),
        with_points(street, staff, "陈志远", [datetime.date(2026, 2, 1)]),
    ]


@pytest.fixture
def published(ranked, street, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.publish_quarter(street, 2026, 2, staff)


def lines(published):
    return [(r.rank, r.name, r.quarter_points, r.points) for r in published.ranks.all()]


def test_publishing_freezes_the_ranking_by_the_year_up_to_the_quarters_end(published):
    # Q2 ends on 30 June: 周晓梅's August points are not counted in it.
    assert lines(published) == [(1, "吴海波", 9, 9), (2, "陈志远", 0, 3), (3, "周晓梅", 0, 0)]


def test_a_former_deputy_is_not_ranked(ranked, street, staff):
    ranked[0].memberships.update(
        ended_on=datetime.date(2026, 9, 1), ended_how=Membership.Ended.TRANSFER
    )

    published = services.publish_quarter(street, 2026, 2, staff)

    assert [name for _rank, name, *_points in lines(published)] == ["陈志远", "周晓梅"]


def ranks_shown(response):
    return response.content.decode().split('<ul class="list-group')[1].split("</ul>")[0]


def test_a_published_ranking_does_not_change_later(published, ranked, street, staff, leader):
    before = lines(published)
    page = reverse("deputies:published_ranking", args=[published.pk])
    shown = ranks_shown(get_as(leader, page))
    # An entry after the quarter is approved, the portal awards points dated inside it
    # (automatic entries still count), a deputy is renamed and another leaves.
    services.approve(
        PointEntryFactory(deputy=ranked[2], occurred_on=datetime.date(2026, 10, 8)), staff
    )
    services.award(ranked[1], RuleCode.STATION_DUTY, occurred_on=datetime.date(2026, 6, 3),
                   source_record=ActivityFactory(street=street), by=staff)  # fmt: skip
    ranked[2].name = "陈志远（改名）"
    ranked[2].save()
    ranked[0].memberships.update(
        ended_on=datetime.date(2026, 11, 1), ended_how=Membership.Ended.TRANSFER
    )

    published.refresh_from_db()
    assert lines(published) == before
    assert ranks_shown(get_as(leader, page)) == shown
    live = get_as(staff, reverse("deputies:ranking") + "?year=2026").content.decode()
    assert "陈志远（改名）" in live and "吴海波" not in live  # the live ranking moved on


def test_publishing_prints_the_frozen_list_as_a_pdf(published, deputy):
    published.refresh_from_db()
    assert published.state == PublishedQuarter.State.READY and published.pdf

    response = get_as(deputy, reverse("deputies:published_ranking_pdf", args=[published.pk]))

    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "2026年第2季度履职积分排名" in text and "吴海波" in text


def test_the_pdf_is_a_404_until_it_is_rendered(ranked, street, staff):
    published = services.publish_quarter(street, 2026, 2, staff)  # not committed: not rendered

    url = reverse("deputies:published_ranking_pdf", args=[published.pk])
    assert get_as(staff, url).status_code == 404
    assert "正在生成" in get_as(staff, published.get_absolute_url()).content.decode()


@pytest.fixture
def users(personas, published, other_unit_account):
    stranger = UserFactory(username="stranger", role=Role.DEPUTY)
    DeputyFactory(street=StreetFactory(name="白鹭街道"), user=stranger)
    neighbour_staff = UserFactory(role=Role.STAFF, street=StreetFactory(name="红枫街道"))
    district = UserFactory(role=Role.LEADERSHIP, street=None)
    return {**personas, "unit": other_unit_account, "other street's deputy": stranger,
            "other street's staff": neighbour_staff, "district leadership": district}  # fmt: skip


MATRIX = [
    ("deputy", 200),
    ("staff", 200),
    ("leadership", 200),
    ("district leadership", 200),
    ("other street's deputy", 404),
    ("other street's staff", 404),
    ("unit", 403),
    ("anonymous", LOGIN),
]


@pytest.mark.parametrize("persona, outcome", MATRIX)
def test_published_list_per_persona(users, published, persona, outcome):
    url = reverse("deputies:published_ranking", args=[published.pk])

    assert_outcome(get_as(users[persona], url), outcome)


@pytest.mark.parametrize("persona, outcome", MATRIX)
def test_published_pdf_per_persona(users, published, persona, outcome):
    url = reverse("deputies:published_ranking_pdf", args=[published.pk])

    assert_outcome(get_as(users[persona], url), outcome)


@pytest.mark.parametrize(
    "persona, outcome", [("deputy", 200), ("staff", 200), ("leadership", 200), ("unit", 403),
                         ("anonymous", LOGIN)],
)  # fmt: skip
def test_list_of_publications_per_persona(users, persona, outcome):
    assert_outcome(get_as(users[persona], LIST), outcome)


def test_a_deputy_reaches_the_lists_from_home_and_sees_their_own_line(deputy, published):
    home = get_as(deputy, reverse("deputies:my_duties")).content.decode()
    assert f'href="{LIST}"' in home

    page = get_as(deputy, LIST).content.decode()

    assert "青石街道 · 2026年第2季度" in page
    assert "您的名次：第3名 · 本季度0分 · 本年度累计0分" in page
    detail = get_as(deputy, published.get_absolute_url()).content.decode()
    mine = detail.split("周晓梅")[0].rsplit("<li", 1)[1]
    assert "list-group-item-warning" in mine


def test_another_streets_deputy_sees_no_publication_of_this_street(users, published):
    page = get_as(users["other street's deputy"], LIST).content.decode()

    assert "青石街道" not in page and "尚未公示积分排名" in page


def test_readers_reach_the_published_list_from_the_ranking_page(staff, published):
    page = get_as(staff, reverse("deputies:ranking") + "?year=2026").content.decode()

    assert published.get_absolute_url() in page


def test_the_pages_run_a_fixed_number_of_queries(street, staff, deputy, published):
    pages = [
        (user, url) for user in [deputy, staff] for url in [LIST, published.get_absolute_url()]
    ]
    few = [list_queries(user, url) for user, url in pages]
    published.ranks.update(name="改")  # the frozen rows are read as they are
    for n in range(30):
        with_points(street, staff, f"代表{n}", [datetime.date(2026, 8, 1)])
    services.publish_quarter(street, 2026, 3, staff)
    published.ranks.bulk_create(
        published.ranks.model(published=published, name=f"代表{n}", rank=4, quarter_points=0,
                              points=0)
        for n in range(30)
    )  # fmt: skip

    assert [list_queries(user, url) for user, url in pages] == few
    assert max(few) <= 10


def test_quarters_published_before_freezing_get_their_ranking_from_the_migration(published):
    published.ranks.all().delete()
    migration = import_module("deputies.migrations.0017_published_ranking_snapshots")

    migration.freeze_published(apps, None)

    assert lines(published) == [(1, "吴海波", 9, 9), (2, "陈志远", 0, 3), (3, "周晓梅", 0, 0)]


def test_each_deputy_on_the_published_list_is_told_once_in_their_inbox(
    published, ranked, street, staff, deputy
):
    other = DeputyFactory(street=StreetFactory(), user=UserFactory(role=Role.DEPUTY))
    MembershipFactory(deputy=other)

    notice = deputy.notices.get()

    assert notice.title == "2026年第2季度履职积分排名已公布"
    assert notice.url == published.get_absolute_url()
    assert not other.user.notices.exists()
    assert services.announce_published_ranking(published.pk) == 0
    assert deputy.notices.count() == 1


@pytest.fixture
def failed(published):
    PublishedQuarter.objects.filter(pk=published.pk).update(
        state=PublishedQuarter.State.FAILED, error="OSError: 磁盘已满", pdf=""
    )
    return PublishedQuarter.objects.get(pk=published.pk)


def again(user, published):
    url = reverse("deputies:render_published_ranking_again", args=[published.pk])
    return client_as(user).post(url, follow=True)


def test_staff_see_a_failed_pdf_and_have_it_made_again(
    failed, staff, deputy, django_capture_on_commit_callbacks
):
    page = get_as(staff, failed.get_absolute_url()).content.decode()
    assert "PDF 生成失败：OSError: 磁盘已满" in page and "重新生成" in page
    assert "磁盘已满" not in get_as(deputy, failed.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = again(staff, failed)

    failed.refresh_from_db()
    assert "正在重新生成 PDF" in response.content.decode()
    assert failed.state == PublishedQuarter.State.READY and failed.pdf and not failed.error


def test_a_pdf_being_made_is_not_queued_twice(failed, staff):
    PublishedQuarter.objects.filter(pk=failed.pk).update(state=PublishedQuarter.State.QUEUED)

    assert "PDF 正在生成中" in again(staff, failed).content.decode()


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 403), ("leadership", 403), ("other street's staff", 404), ("unit", 403),
     ("anonymous", LOGIN)],
)  # fmt: skip
def test_only_the_streets_staff_have_the_pdf_made_again(users, failed, persona, outcome):
    url = reverse("deputies:render_published_ranking_again", args=[failed.pk])

    assert_outcome(client_as(users[persona]).post(url), outcome)
    assert PublishedQuarter.objects.get(pk=failed.pk).state == PublishedQuarter.State.FAILED
