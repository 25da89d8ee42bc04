"""Handling units sign in (承办单位): staff open accounts tied to a unit; a unit's
account sees only what its unit is given, on a home that lists what awaits it."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from congress_portal.models import User
from congress_portal.roles import Role
from congress_portal.scoping import scope
from liaison_stations.models import Visit
from suggestions.models import Suggestion, UnitAssignment
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import (
    ConstituentFactory,
    HandlingUnitFactory,
    StationFactory,
    VisitFactory,
)
from tests.queries import assert_fixed_queries
from tests.suggestions.factories import SuggestionFactory

D = datetime.date
DUE = D(2026, 12, 5)
HOME = reverse("unit_home")
ADD_ACCOUNT = reverse("admin:congress_portal_user_add")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def housing(db):
    return HandlingUnitFactory(name="区住建局")  # a district department: every street's


@pytest.fixture
def urban(db):
    return HandlingUnitFactory(name="区城管局")


@pytest.fixture
def housing_account(housing):
    return UserFactory(username="housing", role=Role.UNIT, handling_unit=housing, street=None)


def assigned(unit, role="lead", state=Suggestion.State.ASSIGNED, deadline=DUE, view_due=None,
             **fields):  # fmt: skip
    suggestion = SuggestionFactory(state=state, deadline=deadline, **fields)
    UnitAssignment.objects.create(suggestion=suggestion, unit=unit, role=role,
                                  assigned_on=D(2026, 9, 5), view_due=view_due)  # fmt: skip
    return suggestion


def account_form(unit=None, group=Role.UNIT, street=""):
    return {
        "username": "zhujianju", "name": "区住建局办公室", "street": street,
        "groups": [Group.objects.get(name=group.group_name).pk],
        "handling_unit": unit.pk if unit else "",
        "password1": "Gx7#kLm2Pq9z", "password2": "Gx7#kLm2Pq9z",
    }  # fmt: skip


def test_district_staff_open_an_account_for_a_district_department(district_staff, housing):
    response = client_as(district_staff).post(ADD_ACCOUNT, account_form(housing))

    assert response.status_code == 302
    account = User.objects.get(username="zhujianju")
    assert (account.role, account.handling_unit, account.street, account.is_staff) == (
        Role.UNIT, housing, None, False)  # fmt: skip


@pytest.mark.parametrize(
    "unit, group, error",
    [
        (None, Role.UNIT, "请选择该账号所属的承办单位。"),
        ("housing", Role.DEPUTY, "只有承办单位组的账号才能关联承办单位。"),
    ],
)
def test_a_unit_account_needs_its_unit_and_no_other_account_has_one(
    district_staff, housing, unit, group, error
):
    form = account_form(housing if unit else None, group)

    response = client_as(district_staff).post(ADD_ACCOUNT, form)

    assert response.status_code == 200 and error in response.content.decode()
    assert not User.objects.filter(username="zhujianju").exists()


def test_street_staff_open_accounts_only_for_their_streets_own_units(staff, street, housing):
    office = HandlingUnitFactory(name="青石街道办事处", street=street)
    client = client_as(staff)

    refused = client.post(ADD_ACCOUNT, account_form(housing, street=street.pk))
    opened = client.post(ADD_ACCOUNT, account_form(office, street=street.pk))

    assert refused.status_code == 200 and "handling_unit" in refused.context["adminform"].errors
    assert opened.status_code == 302
    assert User.objects.get(username="zhujianju").handling_unit == office


def test_a_units_home_lists_what_awaits_it_soonest_due_first(housing_account, housing, urban):
    answer = assigned(housing, title="关于加装电梯的建议", deadline=D(2026, 12, 5))
    view = assigned(housing, role="co", title="关于修缮道路的建议", view_due=D(2026, 11, 18))
    assigned(housing, state=Suggestion.State.ANSWERED, title="已答复的建议")
    returned = assigned(housing, title="已退回的建议")
    UnitAssignment.objects.filter(suggestion=returned).update(returned_on=D(2026, 9, 8))
    assigned(urban, title="别的单位的建议")
    VisitFactory(handling_unit=housing, state=Visit.State.ASSIGNED, deadline=D(2026, 11, 20),
                 matter="小区楼道堆物")  # fmt: skip
    VisitFactory(handling_unit=urban, state=Visit.State.ASSIGNED, matter="别的单位的事项")
    VisitFactory(handling_unit=housing, state=Visit.State.REPLIED, matter="已答复的事项")

    page = get_as(housing_account, HOME).content.decode()

    assert page.index(view.title) < page.index(answer.title)
    assert "已逾期2天" in page and "剩余15天" in page and "今天到期" in page
    assert "小区楼道堆物" in page
    assert "已超期 1" in page and "剩余30天以内 1" in page and "剩余30天以上 0" in page
    for other in [
        "已答复的建议",
        "已退回的建议",
        "别的单位的建议",
        "别的单位的事项",
        "已答复的事项",
    ]:
        assert other not in page


def test_a_unit_account_signs_in_to_its_home(housing_account):
    response = get_as(housing_account, reverse("home"))

    assert response.status_code == 302 and response.url == HOME


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 403), ("deputy", 403), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_the_unit_home_is_for_unit_accounts_only(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], HOME), outcome)


def test_a_unit_sees_its_own_items_and_nothing_else(housing_account, housing, urban):
    own, other = assigned(housing), assigned(urban)
    own_visit = VisitFactory(handling_unit=housing, state=Visit.State.ASSIGNED)
    ConstituentFactory(visit=own_visit, name="陈阿姨", phone="13812345678")
    other_visit = VisitFactory(handling_unit=urban, state=Visit.State.ASSIGNED)

    def get(name, record):
        return get_as(housing_account, reverse(name, args=[record.pk]))

    assert get("suggestions:detail", own).status_code == 200
    assert get("suggestions:detail", other).status_code == 404
    visit_page = get("liaison_stations:visit_detail", own_visit)
    assert visit_page.status_code == 200
    assert "陈阿姨" not in visit_page.content.decode()  # the committee feeds back, not the unit
    assert get("liaison_stations:visit_detail", other_visit).status_code == 404


def test_a_district_departments_account_is_not_district_wide(housing_account, housing):
    assigned(housing, street=StreetFactory(name="白鹭街道"))
    assigned(HandlingUnitFactory(name="区教育局"))

    assert Suggestion.objects.visible_to(housing_account).count() == 1
    assert not Visit.objects.visible_to(housing_account).exists()
    assert not scope(User.objects.all(), housing_account).exists()
    for page in ["suggestions:ledger", "liaison_stations:visit_ledger", "reports:dashboard"]:
        assert get_as(housing_account, reverse(page)).status_code == 403


def test_the_unit_home_runs_a_fixed_number_of_queries(housing_account, housing):
    station = StationFactory()

    def add_rows(count=1):
        for _n in range(count):
            assigned(housing)
            assigned(housing, role="co", view_due=D(2026, 12, 1))
            VisitFactory(station=station, handling_unit=housing, state=Visit.State.ASSIGNED)

    assert_fixed_queries(housing_account, HOME, add_rows)


def test_a_busy_units_home_lists_the_soonest_and_counts_them_all(housing_account, housing):
    for day in range(55):
        assigned(
            housing, title=f"第{day}件建议", deadline=D(2026, 12, 1) + datetime.timedelta(days=day)
        )

    page = get_as(housing_account, HOME).content.decode()

    assert "第49件建议" in page and "第50件建议" not in page
    assert "另有5件截止日期较晚" in page and "剩余30天以上 35" in page
