import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from congress_portal.models import HandlingUnit
from liaison_stations.models import PhoneReveal, Visit
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import (
    ConstituentFactory,
    DutyAssignmentFactory,
    HandlingUnitFactory,
    StationFactory,
    VisitFactory,
)
from tests.queries import list_queries
from tests.sheets import export_url, run_export, sheet_rows

pytestmark = pytest.mark.usefixtures("point_rules")
TODAY = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
LEDGER = "/stations/visits/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def station(street):
    return StationFactory(street=street, name="桂花社区代表联络站")


@pytest.fixture
def visit(station, my_deputy):
    visit = VisitFactory(station=station, matter="小区垃圾清运不及时")
    visit.deputies.add(my_deputy)
    ConstituentFactory(visit=visit, name="陈阿姨", phone="13812345678")
    return visit


def detail(visit):
    return reverse("liaison_stations:visit_detail", args=[visit.pk])


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 200), ("anonymous", LOGIN)],
)
def test_ledger_is_for_signed_in_roles(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], LEDGER), outcome)


def test_ledger_masks_phone_numbers(staff, visit):
    page = get_as(staff, LEDGER).content.decode()

    assert "小区垃圾清运不及时" in page
    assert "138****5678" in page and "13812345678" not in page


def test_a_ledger_row_lists_its_constituents_masked_and_its_receivers_by_name(staff, visit, street):
    ConstituentFactory(visit=visit, name="", phone="13900001111")
    visit.deputies.add(DeputyFactory(name="丁一", street=street))  # added last, first by name

    page = get_as(staff, LEDGER).content.decode()

    assert "陈阿姨 138****5678；匿名 139****1111" in page
    assert re.search(r"· (\S+)</div>", page).group(1) == "丁一、李建国"


def test_deputy_sees_only_the_visits_they_received(deputy, visit, station):
    VisitFactory(station=station, matter="别人接待的事项")

    page = get_as(deputy, LEDGER).content.decode()

    assert "小区垃圾清运不及时" in page and "别人接待的事项" not in page


def test_staff_of_another_street_do_not_see_the_visit(visit):
    from congress_portal.roles import Role
    from tests.factories import UserFactory

    neighbour = UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道"))

    assert "小区垃圾清运不及时" not in get_as(neighbour, LEDGER).content.decode()
    assert get_as(neighbour, detail(visit)).status_code == 404


def test_ledger_filters_overdue_and_category(staff, station):
    VisitFactory(station=station, matter="超期事项", state=Visit.State.ASSIGNED,
                 deadline=datetime.date(2026, 11, 1))  # fmt: skip
    VisitFactory(station=station, matter="未超期事项", state=Visit.State.ASSIGNED,
                 deadline=datetime.date(2026, 12, 1))  # fmt: skip
    VisitFactory(station=station, matter="交通事项", category=Visit.Category.TRAFFIC)

    overdue = get_as(staff, LEDGER + "?overdue=on").content.decode()
    traffic = get_as(staff, LEDGER + "?category=traffic").content.decode()

    assert "超期事项" in overdue and "未超期事项" not in overdue and "已超期" in overdue
    assert "交通事项" in traffic and "超期事项" not in traffic


def test_a_refused_filter_is_marked_with_its_error_and_the_others_kept(staff, station):
    page = get_as(staff, LEDGER + "?received_after=2026-13-40&category=traffic").content.decode()

    refused = re.search(r'<input type="date" name="received_after"[^>]*>', page).group()
    assert 'class="form-control is-invalid"' in refused
    assert '<div class="invalid-feedback">输入一个有效的日期。</div>' in page
    assert '<option value="traffic" selected>' in page
    assert re.search(r'<select name="category" class="form-select"', page)


def test_district_staff_choose_the_street_before_its_stations(district_staff, station):
    other = StationFactory(street=StreetFactory(name="白鹭街道"), name="白鹭站")
    VisitFactory(station=station, matter="青石的事项")
    VisitFactory(station=other, matter="白鹭的事项")

    first = get_as(district_staff, LEDGER)
    chosen = get_as(district_staff, LEDGER + f"?street={other.street_id}")
    by_station = get_as(district_staff, LEDGER + f"?street={other.street_id}&station={other.pk}")

    assert set(first.context["filter"].form.fields) >= {"street"}
    page = first.content.decode()
    assert re.search(
        r'<select name="street" class="form-select" aria-describedby="id_street_helptext"', page
    )
    assert '<div id="id_street_helptext" class="form-text">' in page
    assert not {"station", "community"} & set(first.context["filter"].form.fields)
    assert list(chosen.context["filter"].form.fields["station"].queryset) == [other]
    assert "白鹭的事项" in chosen.content.decode() and "青石的事项" not in chosen.content.decode()
    assert [v.matter for v in by_station.context["visits"]] == ["白鹭的事项"]


def test_street_staff_choose_among_their_stations_with_no_street_filter(staff, station):
    StationFactory(street=StreetFactory(name="白鹭街道"), name="白鹭站")

    fields = get_as(staff, LEDGER).context["filter"].form.fields

    assert "street" not in fields
    assert list(fields["station"].queryset) == [station]


def test_ledger_offers_the_export_of_the_filtered_visits(staff, visit):
    page = get_as(staff, LEDGER + "?category=environment&page=1").content.decode()

    assert f'action="{export_url("visit_ledger", "category=environment")}"' in page


def test_excel_export_masks_phones_and_follows_the_filters(
    staff, visit, station, django_capture_on_commit_callbacks
):
    VisitFactory(station=station, matter="交通事项", category=Visit.Category.TRAFFIC)
    ConstituentFactory(visit=visit, name="", phone="13900001111")

    job = run_export(staff, "visit_ledger", "category=environment",
                     django_capture_on_commit_callbacks)  # fmt: skip

    rows = sheet_rows(job)
    assert rows[0][0] == "接待日期"
    assert len(rows) == 2 and rows[1][4] == "小区垃圾清运不及时"
    assert rows[1][2] == "到站接待"
    assert rows[1][3] == "陈阿姨 138****5678；匿名 139****1111"  # as the page lists them
    assert "13812345678" not in str(rows)


def test_ledger_runs_a_fixed_number_of_queries(staff, station, my_deputy):
    def add(count):
        for _ in range(count):
            visit = VisitFactory(station=station)
            visit.deputies.add(my_deputy)
            ConstituentFactory(visit=visit)

    add(1)
    few = list_queries(staff, LEDGER)
    add(20)

    assert list_queries(staff, LEDGER) == few


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 200), ("anonymous", LOGIN)],
)
def test_case_page_is_for_signed_in_roles(personas, visit, persona, outcome):
    assert_outcome(get_as(personas[persona], detail(visit)), outcome)


def test_another_deputys_visit_is_not_found(other_deputy, visit):
    DeputyFactory(user=other_deputy)

    assert get_as(other_deputy, detail(visit)).status_code == 404


def test_staff_reveal_the_full_number_once_and_it_is_logged(staff, visit):
    constituent = visit.constituents.get()
    client = client_as(staff)
    url = reverse("liaison_stations:reveal_phone", args=[visit.pk, constituent.pk])

    page = client.post(url, follow=True).content.decode()

    assert "13812345678" in page
    reveal = PhoneReveal.objects.get()
    assert (reveal.constituent, reveal.by) == (constituent, staff)
    assert "13812345678" not in client.get(detail(visit)).content.decode()


@pytest.mark.parametrize(
    "persona, outcome", [("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)]
)
def test_only_staff_reveal_numbers(personas, visit, persona, outcome):
    constituent = visit.constituents.get()
    url = reverse("liaison_stations:reveal_phone", args=[visit.pk, constituent.pk])

    assert_outcome(client_as(personas[persona]).post(url), outcome)
    assert not PhoneReveal.objects.exists()


def test_staff_assign_from_the_case_page(staff, visit):
    unit = HandlingUnitFactory()
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "assign"])

    client_as(staff).post(url, {"assign-unit": unit.pk, "assign-deadline": "2026-12-21"})

    visit.refresh_from_db()
    assert (visit.state, visit.handling_unit, visit.deadline) == (
        Visit.State.ASSIGNED, unit, datetime.date(2026, 12, 21)
    )  # fmt: skip


def step_panel(page, step):
    """The step's panel on a case page: from its opening to the next step's."""
    start = page.index(f'id="step-{step}"')
    end = page.find('<div class="accordion-item"', start)
    return page[page.rindex("<div", 0, start) : end if end != -1 else None]


def test_an_assignment_without_deadline_keeps_the_unit_and_marks_the_deadline(staff, visit):
    unit = HandlingUnitFactory()
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "assign"])

    page = client_as(staff).post(url, {"assign-unit": unit.pk}, follow=True).content.decode()

    panel = step_panel(page, "assign")
    assert 'class="accordion-collapse collapse show"' in panel
    assert f'<option value="{unit.pk}" selected>' in panel
    assert "这个字段是必填项。" in panel
    assert "办理期限：这个字段是必填项。" in page  # the message names the field
    assert "asteriskField" in panel[panel.index("期限") - 300 : panel.index("期限") + 300]
    visit.refresh_from_db()
    assert visit.state == Visit.State.REGISTERED


def test_a_step_the_record_refuses_keeps_what_was_typed(staff, visit):
    unit = HandlingUnitFactory()
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "refer"])
    refused = {"refer-unit": unit.pk, "refer-deadline": "2026-11-01"}  # before the visit

    page = client_as(staff).post(url, refused, follow=True).content.decode()

    assert "办理期限不能早于接待日期" in page
    panel = step_panel(page, "refer")
    assert 'class="accordion-collapse collapse show"' in panel
    assert 'value="2026-11-01"' in panel
    assert 'class="accordion-collapse collapse show"' not in step_panel(page, "assign")


def test_kept_input_is_shown_once_and_only_on_its_own_record(staff, visit, station):
    other = VisitFactory(station=station)
    client = client_as(staff)
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "assign"])
    client.post(url, {"assign-unit": HandlingUnitFactory().pk})

    elsewhere = step_panel(client.get(detail(other)).content.decode(), "assign")
    assert "这个字段是必填项。" not in elsewhere
    client.post(url, {"assign-unit": HandlingUnitFactory().pk})
    assert "这个字段是必填项。" in step_panel(client.get(detail(visit)).content.decode(), "assign")
    assert "这个字段是必填项。" not in step_panel(
        client.get(detail(visit)).content.decode(), "assign"
    )


def test_illegal_step_from_the_case_page_shows_the_error_and_changes_nothing(staff, visit):
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "close"])

    page = client_as(staff).post(url, follow=True).content.decode()

    assert "不能执行“办结”" in page
    visit.refresh_from_db()
    assert visit.state == Visit.State.REGISTERED


@pytest.mark.parametrize(
    "persona, outcome", [("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)]
)
def test_only_staff_take_handling_steps(personas, visit, persona, outcome):
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "escalate"])

    assert_outcome(client_as(personas[persona]).post(url), outcome)
    visit.refresh_from_db()
    assert visit.state == Visit.State.REGISTERED


def test_staff_record_supervision(staff, visit):
    url = reverse("liaison_stations:add_supervision", args=[visit.pk])

    client_as(staff).post(url, {"method": "phone", "note": "催促区住建局尽快答复"})

    supervision = visit.supervisions.get()
    assert (supervision.by, supervision.note) == (staff, "催促区住建局尽快答复")


@pytest.mark.parametrize(
    "data, error",
    [
        ({"method": "fax", "note": "催办"}, "fax 不在可用的选项中"),
        ({"method": "phone", "note": "催办\x00"}, "不能含有空字符（NUL）"),
    ],
)
def test_a_refused_supervision_says_why(staff, visit, data, error):
    url = reverse("liaison_stations:add_supervision", args=[visit.pk])

    page = client_as(staff).post(url, data, follow=True).content.decode()

    assert error in page
    assert not visit.supervisions.exists()


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 200), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_registering_is_for_deputies_and_staff(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("liaison_stations:register_visit")), outcome)


def test_deputy_registers_a_visit_and_earns_points(deputy, my_deputy, station):
    MembershipFactory(deputy=my_deputy)
    station.deputies.add(my_deputy)
    form = {
        "station": station.pk, "received_on": "2026-11-21", "category": "property",
        "matter": "电梯故障多次报修未修复", "deputies": [my_deputy.pk],
        "constituents-TOTAL_FORMS": "2", "constituents-INITIAL_FORMS": "0",
        "constituents-0-name": "王先生", "constituents-0-phone": "13900001111",
    }  # fmt: skip

    response = client_as(deputy).post(reverse("liaison_stations:register_visit"), form)

    visit = Visit.objects.get()
    assert response.url == detail(visit)
    assert list(visit.constituents.values_list("name", "phone")) == [("王先生", "13900001111")]
    entry = my_deputy.point_entries.get()
    assert (entry.rule.code, entry.state) == ("receive_constituents", "approved")


def test_the_form_proposes_today_the_station_checked_in_at_and_the_deputy(
    deputy, my_deputy, station, street
):
    MembershipFactory(deputy=my_deputy)
    StationFactory(street=street, name="白鹭社区代表联络站")
    station.deputies.add(my_deputy)
    DutyAssignmentFactory(deputy=my_deputy, session__station=station,
                          session__date=datetime.date(2026, 11, 21),
                          checked_in_at=TODAY)  # fmt: skip

    form = get_as(deputy, reverse("liaison_stations:register_visit")).context["form"]

    assert form["received_on"].value() == datetime.date(2026, 11, 21)
    assert form["station"].value() == station.pk
    assert [str(pk) for pk in form["deputies"].value()] == [str(my_deputy.pk)]


def test_the_constituents_phone_opens_the_phone_keypad(deputy, my_deputy, station):
    page = get_as(deputy, reverse("liaison_stations:register_visit")).content.decode()

    field = re.search(r'<input[^>]*name="constituents-0-phone"[^>]*>', page).group()
    assert 'inputmode="tel"' in field


def test_no_station_is_proposed_without_a_check_in_today(deputy, my_deputy, station):
    DutyAssignmentFactory(deputy=my_deputy, session__station=station,
                          session__date=datetime.date(2026, 11, 20),
                          checked_in_at=TODAY)  # fmt: skip

    form = get_as(deputy, reverse("liaison_stations:register_visit")).context["form"]

    assert form["station"].value() is None


def test_bad_phone_is_refused_and_nothing_saved(deputy, my_deputy, station):
    MembershipFactory(deputy=my_deputy)
    form = {
        "station": station.pk, "received_on": "2026-11-21", "category": "property",
        "matter": "电梯故障", "deputies": [my_deputy.pk],
        "constituents-TOTAL_FORMS": "1", "constituents-INITIAL_FORMS": "0",
        "constituents-0-phone": "12345",
    }  # fmt: skip

    page = client_as(deputy).post(reverse("liaison_stations:register_visit"), form)

    assert "11 位手机号码" in page.content.decode()
    assert not Visit.objects.exists()


def test_out_of_scope_matter_is_recorded_as_not_accepted(staff, station):
    deputy = DeputyFactory(street=station.street)
    MembershipFactory(deputy=deputy)
    form = {
        "station": station.pk, "received_on": "2026-11-21", "category": "other",
        "matter": "房屋买卖合同纠纷", "deputies": [deputy.pk], "not_accepted": "on",
        "not_accepted_reason": "属民事诉讼事项，已告知向法院起诉",
        "constituents-TOTAL_FORMS": "1", "constituents-INITIAL_FORMS": "0",
        "constituents-0-name": "赵女士",
    }  # fmt: skip

    client_as(staff).post(reverse("liaison_stations:register_visit"), form)

    visit = Visit.objects.get()
    assert visit.state == Visit.State.NOT_ACCEPTED
    assert visit.not_accepted_reason == "属民事诉讼事项，已告知向法院起诉"


def test_archive_lists_the_visits_the_deputy_received(deputy, my_deputy, visit):
    url = reverse("deputies:archive", args=[my_deputy.pk]) + "?year=2026"

    page = get_as(deputy, url).content.decode()

    assert "接待选民 1 次。" in page and "小区垃圾清运不及时" in page


@pytest.mark.parametrize(
    "persona, outcome", [("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)]
)
def test_only_staff_record_supervision(personas, visit, persona, outcome):
    url = reverse("liaison_stations:add_supervision", args=[visit.pk])

    response = client_as(personas[persona]).post(url, {"method": "phone", "note": "催办"})

    assert_outcome(response, outcome)
    assert not visit.supervisions.exists()


def test_ledger_pages_keep_the_filters(staff, station):
    VisitFactory.create_batch(31, station=station, category=Visit.Category.TRAFFIC)

    page = get_as(staff, LEDGER + "?category=traffic").content.decode()

    assert "?category=traffic&amp;page=2" in page


def test_staff_route_only_to_district_units_and_their_streets(staff, visit, street):
    HandlingUnitFactory(name="区住建局")
    HandlingUnitFactory(name="青石社区居委会", kind="residents_committee", street=street)
    HandlingUnitFactory(name="白鹭社区居委会", kind="residents_committee",
                        street=StreetFactory(name="白鹭街道"))  # fmt: skip
    url = reverse("liaison_stations:visit_step", args=[visit.pk, "refer"])

    page = get_as(staff, detail(visit)).content.decode()
    client_as(staff).post(url, {"refer-unit": HandlingUnit.objects.get(name="白鹭社区居委会").pk})

    assert "区住建局" in page and "青石社区居委会" in page and "白鹭社区居委会" not in page
    visit.refresh_from_db()
    assert visit.state == Visit.State.REGISTERED
