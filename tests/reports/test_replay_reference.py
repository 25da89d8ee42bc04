"""The two reference documents (../shared/reference) replayed: each document's year
entered as data the way the portal takes it (workflow steps and services for what
has them; registry rows as staff add them in the admin), then the annual report
created, drafted and rendered. Each fact must be printed in the section the
document tells it in. The data are our own names and figures in the documents'
shape; no report text is written by the test."""

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from pypdf import PdfReader

from congress_portal.roles import Role
from congress_portal.workflow import take_step
from deputies import services as deputies_services
from deputies.letters import issue_letter, request_thank_you_letters
from deputies.models import Activity, Attendance, Level, Membership, ProfessionalGroup
from liaison_stations import services as station_services
from liaison_stations.models import (
    Constituent,
    LiaisonOfficer,
    StandardCheck,
    StandardItem,
    Station,
    Visit,
)
from reports import services
from reports.models import Publicity, ReportTheme, Topic, WorkRecord
from reports.rendering import annual_report_pdf
from suggestions import services as suggestion_services
from suggestions.models import Suggestion, Supervision
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    TermFactory,
)
from tests.factories import CommunityFactory, UserFactory
from tests.liaison_stations.factories import (
    DutyAssignmentFactory,
    HandlingUnitFactory,
    StationFactory,
)
from tests.suggestions.factories import CongressSessionFactory

pytestmark = pytest.mark.usefixtures("point_rules")

D = datetime.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DURING, BETWEEN = Suggestion.Kind.DURING_SESSION, Suggestion.Kind.BETWEEN_SESSIONS
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


class Year:
    """A street's year, entered step by step as staff and deputies enter it."""

    def __init__(self, street, staff, communities):
        self.street, self.staff = street, staff
        self.communities = [CommunityFactory(street=street, name=name) for name in communities]

    def deputy(self, name, term, began_on=None, by_election=False, employer="临江市第一医院"):
        deputy = DeputyFactory(
            street=self.street,
            name=name,
            employer=employer,
            community=self.communities[0],
            user=UserFactory(role=Role.DEPUTY, street=self.street),
        )
        MembershipFactory(
            deputy=deputy,
            term=term,
            began_on=began_on or term.starts_on,
            began_how=Membership.Began.BY_ELECTION if by_election else Membership.Began.ELECTION,
        )
        return deputy

    def station(self, name, community, kind=Station.Kind.COMMUNITY, **fields):
        return StationFactory(
            street=self.street, community=community, name=name, kind=kind, **fields
        )

    def duty(self, station, deputy, day):
        """A reception day on the roster, and the deputy's check-in on the day."""
        assignment = DutyAssignmentFactory(
            deputy=deputy, session__station=station, session__date=day
        )
        return station_services.check_in(assignment, deputy.user, now=at(day, 9))

    def activity(self, kind, theme, day, attended):
        """An activity and who attended, as staff record them in the admin (which
        syncs the attendance points)."""
        activity = ActivityFactory(street=self.street, kind=kind, theme=theme, held_on=day)
        for deputy in attended:
            attendance = AttendanceFactory(
                activity=activity, deputy=deputy, status=Attendance.Status.ATTENDED
            )
            deputies_services.sync_attendance_points(attendance, by=self.staff)
        return activity

    def visit(self, station, day, matter, receivers, route, headline):
        """A constituent received, the matter handled to the end along `route`:
        "on_the_spot", or ("assign", unit)."""
        visit = station_services.register_visit(
            Visit(station=station, received_on=day, matter=matter, category="property"),
            self.staff,
            constituents=[Constituent(name="陈女士", phone="13912345678")],
            deputies=receivers,
            at=at(day),
        )
        Visit.objects.filter(pk=visit.pk).update(headline=headline)  # staff, in the admin
        steps = [("answer_on_the_spot", {"reply": "代表当场解释并联系物业落实"})]
        if route != "on_the_spot":
            steps = [
                ("assign", {"unit": route[1], "deadline": day + datetime.timedelta(days=30)}),
                ("record_reply", {"reply": "已组织整改到位"}),
                ("feed_back", {"feedback": "已电话告知选民"}),
            ]
        steps += [("evaluate", {"evaluation": Visit.Evaluation.SATISFIED}), ("close", {})]
        for n, (step, arguments) in enumerate(steps, start=1):
            take_step(visit, step, self.staff, at=at(day + datetime.timedelta(days=n)), **arguments)
        return visit

    def suggestion(
        self,
        lead,
        session,
        kind,
        title,
        day,
        unit=None,
        answer_class="A",
        key="",
        supervisions=0,
    ):
        """A suggestion drafted by its lead deputy on `day`, reviewed and accepted;
        with a unit: assigned, supervised, answered and evaluated by the deputy."""
        suggestion = suggestion_services.save_draft(
            Suggestion(
                lead=lead,
                session=session,
                kind=kind,
                title=title,
                category=Suggestion.Category.URBAN,
                reasons="居民多次反映。",
                proposals="建议相关部门尽快研究解决。",
            ),
            lead.user,
            [],
            at=at(day),
        )
        take_step(suggestion, "submit", lead.user, at=at(day, 11))
        take_step(suggestion, "accept", self.staff, at=at(day, 15))
        if unit is None:
            return suggestion

        def later(days):
            return at(day + datetime.timedelta(days=days))

        take_step(
            suggestion,
            "assign",
            self.staff,
            at=later(2),
            lead_unit=unit,
            person_responsible="王科长",
            contact="027-85551234",
            co_units=[],
        )
        if key:
            take_step(suggestion, "mark_key", self.staff, at=later(3), supervisor=key)
        for n in range(supervisions):
            suggestion_services.supervise(
                suggestion,
                self.staff,
                Supervision.Method.ON_SITE,
                "街道人大工委",
                "跟踪办理进度",
                on=day + datetime.timedelta(days=10 + n),
            )
        if answer_class:
            answered_on = day + datetime.timedelta(days=40)
            take_step(
                suggestion,
                "answer",
                self.staff,
                at=at(answered_on),
                text="已办理完毕。",
                answer_class=answer_class,
                answered_on=answered_on,
            )
            take_step(suggestion, "evaluate", lead.user, at=later(45), evaluation="satisfied")
        return suggestion

    def work_record(self, kind, title, day, station=None):
        return WorkRecord.objects.create(
            street=self.street, kind=kind, title=title, happened_on=day, station=station
        )

    def publicity(self, title, outlet, level, day):
        return Publicity.objects.create(
            street=self.street, title=title, outlet=outlet, level=level, published_on=day
        )


def report_text(report):
    """The rendered PDF's text, one run: lines joined, page numbers taken out."""
    _name, content = annual_report_pdf(report)
    reader = PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    return PAGE_NUMBER.sub("", re.sub(r"\s+", "", text))


class Printed:
    """The printed report cut at its headings: what each part and section says."""

    def __init__(self, report):
        self.text = report_text(report)
        self.sections = {s.key: s for s in report.sections.all()}

    def between(self, start, end):
        begin = self.text.index(start)
        return self.text[begin : self.text.index(end, begin + len(start))]

    def section(self, key, following):
        """The printed text of a section, up to the heading or part that follows it."""
        return self.between(self.sections[key].heading, following)


COMMUNITIES_2022 = [
    "桂花社区",
    "荷塘社区",
    "枫林社区",
    "竹园社区",
    "梅岭社区",
    "松涛社区",
    "柳岸社区",
    "杏坛社区",
    "桃源社区",
    "兰亭社区",
    "菊香社区",
    "榕城社区",
    "樟树社区",
    "银杏社区",
    "丹桂社区",
    "青松社区",
]


@pytest.fixture
def year_2022(street, staff):
    with time_machine.travel(at(D(2022, 1, 4)), tick=False):
        yield Year(street, staff, COMMUNITIES_2022)


def test_the_2022_document_replayed_prints_each_fact_in_its_section(year_2022, street, staff):
    """The 2022 document: a new term's first year, stations in all 16 communities,
    the work told in four themes (建设 / 选题 / 督办 / 宣传)."""
    y = year_2022
    term = TermFactory(
        level=Level.DISTRICT, number=18, starts_on=D(2022, 1, 1), ends_on=D(2026, 12, 31)
    )
    session = CongressSessionFactory(
        term=term, number=1, opens_on=D(2022, 1, 6), closes_on=D(2022, 1, 9)
    )
    li, wang, zhao = (y.deputy(name, term) for name in ["李文华", "王建国", "赵晓燕"])
    sun = y.deputy("孙立平", term)  # did nothing all year: a shortcoming
    chen = y.deputy("陈思远", term, began_on=D(2022, 6, 20), by_election=True)
    hub = y.station("桂花社区代表中心联络站", y.communities[0], Station.Kind.CENTRAL, featured=True)
    for community in y.communities[1:]:
        y.station(f"{community.name}代表联络站", community)
    unit = HandlingUnitFactory(name="区住建局")
    traffic = HandlingUnitFactory(name="区交通运输局")

    with time_machine.travel(at(D(2022, 12, 20)), tick=False):
        # 在“建设”上下功夫: stations, training, archives, letters, a by-election
        y.duty(hub, li, D(2022, 3, 2))
        y.duty(hub, wang, D(2022, 3, 9))
        y.work_record(WorkRecord.Kind.DELEGATION, "市人大常委会考察团", D(2022, 5, 18), hub)
        y.activity(Activity.Kind.TRAINING, "宪法学习专题培训", D(2022, 4, 12), [li, wang, zhao])
        y.activity(Activity.Kind.REPORT_BACK, "代表回原选区述职", D(2022, 11, 8), [li, wang])
        for deputy in (sun, chen):
            issue_letter(deputy, "low_points", "2022-Q3", staff)
        request_thank_you_letters([li, wang], 2022, street, staff)
        # 在“选题”上花力气: activities and the matters solved for constituents
        y.activity(
            Activity.Kind.INSPECTION, "走访辖区重点企业视察营商环境", D(2022, 6, 14), [li, wang]
        )
        y.activity(Activity.Kind.THEMED, "代表半月谈", D(2022, 9, 6), [li, wang, zhao, chen])
        y.activity(Activity.Kind.EPIDEMIC_DUTY, "社区疫情防控值守", D(2022, 10, 20), [zhao])
        y.activity(Activity.Kind.MEDIATION, "物业矛盾纠纷协商调解", D(2022, 7, 7), [wang])
        y.visit(
            hub,
            D(2022, 3, 2),
            "小区消防通道长期被车辆堵塞",
            [li],
            ("assign", unit),
            headline="枫林小区消防通道堵塞",
        )
        y.visit(
            hub,
            D(2022, 3, 9),
            "垃圾乱堆乱放无人清理",
            [wang],
            "on_the_spot",
            headline="荷塘村垃圾乱堆乱放",
        )
        # 在“督办”上动真格: 大会 and 闭会 suggestions, named, supervised, all satisfied
        y.suggestion(
            li,
            session,
            DURING,
            "关于提升老旧小区供水供电工程质量的建议",
            D(2022, 1, 7),
            unit,
            key="区人大常委会副主任",
            supervisions=2,
        )
        y.suggestion(
            wang, session, DURING, "关于加快解决宏达路交通安全隐患的建议", D(2022, 1, 8), traffic
        )
        y.suggestion(
            zhao,
            session,
            BETWEEN,
            "关于增设社区养老服务站的建议",
            D(2022, 5, 10),
            unit,
            answer_class="",
        )
        # 在“宣传”上做文章: outlets, articles, a commendation
        y.publicity(
            "代表直通车开进群众心", "人大代表工作通报", Publicity.Level.PROVINCIAL, D(2022, 8, 1)
        )
        y.publicity("代表半月谈为小区降停车费", "临江日报", Publicity.Level.CITY, D(2022, 9, 8))
        y.publicity("街道代表走访企业纾困", "学习强国", Publicity.Level.NATIONAL, D(2022, 6, 20))
        y.work_record(WorkRecord.Kind.COMMENDATION, "全国人大肯定代表半月谈", D(2022, 10, 9))

    with time_machine.travel(at(D(2023, 1, 16)), tick=False):
        report = services.create_report(street, 2022, staff)
        printed = Printed(report)

    sections = printed.sections
    intro = printed.between("区人大常委会：", "一、")
    assert intro.startswith("区人大常委会：2022年，青石街道人大工委")
    assert "2022年是第十八届区人大代表履职的第一年" in intro
    assert "辖区现有各级人大代表5名" in intro and intro.endswith("报告如下。")
    assert [sections[f"theme-{n}"].heading[:6] for n in range(1, 5)] == [
        "在“建设”上",
        "在“履职”上",
        "在“督办”上",
        "在“宣传”上",
    ]

    building = printed.section("theme-1", sections["theme-2"].heading)
    assert_printed(
        building,
        [
            "一是",
            "二是",
            "三是",
            "四是",
            "五是",
            "16个社区实现全覆盖",
            "打造了桂花社区代表中心联络站",
            "市人大常委会考察团",
            "学习培训1期",
            "组织2名代表向原选区选民述职",
            "履职提醒函2份",
            "向2名履职积极代表的所在单位发送感谢信",
            "补选代表1名",
        ],
    )
    serving = printed.section("theme-2", sections["theme-3"].heading)
    assert_printed(
        serving,
        [
            "9月6日的“代表半月谈”",
            "疫情防控1次",
            "协商调解1次",
            "代表接待选民2人次",
            "枫林小区消防通道堵塞、荷塘村垃圾乱堆乱放",
        ],
    )
    supervising = printed.section("theme-3", sections["theme-4"].heading)
    assert_printed(
        supervising,
        [
            "大会建议2件、闭会建议1件",
            "满意率（含基本满意）100%",
            "全年开展建议督办2次",
            "区住建局承办的《关于提升老旧小区供水供电工程质量的建议》",
            "区交通运输局承办的《关于加快解决宏达路交通安全隐患的建议》",
            "重点督办的建议有《关于提升老旧小区供水供电工程质量的建议》",
        ],
    )
    publicity = printed.section("theme-4", "二、存在的不足")
    assert_printed(
        publicity,
        [
            "《人大代表工作通报》刊发的《代表直通车开进群众心》",
            "《学习强国》",
            "全国人大肯定代表半月谈",
        ],
    )

    shortcomings = printed.between("二、存在的不足", "三、")
    assert_printed(shortcomings, ["一是1名代表全年没有获得履职积分", "二是1件代表建议超过答复期限"])
    plan = printed.between("三、2023年工作计划", "附件")
    assert_printed(
        plan,
        [
            "2023年，青石街道人大工委",
            "（一）",
            "（二）",
            "（三）",
            "对尚未答复的1件代表建议逐件跟踪",
        ],
    )


def assert_printed(text, facts):
    missing = [fact for fact in facts if fact not in text]
    assert not missing, f"{missing} not in: {text}"


# The 2019 document's own four headings, and what each tells.
THEMES_2019 = [
    ("明确职责，健全制度，扎实开展代表活动", [Topic.ARCHIVES, Topic.LETTERS]),
    ("密切联系人大代表，为提高代表履职能力服务", [Topic.TRAINING]),
    (
        "组织代表开展闭会期间活动，把代表作用融入到中心工作之中",
        [Topic.ACTIVITIES, Topic.SUGGESTIONS],
    ),
    ("建设具有街道特色的人大代表联系群众阵地", [Topic.STATIONS, Topic.VISITS]),
]


def test_the_2019_document_replayed_prints_each_fact_under_the_streets_own_headings(street, staff):
    """The 2019 document: the fourth year of a term, the street's own four headings, a
    hub station that is also the enterprise station (二站合一), a community point,
    九有/六上墙, liaison officers, the committee's rules and its staff's training."""
    for order, (heading, topics) in enumerate(THEMES_2019, start=1):
        ReportTheme.objects.create(street=street, order=order, heading=heading, topics=topics)
    term = TermFactory(
        level=Level.DISTRICT, number=17, starts_on=D(2016, 10, 1), ends_on=D(2021, 9, 30)
    )
    first = CongressSessionFactory(
        term=term, number=1, opens_on=D(2017, 1, 9), closes_on=D(2017, 1, 12)
    )
    third = CongressSessionFactory(
        term=term, number=3, opens_on=D(2019, 1, 8), closes_on=D(2019, 1, 11)
    )
    with time_machine.travel(at(D(2017, 1, 3)), tick=False):
        y = Year(street, staff, ["新华社区", "光明社区", "东湖社区"])
        he, lu, fang = (y.deputy(name, term) for name in ["何振东", "卢静怡", "方志诚"])
        hub = y.station(
            "街道人大代表中心联络站",
            y.communities[0],
            Station.Kind.CENTRAL,
            featured=True,
            also_kind=Station.Kind.ENTERPRISE,
        )
        point = y.station("光明社区人大代表联系点", y.communities[1], Station.Kind.POINT)
        unit = HandlingUnitFactory(name="区城管局")
        y.suggestion(he, first, DURING, "关于规范老旧小区停车管理的建议", D(2017, 1, 10), unit)

    with time_machine.travel(at(D(2019, 12, 20)), tick=False):
        # 一、明确职责，健全制度
        y.work_record(WorkRecord.Kind.RULE, "工委议事制度", D(2019, 2, 20))
        y.work_record(WorkRecord.Kind.RULE, "代表视察调研制度", D(2019, 3, 1))
        issue_letter(fang, "low_points", "2019-Q2", staff)
        # 二、为提高代表履职能力服务
        y.work_record(
            WorkRecord.Kind.STAFF_TRAINING, "全市乡镇、街道人大干部培训班", D(2019, 5, 21)
        )
        y.activity(Activity.Kind.TRAINING, "参观党建馆、家风馆、廉政馆", D(2019, 6, 28), [he, lu])
        # 三、闭会期间活动
        y.activity(Activity.Kind.BRIEFING, "街情政情通报会", D(2019, 3, 14), [he, lu, fang])
        y.activity(Activity.Kind.LAW_INSPECTION, "《环境保护法》执法检查", D(2019, 4, 18), [he])
        y.activity(Activity.Kind.APPRAISAL, "区城管局工作评议", D(2019, 9, 12), [lu])
        y.activity(Activity.Kind.JOINT_MEETING, "街道人大工作联席会议", D(2019, 7, 9), [he, lu])
        y.activity(Activity.Kind.SYMPOSIUM, "联系选民月专题座谈会", D(2019, 10, 15), [he, lu, fang])
        group = ProfessionalGroup.objects.create(street=street, name="医疗卫生专业代表小组")
        group.members.set([he, lu])
        y.suggestion(
            lu, third, BETWEEN, "关于雨污分流改造后恢复小区路面的建议", D(2019, 4, 2), unit
        )
        # 四、联系群众阵地
        for item in StandardItem.objects.all():
            StandardCheck.objects.create(
                station=hub, item=item, met=True, checked_on=D(2019, 6, 1), checked_by=staff
            )
        for name in ["刘桂兰", "周德明"]:
            LiaisonOfficer.objects.create(
                name=name,
                community=y.communities[1],
                deputy=lu,
                status=LiaisonOfficer.Status.APPOINTED,
            )
        y.work_record(WorkRecord.Kind.DELEGATION, "市人大常委会参观指导", D(2019, 8, 6), hub)
        y.duty(hub, he, D(2019, 5, 8))
        y.visit(
            point,
            D(2019, 5, 8),
            "雨污分流改造后路面积水严重",
            [he],
            ("assign", unit),
            headline="雨污分流改造后小区路面积水",
        )
        y.visit(
            point,
            D(2019, 6, 12),
            "广场树根顶起路砖影响出行",
            [lu],
            "on_the_spot",
            headline="小区广场路砖被树根顶起",
        )

    with time_machine.travel(at(D(2020, 1, 10)), tick=False):
        report = services.create_report(street, 2019, staff)
        printed = Printed(report)

    sections = list(report.sections.filter(part="work").order_by("order"))
    assert [section.heading for section in sections] == [heading for heading, _t in THEMES_2019]
    intro = printed.between("区人大常委会：", "一、")
    assert_printed(intro, ["2019年是第十七届区人大代表履职的第四年", "提出建议1件"])
    rules, training, activities, stations = (section.heading for section in sections)
    assert_printed(
        printed.between(rules, training),
        [
            "制定完善工委议事制度、代表视察调研制度等制度2项",
            "履职提醒函1份",
            "为3名代表建立“一人一档”履职档案",
        ],
    )
    assert_printed(
        printed.between(training, activities),
        ["工委干部参加全市乡镇、街道人大干部培训班等培训1次", "学习培训1期"],
    )
    assert_printed(
        printed.between(activities, stations),
        [
            "通报会1次",
            "执法检查1次",
            "工作评议1次",
            "联席会议1次",
            "座谈1次",
            "10月15日的“联系选民月专题座谈会”",
            "医疗卫生专业代表小组",
            "自第十七届区人大换届以来，代表们共提出大会建议1件、闭会建议1件",
            "区城管局承办的《关于雨污分流改造后恢复小区路面的建议》",
        ],
    )
    assert_printed(
        printed.between(stations, "二、存在的不足"),
        [
            "街道人大代表中心联络站与企业联络站二站合一",
            "1个联络站（点）达到“九有”“六上墙”标准",
            "社情民意联络员2名",
            "市人大常委会参观指导",
            "雨污分流改造后小区路面积水、小区广场路砖被树根顶起",
        ],
    )
    assert_printed(printed.between("二、存在的不足", "三、"), ["1个社区尚未建立代表联络站"])
    assert_printed(printed.between("三、2020年工作计划", "附件"), ["（一）推进联络站点全覆盖"])
