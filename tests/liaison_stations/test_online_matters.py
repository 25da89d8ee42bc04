"""Constituents reach the portal: a station's or a deputy's QR code opens a public
form; the matter waits in the staff's triage; the constituent follows it with its
tracking number and the last four digits of their phone, and evaluates it once fed
back. Bad input, bots and floods are refused, and nothing is saved half."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from congress_portal.workflow import take_step
from deputies.models import PointEntry, RuleCode
from liaison_stations import services
from liaison_stations.models import Constituent, Visit
from tests.access import LOGIN, assert_outcome, client_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import CommunityFactory
from tests.liaison_stations.factories import HandlingUnitFactory, StationFactory
from tests.uploads import large_png_bytes, pdf, png, upload

S = Visit.State
NOW = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
PHONE = "13912345678"


@pytest.fixture
def station(street):
    return StationFactory(street=street, name="桂花社区代表联络站",
                          community=CommunityFactory(street=street, name="桂花社区"))  # fmt: skip


@pytest.fixture
def seated(my_deputy, station):
    """The `deputy` persona's record, seated and stationed at the station."""
    MembershipFactory(deputy=my_deputy)
    station.deputies.add(my_deputy)
    return my_deputy


def matter(station, **fields):
    return {
        "matter": "小区南门路灯坏了半个月，晚上出行不便。",
        "category": "safety",
        "community": station.community_id,
        "name": "王女士",
        "phone": PHONE,
        "consent": "on",
        **fields,
    }


def send(url, data, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(url, data)


def send_to_station(station, **fields):
    url = reverse("liaison_stations:station_matter", args=[station.pk])
    return send(url, matter(station, **fields))


def online_matter(station, deputy=None, phone=PHONE):
    visit = Visit(station=station, addressed_to=deputy, matter="楼道堆物堵塞消防通道",
                  category=Visit.Category.SAFETY)  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        return services.submit_online(visit, "王女士", phone)


def nothing_saved():
    return not Visit.objects.exists() and not Constituent.objects.exists()


# The form


def test_a_stations_code_opens_its_form_with_the_personal_information_notice(station):
    response = Client().get(reverse("liaison_stations:station_matter", args=[station.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "桂花社区代表联络站" in page
    assert "个人信息告知" in page and "期满删除您的姓名和号码" in page
    assert 'inputmode="numeric"' in page


def test_a_deputys_code_opens_a_form_addressed_to_them_at_their_station(seated, station):
    response = Client().get(reverse("liaison_stations:deputy_matter", args=[seated.pk]))

    assert response.status_code == 200
    assert "反映给 李建国 代表" in response.content.decode()


def test_no_form_for_a_closed_station_or_a_deputy_without_a_seat(station, my_deputy):
    station.active = False
    station.save()

    assert (
        Client().get(reverse("liaison_stations:station_matter", args=[station.pk])).status_code
        == 404
    )
    assert (
        Client().get(reverse("liaison_stations:deputy_matter", args=[my_deputy.pk])).status_code
        == 404
    )


def test_a_sent_matter_waits_for_triage_with_its_tracking_number(station, staff):
    with time_machine.travel(NOW, tick=False):
        response = send_to_station(station, photo=png())

    visit = Visit.objects.get()
    assert response.status_code == 302 and response.url == reverse("liaison_stations:matter_sent")
    assert (visit.channel, visit.state, visit.station) == (
        Visit.Channel.ONLINE,
        S.REGISTERED,
        station,
    )
    assert visit.received_on == NOW.date() and visit.consented_at == NOW
    assert visit.photo and not visit.deputies.exists() and visit.registered_by is None
    assert list(visit.constituents.values_list("name", "phone")) == [("王女士", PHONE)]
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{10}", visit.tracking_number)
    assert not PointEntry.objects.exists()  # no deputy took it up
    ledger = client_as(staff).get(reverse("liaison_stations:visit_ledger")).content.decode()
    assert "网上反映待受理 1 件" in ledger


def test_the_sent_page_shows_the_tracking_number_once(station):
    client = Client(REMOTE_ADDR="10.0.0.1")
    client.post(reverse("liaison_stations:station_matter", args=[station.pk]), matter(station))
    number = Visit.objects.get().tracking_display

    first = client.get(reverse("liaison_stations:matter_sent")).content.decode()
    again = client.get(reverse("liaison_stations:matter_sent")).content.decode()

    assert number in first and number not in again


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"matter": "很" * 1001}, "不超过 1000 字符"),
        ({"phone": "12345678901"}, "请输入 11 位手机号码"),
        ({"phone": "0571-88886666"}, "请输入 11 位手机号码"),
        ({"consent": ""}, "请阅读并同意个人信息告知后再提交"),
        ({"photo": pdf("photo.jpg")}, "请上传一张有效的图片"),
        ({"category": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(station, fields, message):
    response = send_to_station(station, **fields)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert nothing_saved()


def test_an_oversize_photo_is_refused(station, settings):
    settings.UPLOAD_MAX_MB = 1
    response = send_to_station(station, photo=upload("big.png", large_png_bytes(2)))

    assert "文件超过 1 MB" in response.content.decode()
    assert nothing_saved()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept(station):
    response = send_to_station(station, website="http://spam.example")

    assert response.status_code == 302
    assert nothing_saved()


def test_sending_is_limited_per_address(station, settings):
    settings.PUBLIC_SEND_RATE = "2/h"
    for n in range(2):
        assert send_to_station(station, phone=f"1391234567{n}").status_code == 302

    response = send_to_station(station, phone="13912345679")

    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    assert Visit.objects.count() == 2


def test_sending_is_limited_per_phone_number_from_any_address(station, settings):
    settings.PUBLIC_SEND_PHONE_RATE = "2/d"
    url = reverse("liaison_stations:station_matter", args=[station.pk])
    for address in ["10.0.0.1", "10.0.0.2"]:
        assert send(url, matter(station), address).status_code == 302

    assert send(url, matter(station), "10.0.0.3").status_code == 429
    assert Visit.objects.count() == 2


# Tracking


def track(number, digits, address="10.0.0.9", client=None):
    client = client or Client(REMOTE_ADDR=address)
    return client.post(reverse("liaison_stations:track"), {"number": number, "digits": digits})


def without_tokens(response):
    """The page without its one-time tokens (CSRF, submission)."""
    return re.sub(r'type="hidden" name="[^"]+" value="[^"]+"', "", response.content.decode())


def test_the_number_and_the_last_digits_open_the_timeline(station, staff):
    visit = online_matter(station)
    take_step(visit, "assign", staff, unit=HandlingUnitFactory(name="区城管局"),
              deadline=datetime.date(2026, 12, 25))  # fmt: skip
    client = Client()

    response = track(visit.tracking_display.lower(), "5678", client=client)
    page = client.get(response.url).content.decode()

    assert response.url == reverse("liaison_stations:tracked")
    assert "楼道堆物堵塞消防通道" in page
    assert "已交办" in page and "区城管局" in page


def test_a_wrong_pair_answers_exactly_as_an_unknown_number(station):
    visit = online_matter(station)

    wrong_digits = track(visit.tracking_number, "0000")
    unknown = track("ABCDEFGHJK", "0000")

    assert wrong_digits.status_code == unknown.status_code == 200
    # The same page, but for the number typed, which it gives back in its field.
    typed = without_tokens(wrong_digits).replace(visit.tracking_number, "ABCDEFGHJK")
    assert typed == without_tokens(unknown)
    assert "没有找到与该查询编号和手机号后四位相符的事项" in unknown.content.decode()


def test_the_tracking_page_shows_no_personal_data_nor_staff_notes(station, staff):
    visit = online_matter(station)
    unit = HandlingUnitFactory(name="区城管局")
    take_step(visit, "assign", staff, unit=unit, deadline=datetime.date(2026, 12, 25))
    services.supervise(visit, staff, "phone", "督办备注：催促承办人")
    take_step(visit, "give_back", staff, reason="退回理由：不属本单位职责")
    other = online_matter(station, phone="13700001111")
    client = Client()
    track(visit.tracking_number, "5678", client=client)

    page = client.get(reverse("liaison_stations:tracked")).content.decode()

    assert PHONE not in page and "王女士" not in page
    assert "督办备注" not in page and "退回理由" not in page
    assert other.tracking_display not in page


def test_looking_up_is_limited_per_number_from_any_address(station, settings):
    settings.PUBLIC_TRACK_NUMBER_RATE = "3/h"
    visit = online_matter(station)
    for n in range(3):
        assert track(visit.tracking_number, f"000{n}", address=f"10.0.1.{n}").status_code == 200

    response = track(visit.tracking_number.lower(), "5678", address="10.0.1.9")

    assert response.status_code == 429


def test_looking_up_is_limited_per_address(station, settings):
    settings.PUBLIC_TRACK_RATE = "2/h"
    track("AAAAAAAAAA", "1111")
    track("BBBBBBBBBB", "1111")

    assert track("CCCCCCCCCC", "1111").status_code == 429


def test_the_tracking_page_without_a_lookup_asks_for_one(db):
    response = Client().get(reverse("liaison_stations:tracked"))

    assert response.status_code == 302 and response.url == reverse("liaison_stations:track")


# The constituent's evaluation


def fed_back(station, staff):
    visit = online_matter(station)
    take_step(visit, "answer_on_the_spot", staff, reply="已联系物业清理楼道")
    return visit


def evaluate_online(visit, evaluation, comment="", phone=PHONE):
    client = Client()
    track(visit.tracking_number, "5678", client=client)
    data = {"evaluation": evaluation, "comment": comment, "phone": phone}
    response = client.post(reverse("liaison_stations:tracked"), data)
    visit.refresh_from_db()
    return response


def test_the_constituent_evaluates_on_the_tracking_page(station, staff):
    visit = fed_back(station, staff)

    evaluate_online(visit, "satisfied", "处理很快")

    assert (visit.state, visit.evaluation) == (S.EVALUATED, "satisfied")
    assert visit.evaluation_given == Visit.EvaluationGiven.ONLINE
    assert visit.evaluation_comment == "处理很快"
    step = visit.steps.get(name="evaluate")
    assert step.by is None and step.comment == "处理很快"


def test_unsatisfied_online_reopens_the_matter(station, staff):
    visit = fed_back(station, staff)

    evaluate_online(visit, "unsatisfied")

    assert (visit.state, visit.times_reopened) == (S.REOPENED, 1)


def test_an_evaluation_needs_the_whole_mobile_number(station, staff):
    visit = fed_back(station, staff)

    response = evaluate_online(visit, "satisfied", phone="13800005678")

    assert visit.state == S.FED_BACK and visit.evaluation == ""
    assert "这不是反映事项时留下的手机号码" in response.content.decode()


def test_the_case_page_shows_the_tracking_number_to_staff_not_to_readers(
    station, staff, leader, seated, deputy
):
    visit = online_matter(station, deputy=seated)

    for user, shown in [(staff, True), (leader, False), (deputy, False)]:
        page = client_as(user).get(reverse("liaison_stations:visit_detail", args=[visit.pk]))
        assert (visit.tracking_display in page.content.decode()) is shown, user


def test_spaces_around_a_number_do_not_escape_the_phone_limit(station, settings):
    settings.PUBLIC_SEND_PHONE_RATE = "1/d"
    url = reverse("liaison_stations:station_matter", args=[station.pk])
    assert send(url, matter(station), "10.0.0.1").status_code == 302

    assert send(url, matter(station, phone=f" {PHONE}\t"), "10.0.0.2").status_code == 429


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (datetime.date(2026, 3, 31), datetime.date(2023, 3, 31)),
        (datetime.date(2028, 2, 29), datetime.date(2025, 2, 28)),
    ],
)
def test_the_retention_counts_whole_years(today, cutoff):
    assert services.years_before(today, 3) == cutoff


def test_no_evaluation_before_the_matter_is_fed_back(station):
    visit = online_matter(station)

    response = evaluate_online(visit, "satisfied")

    assert visit.state == S.REGISTERED and visit.evaluation == ""
    assert "您对事项的办理是否满意" not in response.content.decode()


def test_staff_record_an_evaluation_given_in_person_as_such(station, staff):
    visit = fed_back(station, staff)

    take_step(visit, "evaluate", staff, evaluation="basically", comment="电话回访")

    visit.refresh_from_db()
    assert visit.evaluation_given == Visit.EvaluationGiven.IN_PERSON
    assert visit.steps.get(name="evaluate").by == staff


# Taking it up


def test_the_deputy_written_to_takes_it_up_and_earns_the_points_once(seated, station, deputy):
    visit = online_matter(station, deputy=seated)
    home = client_as(deputy).get(reverse("deputies:my_duties")).content.decode()
    assert "扫码反映给您" in home

    url = reverse("liaison_stations:visit_step", args=[visit.pk, "take_up"])
    client_as(deputy).post(url)
    visit.refresh_from_db()

    assert list(visit.deputies.all()) == [seated]
    entries = PointEntry.objects.filter(deputy=seated, rule__code=RuleCode.RECEIVE_CONSTITUENTS)
    assert entries.count() == 1
    assert client_as(deputy).post(url).status_code == 403  # no longer offered: taken up
    assert entries.count() == 1


def test_another_deputy_cannot_take_it_up(seated, station, other_deputy):
    visit = online_matter(station, deputy=seated)
    other = DeputyFactory(street=station.street, user=other_deputy)
    MembershipFactory(deputy=other)

    url = reverse("liaison_stations:visit_step", args=[visit.pk, "take_up"])

    assert client_as(other_deputy).post(url).status_code == 404  # not theirs to see


def test_staff_route_a_matter_no_deputy_took_up_and_no_points_are_awarded(station, staff):
    visit = online_matter(station)

    take_step(
        visit, "assign", staff, unit=HandlingUnitFactory(), deadline=datetime.date(2026, 12, 25)
    )

    assert not PointEntry.objects.exists()


# Where matters came from


def test_the_ledger_filters_and_counts_by_channel(station, staff):
    online_matter(station)
    services.register_visit(
        Visit(station=station, received_on=datetime.date(2026, 11, 20), matter="噪音扰民",
              category="environment", channel=Visit.Channel.HOTLINE),
        staff, constituents=[Constituent(name="李先生")],
    )  # fmt: skip
    client = client_as(staff)

    online = client.get(reverse("liaison_stations:visit_ledger"), {"channel": "online"})
    everything = client.get(reverse("liaison_stations:visit_ledger")).content.decode()

    assert [v.channel for v in online.context["visits"]] == ["online"]
    assert "扫码网上反映" in everything and "12345 热线、民呼我应等平台" in everything


# Persona matrix of the pages constituents and deputies add


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("anonymous", LOGIN), ("staff", 403), ("leadership", 403), ("deputy", 200)],
)
def test_my_code_is_the_deputys_own(personas, seated, persona, outcome):
    response = client_as(personas[persona]).get(reverse("liaison_stations:my_code"))

    assert_outcome(response, outcome)
    if outcome == 200:
        page = response.content.decode()
        assert (
            "<svg" in page and reverse("liaison_stations:deputy_matter", args=[seated.pk]) in page
        )


@pytest.mark.parametrize("persona", ["anonymous", "staff", "deputy", "leadership"])
def test_everyone_reaches_the_public_pages(personas, station, persona):
    client = client_as(personas[persona])
    for url in [
        reverse("liaison_stations:station_matter", args=[station.pk]),
        reverse("liaison_stations:track"),
        reverse("liaison_stations:matter_sent"),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("persona", "outcome"), [("anonymous", LOGIN), ("staff", 200), ("leadership", 200)]
)
def test_the_photo_goes_to_those_who_see_the_matter(personas, station, persona, outcome):
    visit = online_matter(station)
    visit.photo = png()
    visit.save()

    response = client_as(personas[persona]).get(
        reverse("liaison_stations:visit_photo", args=[visit.pk])
    )

    assert_outcome(response, outcome)


# Erasure as the notice promises


def test_personal_data_of_closed_online_matters_is_erased_after_the_retention(station, staff):
    old, recent = online_matter(station), online_matter(station, phone="13700001111")
    for visit, closed_on in [
        (old, datetime.date(2023, 11, 1)),
        (recent, datetime.date(2025, 11, 1)),
    ]:
        Visit.objects.filter(pk=visit.pk).update(state=S.CLOSED, closed_on=closed_on)
    long_ago = Visit.objects.create(station=station, received_on=datetime.date(2020, 1, 6),
                                    matter="旧事", category="other",
                                    closed_on=datetime.date(2020, 2, 1))  # fmt: skip
    at_the_station = Constituent.objects.create(visit=long_ago, name="赵大爷", phone="13600001111")

    erased = services.erase_expired_constituents(datetime.date(2026, 11, 28))

    assert erased == 1
    person = old.constituents.get()
    assert (person.name, person.phone) == ("", "")
    assert not person.history.exclude(name="").exists()
    assert recent.constituents.get().phone == "13700001111"
    at_the_station.refresh_from_db()
    assert at_the_station.phone == "13600001111"
