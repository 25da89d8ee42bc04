"""The annual report's first draft: written from the frozen figures in the shape of
the committees' documents, naming the year's records, in a street's own themes;
written again only when staff ask, and never over the text they edited."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress_portal.roles import Role
from deputies.models import Activity, Attendance, Membership, ProfessionalGroup
from liaison_stations.models import LiaisonOfficer, StandardCheck, StandardItem, Station, Visit
from reports import services
from reports.forms import ReportSectionForm
from reports.models import ReportSection, ReportTheme, WorkRecord
from reports.rendering import report_context
from suggestions.models import Suggestion, UnitAssignment
from suggestions.models import Supervision as SuggestionSupervision
from tests.access import client_as
from tests.deputies.factories import ActivityFactory, AttendanceFactory, TermFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.suggestions.factories import SuggestionFactory

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


def drafted(report):
    return {section.key: section for section in report.sections.all()}


def test_the_draft_names_the_years_records_in_the_sections_they_belong_to(
    counted_year, street, staff
):
    Activity.objects.filter(kind="training").update(theme="代表半月谈")
    overdue = Suggestion.objects.get(state=Suggestion.State.ASSIGNED)
    Suggestion.objects.filter(pk=overdue.pk).update(key_supervisor="街道办事处主任")
    solved = Suggestion.objects.get(answer_class="A")
    unit = UnitAssignment.objects.get(suggestion=solved).unit

    sections = drafted(services.create_report(street, 2026, staff))

    intro = sections["intro"].narrative
    assert intro.startswith("2026年，") and "辖区现有各级人大代表2名" in intro
    assert intro.endswith("现将2026年工作总结及2027年工作计划报告如下。")
    building, serving, supervising, publicity = (sections[f"theme-{n}"] for n in range(1, 5))
    assert building.narrative.startswith("一是建强联络站点，让代表履职有阵地。")
    assert "二是抓实学习培训" in building.narrative and "三是落实一人一档" in building.narrative
    assert "3月5日的“代表半月谈”" in serving.narrative
    assert f"{unit.name}承办的《{solved.title}》" in supervising.narrative
    assert f"重点督办的建议有《{overdue.title}》等。" in supervising.narrative
    assert "《临江日报》刊发的《报道》" in publicity.narrative
    shortcomings = sections["shortcomings"].narrative
    assert "一是还有1个社区尚未建立代表联络站（点）" in shortcomings
    assert "二是代表进站值班缺岗1人次" in shortcomings
    assert "三是1件代表建议超过答复期限" in shortcomings
    assert sections["plan"].narrative.startswith("2027年，")
    assert sections["plan-stations"].heading == "推进联络站点全覆盖，让群众就近找到代表"
    assert "对尚未答复的1件代表建议逐件跟踪" in sections["plan-suggestions"].narrative

    context = report_context(building.report)
    assert [section.key for _n, section in context["parts"][2][2]] == [
        "plan", "plan-stations", "plan-training", "plan-archives", "plan-suggestions",
        "plan-visits"]  # fmt: skip
    assert [number for number, _section in context["parts"][2][2]] == ["", "一", "二", "三",
                                                                       "四", "五"]  # fmt: skip


def test_a_new_draft_replaces_only_the_text_nobody_edited(counted_year, street, staff):
    report = services.create_report(street, 2026, staff)
    serving = report.sections.get(key="theme-2")
    serving.narrative = "工作人员改写的文字。"
    serving.save()
    VisitFactory(station=Station.objects.filter(street=street).first(),
                 received_on=datetime.date(2026, 10, 8))  # fmt: skip

    kept = services.refresh_figures(report, staff)

    sections = drafted(report)
    assert kept == [serving]
    assert "接待选民5人次" in sections["intro"].narrative  # was 4
    assert sections["theme-2"].narrative == "工作人员改写的文字。"
    assert "代表接待选民5人次" in sections["theme-2"].drafted
    assert sections["intro"].history.first().history_user == staff

    serving = sections["theme-2"]
    serving.narrative = ""  # staff take the new draft
    serving.save()
    assert services.redraft(report, staff) == []
    assert "代表接待选民5人次" in report.sections.get(key="theme-2").narrative


def test_a_section_staff_added_stays_and_one_the_figures_no_longer_call_for_goes(
    counted_year, street, staff
):
    report = services.create_report(street, 2026, staff)
    own = ReportSection.objects.create(
        report=report,
        part="work",
        order=25,
        heading="加强工委自身建设",
        narrative="工委制定议事规则。",
    )
    assert report.sections.filter(key="plan-stations").exists()
    uncovered = street.communities.filter(stations=None).get()
    StationFactory(street=street, community=uncovered)

    services.refresh_figures(report, staff)

    keys = list(report.sections.values_list("key", flat=True))
    assert "plan-stations" not in keys
    assert keys[:4] == ["intro", "theme-1", "", "theme-2"]  # staff's own between 20 and 30
    own.refresh_from_db()
    assert own.narrative == "工委制定议事规则。"


def test_a_street_drafts_in_its_own_themes_and_another_keeps_the_defaults(
    counted_year, street, staff
):
    ReportTheme.objects.create(street=street, order=1, heading="在“民生”上下功夫",
                               topics=["visits", "suggestions"])  # fmt: skip
    ReportTheme.objects.create(street=street, order=2, heading="在“阵地”上下功夫",
                               topics=["stations"])  # fmt: skip

    work = services.create_report(street, 2026, staff).sections.filter(part="work")

    assert [section.heading for section in work] == ["在“民生”上下功夫", "在“阵地”上下功夫"]
    assert work[0].narrative.startswith("一是接待选民解民忧")
    assert "二是抓好建议办理" in work[0].narrative
    assert work[0].topics == ["visits", "suggestions"]
    neighbour = StreetFactory(name="白鹭二街道")
    StationFactory(street=neighbour)
    other = services.create_report(neighbour, 2026, UserFactory(role=Role.STAFF, street=neighbour))
    assert other.sections.get(key="theme-1").heading == (
        "在“建设”上夯基础，联络站点成为代表履职主阵地"
    )


def test_staff_set_a_theme_in_the_admin_from_the_topics_offered(street, staff):
    url = reverse("admin:reports_reporttheme_add")
    form = {"street": street.pk, "order": 1, "heading": "在“督办”上求突破"}

    refused = client_as(staff).post(url, {**form, "topics": ["visits", "weather"]})
    saved = client_as(staff).post(url, {**form, "topics": ["suggestions", "visits"]})

    assert refused.status_code == 200 and "weather" in refused.content.decode()
    assert saved.status_code == 302
    assert ReportTheme.objects.get().topics == ["suggestions", "visits"]


@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.DEPUTY])
def test_only_staff_set_themes(street, role):
    user = UserFactory(role=role, street=street)

    response = client_as(user).get(reverse("admin:reports_reporttheme_add"))

    assert response.status_code in (302, 403)
    assert not ReportTheme.objects.exists()


def test_staff_write_the_draft_again_from_the_admin_and_hear_what_was_kept(
    counted_year, street, staff
):
    report = services.create_report(street, 2026, staff)
    report.sections.filter(key="shortcomings").update(narrative="工作人员写的不足。")

    response = client_as(staff).post(
        reverse("admin:reports_annualreport_changelist"),
        {"action": "redraft", "_selected_action": [report.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "草稿已重新生成。" in page
    assert "已保留“存在的不足”中修改过的文字" in page
    assert report.sections.get(key="shortcomings").narrative == "工作人员写的不足。"


def test_the_districts_report_names_the_streets_that_stand_out(counted_year, street, staff):
    district_staff = UserFactory(role=Role.STAFF, street=None)

    report = services.create_report(None, 2026, district_staff)

    streets = report.sections.get(key="streets")
    assert streets.heading == "各街道立足实际，工作各具特色"
    assert streets.narrative == (
        "全区2个街道中，接待选民最多的是青石街道（4人次），提出建议最多的是青石街道（3件），"
        "组织代表活动最多的是青石街道（2次），宣传报道最多的是青石街道（3篇）。"
    )
    assert report.sections.get(key="intro").narrative.startswith("2026年，全区各街道人大工委")
    with translation.override("zh-hans"):
        html = render_to_string("reports/pdf/annual_report.html", report_context(report))
    assert "2026年各街道主要工作数据" in html and "白鹭街道" in html
    assert not services.create_report(street, 2026, staff).sections.filter(key="streets")


def test_the_years_work_records_are_told_in_the_points_they_belong_to(counted_year, street, staff):
    station = Station.objects.filter(street=street).first()
    for kind, day, title in [
        ("delegation", "2026-04-02", "湖北省人大常委会"),
        ("delegation", "2026-05-06", "市人大常委会"),
        ("staff_training", "2026-06-01", "全市街道人大干部培训班"),
        ("rule", "2026-02-01", "工委议事规则"),
        ("commendation", "2026-09-20", "“代表半月谈”得到全国人大的肯定"),
        ("commendation", "2025-09-20", "去年的表彰"),
    ]:
        WorkRecord.objects.create(street=street, kind=kind, happened_on=day, title=title,
                                  station=station if kind == "delegation" else None)  # fmt: skip
    WorkRecord.objects.create(street=StreetFactory(name="白鹭三街道"), kind="rule",
                              happened_on="2026-03-01", title="别的街道的制度")  # fmt: skip

    sections = drafted(services.create_report(street, 2026, staff))

    building = sections["theme-1"].narrative
    assert "全年接待湖北省人大常委会、市人大常委会等考察团2批次。" in building
    assert "工委干部参加全市街道人大干部培训班等培训1次。" in building
    assert "制定完善工委议事规则等制度1项。" in building and "别的街道" not in building
    publicity = sections["theme-4"].narrative
    assert publicity.endswith("工作先后1次得到上级肯定和表彰：“代表半月谈”得到全国人大的肯定。")


def test_a_work_record_cannot_name_another_streets_station(street):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    elsewhere = StationFactory(street=StreetFactory(name="白鹭四街道"))

    response = client_as(district_staff).post(
        reverse("admin:reports_workrecord_add"),
        {
            "street": street.pk,
            "kind": "delegation",
            "happened_on": "2026-04-02",
            "title": "市人大常委会",
            "station": elsewhere.pk,
        },  # fmt: skip
    )

    assert response.status_code == 200 and "该联络站属于其他街道。" in response.content.decode()
    assert not WorkRecord.objects.exists()


def test_an_edited_section_follows_its_theme_when_staff_reorder_the_themes(
    counted_year, street, staff
):
    people = ReportTheme.objects.create(street=street, order=1, heading="民生", topics=["visits"])
    ground = ReportTheme.objects.create(street=street, order=2, heading="阵地", topics=["stations"])
    report = services.create_report(street, 2026, staff)
    section = report.sections.get(heading="民生")
    section.narrative = "工作人员改写的民生部分。"
    section.save()
    ReportTheme.objects.filter(pk=people.pk).update(order=3, heading="民生实事")

    assert services.redraft(report, staff) == [section]

    sections = drafted(report)
    edited = sections[f"street-theme-{people.pk}"]
    assert (edited.narrative, edited.heading, edited.topics) == ("工作人员改写的民生部分。", "民生",
                                                                 ["visits"])  # fmt: skip
    assert sections[f"street-theme-{ground.pk}"].topics == ["stations"]


def test_a_heading_staff_changed_keeps_its_section_from_a_new_draft(counted_year, street, staff):
    report = services.create_report(street, 2026, staff)
    ReportSection.objects.filter(report=report, key="plan-visits").update(heading="做好接待工作")
    Station.objects.filter(street=street).update(active=False)  # the draft changes everywhere

    kept = services.refresh_figures(report, staff)

    assert [section.key for section in kept] == ["plan-visits"]
    assert report.sections.get(key="plan-visits").heading == "做好接待工作"
    assert "街道尚未建立代表联络站（点）。" in report.sections.get(key="theme-1").narrative


def test_a_report_laid_out_before_drafts_still_prints_its_figures(report_before_drafts):
    with translation.override("zh-hans"):
        html = render_to_string(
            "reports/pdf/annual_report.html", report_context(report_before_drafts)
        )

    assert "代表接待选民4人次" in html  # the visits section's figures, its text empty
    assert "工作人员写的联络站部分。" in html


@pytest.fixture
def report_before_drafts(counted_year, street, staff):
    """A report as migration 0008 left one laid out before drafts: a section per topic."""
    report = services.create_report(street, 2026, staff)
    report.sections.all().delete()
    for order, (topic, text) in enumerate([("stations", "工作人员写的联络站部分。"),
                                           ("visits", "")], start=1):  # fmt: skip
        ReportSection.objects.create(report=report, part="work", order=order, heading=topic,
                                     drafted_heading=topic, topics=[topic], narrative=text,
                                     key=f"{ReportSection.BEFORE_DRAFTS}{order}")  # fmt: skip
    return report


def test_a_report_frozen_before_the_named_records_can_be_drafted_again(report_before_drafts):
    figures = report_before_drafts.figures
    for part, keys in {"activities": ["notable", "groups", "group_count", "reported_back"],
                       "suggestions": ["solved_items", "key_items", "weak_units", "supervisions"],
                       "publicity": ["articles", "outlets"]}.items():  # fmt: skip
        for key in keys:
            del figures[part][key]
    for key in ["records", "term", "streets", "report_back"]:
        del figures[key]
    report_before_drafts.save()

    kept = services.redraft(report_before_drafts, report_before_drafts.created_by)

    assert [section.narrative for section in kept] == ["工作人员写的联络站部分。"]
    assert "代表接待选民4人次" in report_before_drafts.sections.get(key="theme-2").narrative


def test_suggestions_since_the_term_began_are_told_beside_the_years(counted_year, street, staff):
    lead = Suggestion.objects.first().lead
    SuggestionFactory(lead=lead, kind="between", state=Suggestion.State.ACCEPTED,
                      accepted_on=datetime.date(2025, 5, 1))  # fmt: skip
    SuggestionFactory(lead=lead, kind="between", state=Suggestion.State.ACCEPTED,
                      accepted_on=datetime.date(2021, 5, 1))  # before the term  # fmt: skip

    sections = drafted(services.create_report(street, 2026, staff))

    assert "2026年是第十七届区人大代表履职的第六年。" in sections["intro"].narrative
    supervising = sections["theme-3"].narrative
    assert "自第十七届区人大换届以来，代表们共提出大会建议3件、闭会建议1件。" in supervising
    assert "其中大会建议" not in supervising  # the year's are all of one kind


def test_in_a_terms_first_year_the_years_suggestions_are_its_own(counted_year, street, staff):
    TermFactory(number=18, starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2031, 1, 4))
    lead = Suggestion.objects.first().lead
    SuggestionFactory(lead=lead, kind="between", state=Suggestion.State.ACCEPTED,
                      accepted_on=datetime.date(2026, 7, 1))  # fmt: skip

    sections = drafted(services.create_report(street, 2026, staff))

    assert "2026年是第十八届区人大代表履职的第一年。" in sections["intro"].narrative
    supervising = sections["theme-3"].narrative
    assert "其中大会建议3件、闭会建议1件。" in supervising
    assert "换届以来" not in supervising


def test_the_activities_point_counts_each_kind_held(counted_year, street, staff):
    ActivityFactory(street=street, kind="law_inspection", held_on=datetime.date(2026, 8, 3))
    ActivityFactory(street=street, kind="epidemic_duty", held_on=datetime.date(2026, 1, 3))

    serving = drafted(services.create_report(street, 2026, staff))["theme-2"].narrative

    assert "其中视察1次、学习培训1次、执法检查1次、疫情防控1次。" in serving


def test_what_the_portal_keeps_reaches_the_draft(counted_year, street, staff):
    """Two stations in one, featured stations, standards met, liaison officers,
    professional groups, report-backs, supervisions."""
    central, other = Station.objects.filter(street=street).order_by("pk")
    lead = Membership.objects.first().deputy
    for item in StandardItem.objects.all():
        StandardCheck.objects.create(station=central, item=item, met=True)
    StandardCheck.objects.create(station=other, item=StandardItem.objects.first(), met=True)
    LiaisonOfficer.objects.create(name="王芳", community=central.community, deputy=lead,
                                  status=LiaisonOfficer.Status.APPOINTED)  # fmt: skip
    Station.objects.filter(pk=central.pk).update(also_kind="enterprise", featured=True)
    ProfessionalGroup.objects.create(street=street, name="法律专业代表小组")
    ProfessionalGroup.objects.create(street=street, name="医疗卫生专业代表小组")
    report_back = ActivityFactory(street=street, kind="report_back", held_on="2026-06-20")
    AttendanceFactory(activity=report_back, deputy=lead,
                      status=Attendance.Status.ATTENDED)  # fmt: skip
    SuggestionSupervision.objects.create(suggestion=Suggestion.objects.get(answer_class="A"),
                                         method="on_site", supervised_by="工委主任",
                                         on="2026-05-01")  # fmt: skip

    sections = drafted(services.create_report(street, 2026, staff))

    building = sections["theme-1"].narrative
    assert f"{central.name}与企业联络站二站合一。打造了{central.name}等特色联络站点。" in building
    assert "1个联络站（点）达到“九有”“六上墙”标准。" in building
    assert "聘任社情民意联络员1名，协助代表收集民意。" in building
    assert "组织1名代表向原选区选民述职。" in building
    serving = sections["theme-2"].narrative
    assert "代表按专业特长组成医疗卫生专业代表小组、法律专业代表小组等2个专业代表小组。" in serving
    assert "全年开展建议督办1次。" in sections["theme-3"].narrative


def test_a_section_staff_add_can_quote_the_figures_of_its_topics(counted_year, street, staff):
    report = services.create_report(street, 2026, staff)
    data = {"order": 55, "part": "work", "heading": "代表接待工作", "topics": ["visits"],
            "narrative": "接待工作有序开展。"}  # fmt: skip
    form = ReportSectionForm(data=data)
    form.instance.report = report
    assert form.is_valid(), form.errors
    own = form.save()

    with translation.override("zh-hans"):
        html = render_to_string("reports/pdf/annual_report.html", report_context(report))

    assert own.key == "" and own.topics == ["visits"]
    assert "（五）代表接待工作" in html
    assert "<p>代表接待选民4人次" in html and "接待工作有序开展。" in html
    assert services.redraft(report, staff) == []  # a new draft leaves it alone
    assert report.sections.get(pk=own.pk).topics == ["visits"]


def test_the_draft_names_only_solved_matters_staff_gave_a_headline(counted_year, street, staff):
    Visit.objects.filter(state=Visit.State.CLOSED).update(headline="桂花苑楼道堆物")
    Visit.objects.filter(state=Visit.State.REGISTERED).update(headline="尚未办结的事项")

    serving = drafted(services.create_report(street, 2026, staff))["theme-2"].narrative

    assert "推动解决了桂花苑楼道堆物等群众身边的问题。" in serving
    assert "尚未办结的事项" not in serving
