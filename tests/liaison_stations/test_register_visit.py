"""Registering a visit hands points only for what happened: at least one
constituent, receivers who were there, dates deputies may still change."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from deputies import services as deputies_services
from deputies.models import PointEntry
from liaison_stations import services
from liaison_stations.models import Constituent, Visit
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import DutyAssignmentFactory, StationFactory

pytestmark = pytest.mark.usefixtures("point_rules")
NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
REGISTER = "/stations/visits/new/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def station(street, my_deputy):
    """桂花 station, with the deputy persona on its roster and a seat since 2021."""
    MembershipFactory(deputy=my_deputy)
    station = StationFactory(street=street, name="桂花社区代表联络站")
    station.deputies.add(my_deputy)
    return station


def seated(street, name):
    deputy = DeputyFactory(street=street, name=name)
    MembershipFactory(deputy=deputy)
    return deputy


def checked_in(deputy, station, day):
    return DutyAssignmentFactory(
        deputy=deputy,
        session__station=station,
        session__date=day,
        checked_in_at=datetime.datetime.combine(day, datetime.time(1), tzinfo=datetime.UTC),
    )


def visit_form(station, deputies, on="2026-11-20", **constituent):
    constituent = constituent or {"name": "王先生", "phone": "13900001111"}
    return {
        "station": station.pk, "received_on": on, "category": "property",
        "matter": "电梯故障多次报修未修复", "deputies": [deputy.pk for deputy in deputies],
        "constituents-TOTAL_FORMS": "2", "constituents-INITIAL_FORMS": "0",
        **{f"constituents-0-{name}": value for name, value in constituent.items()},
    }  # fmt: skip


def register(user, form):
    return client_as(user).post(REGISTER, form, follow=True)


def offered(user, query=""):
    form = get_as(user, REGISTER + query).context["form"]
    return {deputy.name for deputy in form.fields["deputies"].queryset}


def test_a_visit_without_a_constituent_is_refused_and_awards_nothing(deputy, my_deputy, station):
    form = visit_form(station, [my_deputy]) | {
        "constituents-0-name": "",
        "constituents-0-phone": "",
    }

    page = register(deputy, form).content.decode()

    assert "请至少填写一位来访选民的姓名、电话或地址" in page
    assert not Visit.objects.exists() and not PointEntry.objects.exists()


def test_a_constituent_of_blanks_only_is_no_constituent(deputy, my_deputy, station):
    page = register(deputy, visit_form(station, [my_deputy], name="   ")).content.decode()

    assert "请至少填写一位来访选民" in page
    assert not Visit.objects.exists()


def test_the_service_refuses_a_visit_without_constituents(staff, my_deputy, station):
    visit = Visit(station=station, received_on=datetime.date(2026, 11, 20), matter="噪声扰民")

    with pytest.raises(DomainError, match="至少填写一位来访选民"):
        services.register_visit(visit, staff, constituents=[Constituent()], deputies=[my_deputy])
    assert not Visit.objects.exists()


def test_a_deputy_is_offered_the_rosters_and_those_checked_in_that_day(
    deputy, my_deputy, station, street
):
    """The form offers the street's stations' rosters and who checked in at one of
    them that day; the station chosen must be theirs."""
    on_roster = seated(street, "周晓梅")
    station.deputies.add(on_roster)
    checked_in(seated(street, "吴海波"), station, datetime.date(2026, 11, 21))
    checked_in(seated(street, "郑国强"), station, datetime.date(2026, 11, 18))
    at_another_station = seated(street, "陈立新")
    checked_in(at_another_station, StationFactory(street=street), datetime.date(2026, 11, 21))
    seated(street, "孙丽华")
    seated(StreetFactory(name="白鹭街道"), "钱志远")

    assert offered(deputy) == {"李建国", "周晓梅", "吴海波", "陈立新"}
    page = register(deputy, visit_form(station, [at_another_station], on="2026-11-21"))
    assert "陈立新：既不是本联络站的进站代表，当天也未在本站签到" in page.content.decode()
    assert not Visit.objects.exists()


def test_a_deputy_who_checked_in_that_day_receives_the_visit(deputy, my_deputy, station, street):
    on_duty = seated(street, "吴海波")
    checked_in(on_duty, station, datetime.date(2026, 11, 18))

    register(deputy, visit_form(station, [my_deputy, on_duty], on="2026-11-18"))

    visit = Visit.objects.get()
    assert set(visit.deputies.all()) == {my_deputy, on_duty}
    assert on_duty.point_entries.get().rule.code == "receive_constituents"


def test_a_deputy_cannot_hand_points_to_deputies_who_were_not_there(
    deputy, my_deputy, station, street
):
    elsewhere = seated(street, "孙丽华")
    yesterday = seated(street, "吴海波")
    checked_in(yesterday, station, datetime.date(2026, 11, 19))

    for receivers in ([my_deputy, elsewhere], [my_deputy, yesterday]):
        page = register(deputy, visit_form(station, receivers)).content.decode()
        assert "不在可用的选项中" in page

    assert not Visit.objects.exists() and not PointEntry.objects.exists()


def test_the_service_refuses_a_deputys_receivers_off_the_roster(deputy, my_deputy, station, street):
    elsewhere = seated(street, "孙丽华")
    visit = Visit(station=station, received_on=datetime.date(2026, 11, 20), matter="噪声扰民")

    with pytest.raises(DomainError, match="孙丽华：既不是本联络站的进站代表"):
        services.register_visit(
            visit, deputy, constituents=[Constituent(name="王先生")], deputies=[elsewhere]
        )
    assert not PointEntry.objects.exists()


def test_staff_may_add_other_deputies_of_the_street(staff, my_deputy, station, street):
    elsewhere = seated(street, "孙丽华")

    register(staff, visit_form(station, [elsewhere]))

    assert list(Visit.objects.get().deputies.all()) == [elsewhere]
    assert elsewhere.point_entries.get().state == PointEntry.State.APPROVED


def test_staff_never_name_another_streets_deputy(staff, my_deputy, station):
    foreign = seated(StreetFactory(name="白鹭街道"), "钱志远")
    visit = Visit(station=station, received_on=datetime.date(2026, 11, 20), matter="噪声扰民")

    assert "钱志远" not in offered(staff)
    with pytest.raises(DomainError, match="钱志远：不是本联络站所在街道的代表"):
        services.register_visit(
            visit, staff, constituents=[Constituent(name="王先生")], deputies=[foreign]
        )
    assert not PointEntry.objects.exists()


def test_a_deputy_registers_no_visit_in_a_published_quarter(deputy, my_deputy, station, staff):
    deputies_services.publish_quarter(station.street, 2026, 2, staff)
    day = datetime.date(2026, 5, 12)
    checked_in(my_deputy, station, day)

    page = register(deputy, visit_form(station, [my_deputy], on=day.isoformat())).content
    register(staff, visit_form(station, [my_deputy], on=day.isoformat()))

    assert "积分已公布" in page.decode()
    visit = Visit.objects.get()
    assert (visit.registered_by, visit.received_on) == (staff, day)


def test_a_deputy_registers_no_visit_before_their_seat(deputy, my_deputy, station, staff):
    page = register(deputy, visit_form(station, [my_deputy], on="2020-05-12")).content.decode()

    assert "不在代表任期内" in page
    assert not Visit.objects.exists()


def test_a_deputy_is_offered_only_their_streets_stations(deputy, my_deputy, station):
    StationFactory(street=StreetFactory(name="白鹭街道"), name="白鹭社区代表联络站")

    form = get_as(deputy, REGISTER).context["form"]

    assert [s.name for s in form.fields["station"].queryset] == ["桂花社区代表联络站"]


@pytest.mark.parametrize(
    "persona, shown", [("staff", True), ("deputy", True), ("leadership", False)]
)
def test_only_who_may_register_sees_the_button(personas, my_deputy, persona, shown):
    page = get_as(personas[persona], reverse("liaison_stations:visit_ledger")).content.decode()

    assert (REGISTER in page) is shown


def test_a_deputy_who_registers_a_visit_a_colleague_received_then_sees_it(
    deputy, my_deputy, station, street, other_deputy
):
    colleague = seated(street, "周晓梅")
    station.deputies.add(colleague)

    page = register(deputy, visit_form(station, [colleague]))

    visit = Visit.objects.get()
    assert page.status_code == 200 and page.redirect_chain[-1][0].endswith(f"/{visit.pk}/")
    assert "电梯故障多次报修未修复" in page.content.decode()
    assert get_as(other_deputy, f"/stations/visits/{visit.pk}/").status_code == 404
