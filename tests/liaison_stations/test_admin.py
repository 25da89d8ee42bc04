import datetime

import pytest
from django.urls import reverse

from congress_portal.models import HandlingUnit
from liaison_stations.models import LiaisonOfficer, StandardItem, Supervision, Visit
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory
from tests.factories import CommunityFactory, StreetFactory
from tests.liaison_stations.factories import (
    ConstituentFactory,
    DutyAssignmentFactory,
    StationFactory,
    VisitFactory,
)
from tests.queries import assert_fixed_queries

LISTS = [
    "station", "dutysession", "swaprequest", "standarditem",
    "visit", "liaisonofficer", "phonereveal",
]  # fmt: skip


@pytest.mark.parametrize("model", LISTS)
@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_stations_admin_is_for_staff_only(personas, persona, model):
    response = get_as(personas[persona], reverse(f"admin:liaison_stations_{model}_changelist"))

    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", LISTS)
def test_staff_open_every_stations_list(staff, model):
    assert get_as(staff, reverse(f"admin:liaison_stations_{model}_changelist")).status_code == 200


def test_the_nine_haves_and_six_on_the_wall_are_seeded(db):
    groups = [StandardItem.objects.filter(group=g).count() for g in ("nine_haves", "six_on_wall")]

    assert groups == [9, 6]


def test_standard_check_records_who_checked(staff, street):
    station = StationFactory(street=street)
    item = StandardItem.objects.first()
    form = {
        "street": street.pk, "kind": station.kind, "name": station.name,
        "address": station.address, "active": "on",
        "checks-TOTAL_FORMS": "1", "checks-INITIAL_FORMS": "0",
        "checks-0-item": item.pk, "checks-0-met": "on", "checks-0-checked_on": "2026-11-20",
    }  # fmt: skip

    client_as(staff).post(reverse("admin:liaison_stations_station_change", args=[station.pk]), form)

    check = station.checks.get()
    assert (check.item, check.met, check.checked_by) == (item, True, staff)


def test_street_staff_see_district_departments_and_their_own_units(staff, street):
    HandlingUnit.objects.create(name="区住建局", kind=HandlingUnit.Kind.DEPARTMENT)
    HandlingUnit.objects.create(name="青石社区居委会", kind="residents_committee", street=street)
    HandlingUnit.objects.create(
        name="白鹭社区居委会", kind="residents_committee", street=StreetFactory(name="白鹭街道")
    )

    page = get_as(staff, reverse("admin:congress_portal_handlingunit_changelist")).content.decode()

    assert "区住建局" in page and "青石社区居委会" in page and "白鹭社区居委会" not in page


def test_session_list_runs_a_fixed_number_of_queries(staff, street):
    def add(count=2):
        for _ in range(count):
            DutyAssignmentFactory(
                session__station=StationFactory(street=street), session__date=datetime.date.today()
            )

    assert_fixed_queries(staff, reverse("admin:liaison_stations_dutysession_changelist"), add)


def test_admin_visit_page_masks_the_phone(staff, street):
    visit = VisitFactory(station=StationFactory(street=street))
    ConstituentFactory(visit=visit, phone="13812345678")

    page = get_as(staff, reverse("admin:liaison_stations_visit_change", args=[visit.pk]))

    assert "138****5678" in page.content.decode()
    assert "13812345678" not in page.content.decode()


def record_of(page):
    html = page.content.decode()
    record = html[html.index('<table class="record">') :]
    return record[: record.index("</table>")]


def test_admin_visit_page_shows_its_record_in_one_table(staff, street):
    station = StationFactory(street=street, name="青石联络站")
    visit = VisitFactory(
        station=station,
        matter="楼道堆物\n请清理<b>",
        state=Visit.State.ASSIGNED,
        deadline=datetime.date(2026, 3, 9),
    )
    visit.deputies.set([DeputyFactory(street=street, name="许艳平")])

    page = get_as(staff, reverse("admin:liaison_stations_visit_change", args=[visit.pk]))
    record = record_of(page)

    station_page = reverse("admin:liaison_stations_station_change", args=[station.pk])
    assert f'<th>联络站</th><td><a href="{station_page}">青石联络站</a></td>' in record
    assert "<th>接待代表</th><td>许艳平</td>" in record
    assert "楼道堆物<br>请清理&lt;b&gt;" in record  # its lines kept, its markup escaped
    assert "<th>办理期限</th><td>2026年3月9日</td>" in record
    assert f"<th>状态</th><td>{Visit.State.ASSIGNED.label}</td>" in record
    assert 'name="headline"' in page.content.decode()
    assert 'name="matter"' not in page.content.decode()


def test_a_visits_past_version_shows_a_community_deleted_since_as_empty(staff, street):
    community = CommunityFactory(street=street, name="桂花苑社区")
    visit = VisitFactory(station=StationFactory(street=street), community=community)
    version = visit.history.get()
    community.delete()  # the visit's own community is cleared; the version keeps its id
    url = reverse("admin:liaison_stations_visit_simple_history", args=[visit.pk, version.pk])

    record = record_of(get_as(staff, url))

    assert "<th>所涉社区</th><td>-</td>" in record
    assert visit.matter in record  # the rest of the record is still shown


def test_admin_visit_page_lists_its_supervisions_newest_first(staff, street):
    visit = VisitFactory(station=StationFactory(street=street))
    url = reverse("admin:liaison_stations_visit_change", args=[visit.pk])
    before = get_as(staff, url).content.decode()
    for on, note in ((datetime.date(2026, 3, 2), "电话催办<b>"), (datetime.date(2026, 3, 9), "")):
        Supervision.objects.create(
            visit=visit, method=Supervision.Method.PHONE, on=on, note=note, by=staff
        )

    html = get_as(staff, url).content.decode()
    table = html.split('<table class="record">')[2].split("</table>")[0]

    assert "<th>方式</th><th>日期</th><th>备注</th><th>经办人</th>" in table
    assert table.index("2026年3月9日") < table.index("2026年3月2日")
    assert "<td>电话督办</td><td>2026年3月2日</td><td>电话催办&lt;b&gt;</td>" in table
    assert f">{staff}</a></td>" in table
    assert "<label>督办记录:</label>" in before and before.count('<table class="record">') == 1


def test_a_visits_past_version_leaves_out_todays_supervisions(staff, street):
    visit = VisitFactory(station=StationFactory(street=street))
    version = visit.history.get()
    Supervision.objects.create(
        visit=visit, method=Supervision.Method.PHONE, on=visit.received_on, note="电话催办"
    )
    url = reverse("admin:liaison_stations_visit_simple_history", args=[visit.pk, version.pk])

    html = get_as(staff, url).content.decode()

    assert visit.matter in html
    assert "<label>督办记录:</label>" not in html and "电话催办" not in html


def officer_of(name, community):
    """A liaison officer of `community`, assisting a deputy of its street."""
    deputy = DeputyFactory(street=community.street)
    return LiaisonOfficer.objects.create(name=name, community=community, deputy=deputy)


def officer_picker(page):
    html = page.content.decode()
    picker = html[html.index('<select name="reported_by"') :]
    return picker[: picker.index("</select>")]


def test_the_officer_picker_offers_the_chosen_officer_or_none(staff, street):
    community = CommunityFactory(street=street)
    officer = officer_of("刘大姐", community)
    officer_of("张大爷", community)
    station = StationFactory(street=street)
    unreported = VisitFactory(station=station)
    reported = VisitFactory(station=station, reported_by=officer)
    url = "admin:liaison_stations_visit_change"

    empty = officer_picker(get_as(staff, reverse(url, args=[unreported.pk])))
    chosen = officer_picker(get_as(staff, reverse(url, args=[reported.pk])))

    assert "data-ajax--url" in empty and empty.count("<option") == 1
    assert '<option value=""></option>' in empty
    assert chosen.count("<option") == 2 and "张大爷" not in chosen
    assert f'<option value="{officer.pk}" selected>刘大姐</option>' in chosen


def test_staff_correct_a_constituent_but_add_none_in_the_admin(staff, street):
    visit = VisitFactory(station=StationFactory(street=street))
    constituent = ConstituentFactory(visit=visit, name="陈阿姨")
    url = reverse("admin:liaison_stations_visit_change", args=[visit.pk])
    assert "constituents-__prefix__" not in get_as(staff, url).content.decode()

    response = client_as(staff).post(url, {
        "headline": "", "constituents-TOTAL_FORMS": 2, "constituents-INITIAL_FORMS": 1,
        "constituents-0-id": constituent.pk, "constituents-0-visit": visit.pk,
        "constituents-0-name": "陈阿婆", "constituents-0-address": "桂花苑3号",
        "constituents-1-visit": visit.pk, "constituents-1-name": "王先生",
    })  # fmt: skip

    assert response.status_code == 302
    assert list(visit.constituents.values_list("name", "address")) == [("陈阿婆", "桂花苑3号")]


def test_liaison_officers_list_their_matters(staff, street):
    community = CommunityFactory(street=street)
    officer = officer_of("刘大姐", community)
    officer_of("张大爷", community)
    VisitFactory.create_batch(2, station=StationFactory(street=street), reported_by=officer)

    page = get_as(staff, reverse("admin:liaison_stations_liaisonofficer_changelist"))

    assert "刘大姐" in page.content.decode()
    counts = [(row.name, row.matter_count) for row in page.context["cl"].result_list]
    assert counts == [("刘大姐", 2), ("张大爷", 0)]


def test_the_visits_officer_picker_lists_officers_by_name(staff, street):
    community = CommunityFactory(street=street)
    for name in ["王", "李", "张"]:
        officer_of(f"{name}联络员", community)
    query = {"app_label": "liaison_stations", "model_name": "visit", "field_name": "reported_by"}

    found = client_as(staff).get(reverse("admin:autocomplete"), query).json()["results"]

    assert [officer["text"] for officer in found] == ["张联络员", "李联络员", "王联络员"]


def test_staff_name_a_matter_for_the_annual_report_and_change_nothing_else(staff, street):
    visit = VisitFactory(station=StationFactory(street=street), matter="楼道堆物，请清理")
    receiver, other = DeputyFactory(street=street), DeputyFactory(street=street)
    visit.deputies.set([receiver])  # their points were awarded when it was registered
    url = reverse("admin:liaison_stations_visit_change", args=[visit.pk])

    response = client_as(staff).post(
        url,
        {"headline": "桂花苑楼道堆物", "matter": "改写的内容", "deputies": [other.pk]}
        | {
            f"{inline}-{count}_FORMS": 0
            for inline in ("constituents",)
            for count in ("TOTAL", "INITIAL")
        },  # fmt: skip
    )

    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.headline, visit.matter) == ("桂花苑楼道堆物", "楼道堆物，请清理")
    assert list(visit.deputies.all()) == [receiver]
