import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from congress_portal.errors import DomainError
from deputies.models import PointRule, RuleCode
from liaison_stations import services
from tests.access import LOGIN, assert_outcome, client_as
from tests.congress_portal.test_settings import load_settings
from tests.deputies.factories import DeputyFactory
from tests.liaison_stations.factories import DutyAssignmentFactory

pytestmark = pytest.mark.usefixtures("point_rules")
DUTY_DAY = datetime.datetime(
    2026, 11, 25, 9, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
)


@pytest.fixture
def clock():
    with time_machine.travel(DUTY_DAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def my_duty(my_deputy):
    return DutyAssignmentFactory(deputy=my_deputy, session__date=DUTY_DAY.date())


def test_check_in_on_the_day_earns_station_duty_points(my_duty, deputy, clock):
    services.check_in(my_duty, deputy)

    my_duty.refresh_from_db()
    assert my_duty.checked_in_at == DUTY_DAY
    entry = my_duty.deputy.point_entries.get()
    assert (entry.rule.code, entry.points, entry.state) == ("station_duty", 2, "approved")


def test_checking_in_twice_is_refused_and_awards_once(my_duty, deputy, clock):
    services.check_in(my_duty, deputy)
    clock.shift(datetime.timedelta(minutes=10))

    with pytest.raises(DomainError, match="已签到"):
        services.check_in(my_duty, deputy)
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at == DUTY_DAY
    assert my_duty.deputy.point_entries.count() == 1


@pytest.mark.parametrize("days", [-1, 1])
def test_check_in_on_another_day_is_refused(my_duty, deputy, clock, days):
    clock.shift(datetime.timedelta(days=days))

    with pytest.raises(DomainError, match="当天"):
        services.check_in(my_duty, deputy)
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at is None
    assert not my_duty.deputy.point_entries.exists()


def test_deputy_checks_in_from_the_phone(my_duty, deputy, clock):
    response = client_as(deputy).post(reverse("liaison_stations:check_in", args=[my_duty.pk]))

    assert response.url == reverse("deputies:my_duties")
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at is not None


def test_a_check_in_with_the_rule_missing_says_so_and_records_nothing(my_duty, deputy, clock):
    PointRule.objects.filter(code=RuleCode.STATION_DUTY).delete()  # behind the model's back
    url = reverse("liaison_stations:check_in", args=[my_duty.pk])

    response = client_as(deputy).post(url, follow=True)

    assert response.status_code == 200
    assert "积分规则“station_duty”不存在" in response.content.decode()
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at is None


def test_another_deputys_duty_is_not_found(my_duty, other_deputy, clock):
    DeputyFactory(user=other_deputy)

    response = client_as(other_deputy).post(reverse("liaison_stations:check_in", args=[my_duty.pk]))

    assert response.status_code == 404
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at is None


@pytest.mark.parametrize(
    "persona, outcome", [("staff", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_only_deputies_check_in(my_duty, personas, persona, outcome, clock):
    response = client_as(personas[persona]).post(
        reverse("liaison_stations:check_in", args=[my_duty.pk])
    )

    assert_outcome(response, outcome)


def test_home_shows_the_next_duty_with_a_check_in_button_on_the_day(my_duty, deputy, clock):
    page = client_as(deputy).get(reverse("deputies:my_duties")).content.decode()

    assert "我的下一次值班" in page
    assert str(my_duty.session.station) in page
    assert reverse("liaison_stations:check_in", args=[my_duty.pk]) in page


def test_home_offers_no_check_in_before_the_day(my_duty, deputy, clock):
    clock.shift(datetime.timedelta(days=-2))

    page = client_as(deputy).get(reverse("deputies:my_duties")).content.decode()

    assert str(my_duty.session.station) in page
    assert reverse("liaison_stations:check_in", args=[my_duty.pk]) not in page


def test_archive_counts_duties_attended_and_missed(my_deputy, deputy, clock):
    attended = DutyAssignmentFactory(deputy=my_deputy, session__date=DUTY_DAY.date())
    services.check_in(attended, deputy)
    DutyAssignmentFactory(deputy=my_deputy, session__date=datetime.date(2026, 10, 14))

    url = reverse("deputies:archive", args=[my_deputy.pk]) + "?year=2026"
    page = client_as(deputy).get(url).content.decode()

    assert "出席 1 次，缺席 1 次。" in page


def at(hour, minute):
    """A moment of the duty day (a 09:00–11:30 session) in the portal's time zone."""
    return DUTY_DAY.replace(hour=hour, minute=minute)


@pytest.mark.parametrize("moment", [at(21, 8), at(8, 29), at(12, 1), at(0, 5)])
def test_check_in_outside_the_session_and_its_margin_is_refused(my_duty, deputy, clock, moment):
    clock.move_to(moment)

    with pytest.raises(DomainError, match="请在值班当天 08:30 至 12:00 之间签到"):
        services.check_in(my_duty, deputy)
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at is None
    assert not my_duty.deputy.point_entries.exists()


@pytest.mark.parametrize("moment", [at(8, 30), at(10, 0), at(12, 0)])
def test_check_in_inside_the_margin_works(my_duty, deputy, clock, moment):
    clock.move_to(moment)

    services.check_in(my_duty, deputy)

    my_duty.refresh_from_db()
    assert my_duty.checked_in_at == moment


def test_the_margin_is_a_setting(my_duty, deputy, clock, settings):
    settings.CHECK_IN_MARGIN_MINUTES = 0
    clock.move_to(at(8, 45))

    with pytest.raises(DomainError, match="09:00 至 11:30"):
        services.check_in(my_duty, deputy)


def test_a_late_check_in_from_the_phone_shows_the_window(my_duty, deputy, clock):
    clock.move_to(at(21, 8))
    url = reverse("liaison_stations:check_in", args=[my_duty.pk])

    response = client_as(deputy).post(url, follow=True)

    assert "请在值班当天 08:30 至 12:00 之间签到。" in response.content.decode()
    my_duty.refresh_from_db()
    assert my_duty.checked_in_at is None


@pytest.mark.filterwarnings("ignore:'congress_portal.settings' found in sys.modules")
def test_the_margin_comes_from_the_environment(monkeypatch):
    assert load_settings(monkeypatch)["CHECK_IN_MARGIN_MINUTES"] == 30
    assert load_settings(monkeypatch, CHECK_IN_MARGIN_MINUTES="15")["CHECK_IN_MARGIN_MINUTES"] == 15
    with pytest.raises(ImproperlyConfigured, match="CHECK_IN_MARGIN_MINUTES"):
        load_settings(monkeypatch, CHECK_IN_MARGIN_MINUTES="-5")
