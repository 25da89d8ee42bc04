"""Demo data for liaison stations: the main street's central station, one
station in each of its 16 communities, an enterprise station and a liaison
point, two stations on the neighbour street; their standards checks; the
handling units; a year of reception days (weekly; fortnightly on the neighbour
street) and the next four weeks, with check-ins and swaps; about 1,500
constituent visits handled into every state, with supervision. Rosters are
bulk-created with their history; check-ins, swaps, visits and handling steps go
through the real services, dated on each visit's timeline, so points, history
and the step trail are what the portal itself would have written on those days.

`--scale N` (N > 1) adds benchmark volumes: stations on every street that has
none and 10,000 × N visits over all stations (1,000,000 at `--scale 100`).

Running it again changes nothing: the detailed demo is built only while the
main street has no station, the benchmark visits only while no visit received
by a benchmark deputy exists, and handling units are looked up before they are
created.
"""

import datetime
import itertools

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from congress_portal import workflow
from congress_portal.audit import save_as
from congress_portal.demo import (
    DISTRICT,
    MAIN_STREET,
    NEIGHBOUR_STREET,
    SURNAMES,
    chinese_name,
    moment,
)
from congress_portal.models import HandlingUnit, Street, User
from deputies.demo import BULK_NOTE
from deputies.models import Deputy, Membership, PublishedQuarter

from . import services
from .models import (
    PUBLISH_DAYS_AHEAD,
    Constituent,
    DutyAssignment,
    DutySession,
    StandardCheck,
    StandardItem,
    Station,
    Supervision,
    Visit,
)

BATCH = 5000
BULK_VISITS_PER_SCALE = 10_000
DAY = datetime.timedelta(days=1)
WEEKDAYS = "一二三四五"
AREA_CODE = "0571"

# District departments: name → the categories of matters they are assigned.
DEPARTMENTS = {
    "区住建局": ["housing", "property"],
    "区城管局": ["environment", "safety"],
    "区生态环境分局": ["environment"],
    "区交通运输局": ["traffic"],
    "区公安分局交警大队": ["traffic"],
    "区人社局": ["employment", "social_security"],
    "区医保局": ["social_security"],
    "区卫健局": ["health"],
    "区教育局": ["education"],
    "区市场监管局": ["safety"],
    "区应急管理局": ["safety"],
    "区民政局": ["other"],
}
# The main street's communities that have a residents' committee among the handling units.
COMMITTEES = 8

# Stations besides the community ones: name, kind, community index, address,
# opening hours, stationed deputies.
MAIN_STATIONS = [
    (
        "青石街道代表中心联络站",
        Station.Kind.CENTRAL,
        None,
        "临江区青石路88号青石街道党群服务中心二楼",
        "工作日8:30-12:00、14:00-17:30；每月15日为代表集中接待日",
        10,
    ),
    (
        "青石科技园企业代表联络站",
        Station.Kind.ENTERPRISE,
        2,
        "临江区新华路168号青石科技园综合楼三楼",
        "每月第一个周四14:00-17:00",
        4,
    ),
    (
        "青石农贸市场代表联络点",
        Station.Kind.POINT,
        8,
        "临江区南门街36号青石农贸市场管理办公室",
        "每月10日9:00-11:00",
        3,
    ),
]
NEIGHBOUR_STATIONS = 2
# visits a year at the stations that have no weekly reception day
OTHER_VISITS = {Station.Kind.CENTRAL: 240, Station.Kind.ENTERPRISE: 50, Station.Kind.POINT: 40}
# visits received in one reception day: choose one of these
SESSION_VISITS = (0, 1, 1, 1, 1, 2, 2, 2)
CHECK_IN_RATE = 0.88
STATIONED_MIN, STATIONED_MAX = 4, 8
NEWEST_WAITING, NEWEST_UNSATISFIED = 3, 2

STANDARD_NOTES = {
    "有统一标牌": "标牌褪色，已申请更换",
    "有年度计划": "年度计划未经工委会议审定",
    "有工作台账": "接待台账记录不完整，缺少办理结果",
    "有工作经费": "经费尚未纳入街道年度预算",
    "有专人负责": "联络员兼职多项工作，待明确专人",
    "有工作成效": "典型案例材料尚未整理",
    "代表名单及照片上墙": "新当选代表照片尚未更新",
    "代表联系方式上墙": "部分代表电话已变更，待更新",
    "接待日安排上墙": "本月接待日安排未及时张贴",
    "接待流程图上墙": "流程图内容与新制度不一致",
}
GENERIC_NOTE = "正在整改，预计下月完成"

COMPOUNDS = ["花园", "小区", "新村", "家园", "苑", "公寓", "里"]
# Mobile numbers' first three digits, as the carriers issue them.
MOBILE_PREFIXES = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180",
    "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
]  # fmt: skip
SCHOOLS = ["青石小学", "临江区第二中学", "青石幼儿园", "实验小学"]

# category → matters; {compound} a housing estate, {road} and {road2} roads,
# {school} a school near the station
MATTERS = {
    "environment": [
        "{compound}楼下烧烤店夜间油烟大、噪音扰民，影响老人和孩子休息",
        "{road}沿街垃圾清运不及时，夏季异味明显，希望增加清运频次",
        "{compound}旁工地夜间施工噪音扰民，希望限制施工时间",
        "{compound}垃圾分类投放点离住户窗户太近，希望调整位置",
        "{road}绿化带杂草丛生、蚊虫多，希望加强养护",
        "{compound}周边广场舞音响声音过大，晚上十点后仍未停止",
    ],
    "property": [
        "{compound}物业服务质量差，楼道卫生长期无人打扫，物业费却要上涨",
        "{compound}电梯频繁故障，物业维修不及时，老人上下楼困难",
        "{compound}业委会换届迟迟未启动，希望社区指导",
        "{compound}地下车库渗水，物业推诿不处理",
        "{compound}公共维修资金使用情况不透明，居民要求公示",
    ],
    "traffic": [
        "{compound}停车难，外来车辆占用小区车位，居民晚上回家无处停车",
        "{road}与{road2}交叉口早晚高峰拥堵，建议优化信号灯配时",
        "建议在{school}门口设置接送临时停车位和护学岗",
        "{road}公交站台没有遮雨棚和座椅，老人等车不便",
        "{compound}周边共享单车乱停乱放，占用人行道和盲道",
        "建议增开从{road}到市第一人民医院的公交线路",
    ],
    "housing": [
        "{compound}是老旧小区，住户多为老人，希望推进老旧小区加装电梯，低层住户有不同意见",
        "{compound}老旧小区改造后雨污管网仍然堵塞，雨天积水严重",
        "{compound}外墙瓷砖脱落，存在安全隐患",
        "咨询公共租赁住房的申请条件和办理流程",
        "{compound}顶楼屋面漏水，多次反映未解决",
    ],
    "social_security": [
        "反映异地就医医保报销手续繁琐、到账慢",
        "咨询城乡居民医保缴费标准和门诊慢特病报销政策",
        "家中老人失能，咨询长期护理保险如何申请",
        "灵活就业人员养老保险缴费负担重，希望了解社保补贴政策",
        "高龄津贴发放不及时，希望核实原因",
    ],
    "health": [
        "社区卫生服务站周末不开诊，老人看病不便",
        "希望社区卫生服务中心增加家庭医生上门服务",
        "老年人免费体检预约难，名额太少",
        "希望附近医院增设儿科夜间门诊",
    ],
    "education": [
        "{compound}学区划片调整后，孩子上学距离变远",
        "希望{school}延长课后托管服务时间",
        "{compound}附近缺少公办幼儿园，入园难",
        "{school}周边校外培训机构收费不规范",
    ],
    "employment": [
        "失业人员咨询再就业培训和灵活就业补贴",
        "残疾人希望就近安排公益性岗位",
        "高校毕业生咨询就业见习岗位和租房补贴",
        "外卖骑手咨询新就业形态劳动者参加工伤保险的办法",
    ],
    "safety": [
        "{compound}楼道里电动自行车违规充电，存在火灾隐患，希望建设集中充电桩",
        "{road}路灯损坏多日，夜间出行不安全",
        "{compound}消防通道被车辆长期占用",
        "农贸市场部分摊位售卖来源不明的熟食，担心食品安全",
        "{road}人行道窨井盖缺失，存在安全隐患",
    ],
    "other": [
        "建议社区开办老年食堂，解决高龄独居老人吃饭难",
        "希望社区开设老年人智能手机使用培训班",
        "建议在{road}增设公共厕所",
        "楼上楼下因漏水问题产生纠纷，希望社区调解",
    ],
}
CATEGORY_WEIGHTS = {
    "environment": 18,
    "property": 16,
    "traffic": 14,
    "housing": 12,
    "social_security": 10,
    "health": 7,
    "education": 6,
    "employment": 5,
    "safety": 8,
    "other": 4,
}
# Matters that belong to courts or arbitration: (category, matter, reason for not accepting)
OUT_OF_SCOPE = [
    (
        "housing",
        "与开发商的商品房买卖合同纠纷已起诉至法院，希望代表出面干预判决",
        "该事项已进入诉讼程序，不属于联络站受理范围，已告知当事人依法通过诉讼途径解决。",
    ),
    (
        "employment",
        "与原单位的劳动争议已申请仲裁，要求代表协调撤销仲裁裁决",
        "该事项属于劳动争议仲裁范围，已告知当事人可依法向人民法院起诉。",
    ),
    (
        "other",
        "对行政处罚决定不服，要求代表出面撤销处罚",
        "该事项属于行政复议或行政诉讼范围，已告知当事人在法定期限内申请行政复议或提起诉讼。",
    ),
    (
        "other",
        "离婚财产分割纠纷，希望代表帮忙打官司",
        "该事项属于民事诉讼范围，已引导当事人到青石司法所申请法律援助。",
    ),
]
ON_THE_SPOT = {
    "social_security": "代表当场讲解医保和社保相关政策，告知办理渠道、所需材料和咨询电话。",
    "employment": "当场介绍就业培训和补贴政策，提供区人社局就业服务窗口地址和电话。",
    "housing": "当场解释相关政策和申请流程，选民表示清楚了。",
    "education": "当场说明入学政策和划片依据，提供区教育局咨询电话。",
    "health": "当场介绍家庭医生签约和体检预约方式，选民表示理解。",
}
ON_THE_SPOT_DEFAULT = "代表当场解答并说明处理渠道，选民表示理解。"
REPLIES = {
    "environment": "{unit}回复：已安排执法人员现场核查，责令整改并纳入日常巡查。",
    "property": "{unit}回复：已约谈物业服务企业，限期整改，社区跟踪督促落实。",
    "traffic": "{unit}回复：已现场踏勘，拟调整相关设施设置，近期实施。",
    "housing": "{unit}回复：已纳入年度改造计划，先行开展应急维修。",
    "social_security": "{unit}回复：已核实情况，按政策办理并一次性告知所需材料。",
    "health": "{unit}回复：已协调社区卫生服务中心调整服务安排。",
    "education": "{unit}回复：已作出政策解释，并协调学校优化课后服务安排。",
    "employment": "{unit}回复：已提供就业岗位信息和培训报名渠道。",
    "safety": "{unit}回复：已现场处置隐患，并将该点位列入重点巡查。",
    "other": "{unit}回复：已研究落实，具体情况已向选民说明。",
}
ESCALATED_REPLY = "代表已将该事项形成代表建议提交，承办单位已书面答复，列入年度计划推进。"
FEEDBACK = [
    "代表电话告知选民办理结果，选民表示认可。",
    "社区工作人员上门向选民反馈办理情况。",
    "在接待日当面向选民反馈办理结果。",
    "通过短信和电话向选民反馈办理进展。",
]
SUPERVISION_NOTES = [
    "电话催办{unit}，对方答复本周内反馈处理方案。",
    "向{unit}发出督办函，要求按期办结并书面答复。",
    "工委会同代表到现场察看，督促{unit}加快办理。",
    "在街道联席会议上通报办理进度，要求{unit}限期办结。",
]
SWAP_REASONS = [
    "单位临时安排外出培训，无法按时值班。",
    "当天需参加区人大常委会组织的视察活动。",
    "家中老人住院，需要陪护。",
]
SELF_NAMES = ["阿姨", "大爷", "师傅", "女士", "先生"]


def weekdays(start, end):
    """Every working day from start to end."""
    return [
        start + n * DAY for n in range((end - start).days + 1) if (start + n * DAY).weekday() < 5
    ]


def mobile(rng):
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"


def landline(rng):
    return f"{AREA_CODE}-8{rng.randrange(10**7):07d}"


def road(community):
    return f"{community[:2]}路"


def compound(rng, community):
    """A housing estate of the community: 桂花苑, 新华里 (never 北苑苑)."""
    prefix = community[:2]
    return prefix + rng.choice([c for c in COMPOUNDS if c[0] != prefix[-1]])


def matter_text(rng, category, community):
    roads = [road(community), rng.choice(["滨江大道", "人民路", "解放路", "中山路", "建设路"])]
    return rng.choice(MATTERS[category]).format(
        compound=compound(rng, community),
        road=roads[0],
        road2=roads[1],
        school=rng.choice(SCHOOLS),
    )


def constituents(rng, community):
    """1 to 3 people: mostly named, some giving only a surname, or only where they live."""
    people = []
    for _n in range(rng.choices((1, 2, 3), (74, 17, 9))[0]):
        roll = rng.random()
        if roll < 0.75:
            name = chinese_name(rng)
        elif roll < 0.9:
            name = rng.choice(SURNAMES) + rng.choice(SELF_NAMES)
        else:
            name = ""  # anonymous
        address = ""
        if rng.random() < 0.6 or not name:
            address = (
                f"{compound(rng, community)}{rng.randint(1, 30)}幢"
                f"{rng.randint(1, 4)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室"
            )
        phone = mobile(rng) if name and rng.random() < 0.9 else ""
        people.append(Constituent(name=name, phone=phone, address=address))
    return people


def handling_timeline(rng, route, received, category, refer_unit, assign_unit):
    """Every step a visit takes, [(step, day, arguments)]; the days may lie beyond
    today, and the caller keeps the steps that happened by then. Most matters
    are answered within the deadline, some late and a few never: overdue."""
    day = received
    if route == "on_the_spot":
        reply = ON_THE_SPOT.get(category, ON_THE_SPOT_DEFAULT)
        yield "answer_on_the_spot", day, {"reply": reply}
    else:
        day += rng.choice((0, 0, 1, 1, 2, 3, 6, 10)) * DAY
        if route == "refer":
            deadline = day + rng.choice((7, 15, 15)) * DAY
            unit = refer_unit
            yield "refer", day, {"unit": unit, "deadline": deadline}
        elif route == "assign":
            deadline = day + rng.choice((15, 30, 30, 30, 60)) * DAY
            unit = assign_unit
            yield "assign", day, {"unit": unit, "deadline": deadline}
        else:
            deadline, unit = None, None
            yield "escalate", day, {}
        limit = (deadline - day).days if deadline else 90
        roll = rng.random()
        if roll < 0.8:
            delay = rng.randint(2, limit)
        elif roll < 0.95:
            delay = rng.randint(limit + 1, limit + 40)
        else:
            delay = rng.randint(limit + 60, limit + 400)
        day += delay * DAY
        reply = REPLIES[category].format(unit=unit) if unit else ESCALATED_REPLY
        yield "record_reply", day, {"reply": reply}
        day += rng.randint(1, 7) * DAY
        yield "feed_back", day, {"feedback": rng.choice(FEEDBACK)}
    day += rng.randint(1, 14) * DAY
    evaluation = rng.choices(list(Visit.Evaluation), (76, 19, 5))[0]
    yield "evaluate", day, {"evaluation": evaluation}
    if evaluation == Visit.Evaluation.UNSATISFIED:
        # Reopened and assigned again, mostly within days, some after the
        # committee's next meeting; re-answered within a month.
        day += (rng.randint(1, 5) if rng.random() < 0.75 else rng.randint(20, 60)) * DAY
        yield "assign", day, {"unit": assign_unit, "deadline": day + 30 * DAY}
        day += rng.randint(5, 28) * DAY
        reply = REPLIES[category].format(unit=assign_unit) + "经再次办理，问题已基本解决。"
        yield "record_reply", day, {"reply": reply}
        day += rng.randint(1, 5) * DAY
        yield "feed_back", day, {"feedback": rng.choice(FEEDBACK)}
        day += rng.randint(1, 10) * DAY
        yield "evaluate", day, {"evaluation": Visit.Evaluation.BASICALLY_SATISFIED}
    day += rng.randint(0, 10) * DAY
    yield "close", day, {}


ROUTES = {"not_accept": 4, "on_the_spot": 42, "refer": 20, "assign": 30, "escalate": 4}


def plan_visit(rng, received, today, community, units_for):
    """(category, matter, not-accepted reason, steps taken by today) of a new visit.
    `units_for(category)` gives the (referral, assignment) units."""
    route = rng.choices(list(ROUTES), list(ROUTES.values()))[0]
    if route == "not_accept":
        category, matter, reason = rng.choice(OUT_OF_SCOPE)
        return category, matter, reason, []
    category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    matter = matter_text(rng, category, community)
    refer_unit, assign_unit = units_for(category)
    steps = itertools.takewhile(
        lambda step: step[1] <= today,
        handling_timeline(rng, route, received, category, refer_unit, assign_unit),
    )
    return category, matter, "", list(steps)


class Sitting:
    """Which deputies hold a seat on a day, from their memberships."""

    def __init__(self, deputies):
        self.seats = {}
        memberships = Membership.objects.filter(deputy__in=deputies).order_by("pk")
        for deputy_id, began, ended in memberships.values_list("deputy_id", "began_on", "ended_on"):
            self.seats.setdefault(deputy_id, []).append((began, ended))

    def __call__(self, deputy, day):
        return any(
            began <= day and (ended is None or day <= ended)
            for began, ended in self.seats.get(deputy.pk, ())
        )


def seed(ctx):
    today = timezone.localdate()
    units = seed_units(ctx.random("liaison_stations-units"))
    main = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    if not Station.objects.filter(street=main).exists():
        DemoBuilder(ctx.random("liaison_stations"), units, today).build(main)
    if ctx.scale > 1 and not Visit.objects.filter(deputies__notes=BULK_NOTE).exists():
        # A generator of its own, so the volumes do not depend on whether the
        # detailed demo was built in this run or an earlier one.
        seed_bulk(ctx.random("liaison_stations-bulk"), ctx.scaled(BULK_VISITS_PER_SCALE), today)


def seed_units(rng):
    """The district departments, the two demo streets' offices and some of the
    main street's residents' committees: {name: unit}."""
    streets = Street.objects.filter(district=DISTRICT, name__in=[MAIN_STREET, NEIGHBOUR_STREET])
    streets = {street.name: street for street in streets}
    wanted = [(name, HandlingUnit.Kind.DEPARTMENT, None) for name in DEPARTMENTS]
    for name in (MAIN_STREET, NEIGHBOUR_STREET):
        wanted.append((f"{name}办事处", HandlingUnit.Kind.STREET_OFFICE, streets[name]))
    main = streets[MAIN_STREET]
    for community in main.communities.order_by("pk")[:COMMITTEES]:
        wanted.append((f"{community.name}居民委员会", HandlingUnit.Kind.RESIDENTS_COMMITTEE, main))
    units = {}
    for name, kind, street in wanted:
        contact, phone = chinese_name(rng), landline(rng)  # drawn whether created or not
        units[name], _created = HandlingUnit.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "street": street,
                "contact_person": contact,
                "contact_phone": phone,
            },
        )
    return units


def department_for(rng, units, category):
    return units[rng.choice([name for name, kinds in DEPARTMENTS.items() if category in kinds])]


class DemoBuilder:
    """The detailed demo of the main street and its neighbour, through the services."""

    def __init__(self, rng, units, today):
        self.rng, self.units, self.today = rng, units, today
        self.staff = User.objects.filter(username="staff").first()
        self.start = today - 365 * DAY
        # Check-ins fall from this many minutes before a session starts (inside its window).
        self.early = min(25, settings.CHECK_IN_MARGIN_MINUTES)
        self.sitting = {}  # street pk → Sitting
        self.visits = []  # (visit, steps): handled once every visit is registered

    def build(self, main):
        neighbour = Street.objects.get(district=DISTRICT, name=NEIGHBOUR_STREET)
        self.opens = {
            street.pk: PublishedQuarter.objects.open_from(street.pk) for street in (main, neighbour)
        }
        stations = self.add_stations(main, neighbour)
        self.add_checks(stations)
        community_stations = [s for s in stations if s.kind == Station.Kind.COMMUNITY]
        sessions = {station: self.add_roster(station) for station in community_stations}
        self.add_swaps(sessions)
        for station in community_stations:
            self.register_session_visits(station, sessions[station])
        for station in stations:
            if station.kind in OTHER_VISITS:
                self.register_other_visits(station)
        self.handle_visits()
        self.add_supervision()

    # Stations and their standards

    def add_stations(self, main, neighbour):
        stations = []
        for street, count in ((main, None), (neighbour, NEIGHBOUR_STATIONS)):
            deputies = list(
                Deputy.objects.current()
                .filter(street=street)
                .exclude(notes=BULK_NOTE)
                .select_related("user")
                .order_by("pk")
            )
            self.sitting[street.pk] = Sitting(deputies)
            communities = list(street.communities.order_by("pk"))
            for n, community in enumerate(communities[:count]):
                stations.append(self.community_station(street, community, n, deputies))
            if street == main:
                for name, kind, index, address, hours, size in MAIN_STATIONS:
                    community = None if index is None else communities[index]
                    stationed = self.rng.sample(deputies, size)
                    stations.append(
                        self.new_station(street, community, kind, name, address, hours, stationed)
                    )
        return stations

    def community_station(self, street, community, n, deputies):
        """A community's station: up to eight of the community's deputies (those
        with an account first), topped up to four from the street. With two on
        duty a week, each of them has a duty in the coming four weeks."""
        own = [d for d in deputies if d.community_id == community.pk]
        stationed = sorted(own, key=lambda d: d.user_id is None)[:STATIONED_MAX]
        others = [d for d in deputies if d.community_id != community.pk]
        stationed += self.rng.sample(others, max(0, STATIONED_MIN - len(stationed)))
        # Weekly on the main street; every other week on the smaller neighbour street.
        weeks = 1 if street.name == MAIN_STREET else 2
        every = "每周" if weeks == 1 else "每两周"
        hours = f"{every}{WEEKDAYS[n % 5]}9:00-11:30为代表接待日；工作日8:30-17:30开放"
        address = (
            f"{DISTRICT}{road(community.name)}{self.rng.randint(1, 300)}号"
            f"{community.name}党群服务中心{self.rng.choice(['一楼', '二楼'])}"
        )
        station = self.new_station(
            street,
            community,
            Station.Kind.COMMUNITY,
            f"{community.name}代表联络站",
            address,
            hours,
            stationed,
        )
        station.reception_weekday, station.reception_weeks = n % 5, weeks
        return station

    def new_station(self, street, community, kind, name, address, hours, deputies):
        station = Station(
            street=street,
            community=community,
            kind=kind,
            name=name,
            address=address,
            opening_hours=hours,
            contact_name=chinese_name(self.rng),
            contact_phone=landline(self.rng) if kind == Station.Kind.CENTRAL else mobile(self.rng),
        )
        save_as(station, self.staff)
        station.deputies.set(deputies)
        station.stationed = deputies
        return station

    def add_checks(self, stations):
        """The standards checklist (九有, 六上墙) of every station but the liaison
        point and the newest station, not checked yet."""
        items = list(StandardItem.objects.order_by("group", "order"))
        for station in stations:
            if station.kind == Station.Kind.POINT or station is stations[-1]:
                continue
            rate = 0.8 if station.kind == Station.Kind.ENTERPRISE else 0.93
            checked_on = self.today - self.rng.randint(10, 120) * DAY
            for item in items:
                met = self.rng.random() < rate
                check = StandardCheck(
                    station=station,
                    item=item,
                    met=met,
                    note="" if met else STANDARD_NOTES.get(item.name, GENERIC_NOTE),
                    checked_on=checked_on,
                    checked_by=self.staff,
                )
                save_as(check, self.staff)

    # Reception days

    def add_roster(self, station):
        """Sessions every week or two from a year ago to four weeks ahead, two of
        the station's deputies each in turn; past duties mostly checked in.
        Returns [(session, [assignment])]."""
        sitting = self.sitting[station.street_id]
        day = self.start + ((station.reception_weekday - self.start.weekday()) % 7) * DAY
        sessions = []
        while day <= self.today + 28 * DAY:
            publish_on = day - PUBLISH_DAYS_AHEAD * DAY
            sessions.append(DutySession(station=station, date=day, publish_on=publish_on))
            day += station.reception_weeks * 7 * DAY
        # Rosters are made in one go: bulk, with their history (no service makes them).
        sessions = bulk_create_with_history(sessions, DutySession, default_user=self.staff)
        turns = itertools.cycle(station.stationed)
        planned = []
        for session in sessions:
            on_duty = []
            for deputy in itertools.islice(turns, len(station.stationed)):
                if sitting(deputy, session.date) and deputy not in on_duty:
                    on_duty.append(deputy)
                if len(on_duty) == 2:
                    break
            planned += [DutyAssignment(session=session, deputy=deputy) for deputy in on_duty]
        rows = {session.pk: (session, []) for session in sessions}
        for assignment in bulk_create_with_history(
            planned, DutyAssignment, default_user=self.staff
        ):
            day = assignment.session.date
            if day < self.today and self.rng.random() < CHECK_IN_RATE:
                # Deputies with an account check in themselves, staff for the others.
                now = timezone.make_aware(
                    datetime.datetime.combine(day, assignment.session.starts_at)
                    + datetime.timedelta(minutes=self.rng.randint(-self.early, 15))
                )
                assignment = services.check_in(
                    assignment, by=assignment.deputy.user or self.staff, now=now
                )
            rows[assignment.session_id][1].append(assignment)
        return list(rows.values())

    def add_swaps(self, sessions):
        """Swaps of coming duties: the demo deputies' pending, others' approved or rejected."""
        upcoming = sorted(
            (
                (session.date, assignment.pk, station, assignment)
                for station, rows in sessions.items()
                for session, assignments in rows
                if session.date > self.today
                for assignment in assignments
            ),
            key=lambda row: row[:2],
        )
        own = [row for row in upcoming if row[3].deputy.user_id]
        own.sort(key=lambda row: row[3].deputy.user.username != "deputy")
        others = [row for row in upcoming if not row[3].deputy.user_id]
        plan = [(row, None) for row in own[:1]]
        plan += [(row, True) for row in others[:2]] + [(row, False) for row in others[5:6]]
        for (_date, _pk, station, assignment), approve in plan:
            busy = set(assignment.session.assignments.values_list("deputy", flat=True))
            free = [d for d in station.stationed if d.pk not in busy]
            if not free:
                continue
            swap = services.request_swap(
                assignment,
                replacement=self.rng.choice(free),
                reason=self.rng.choice(SWAP_REASONS),
                by=assignment.deputy.user or self.staff,
            )
            if approve is not None:
                services.decide_swap(swap, approve, by=self.staff)

    # Visits

    def units_for(self, station):
        """(referral, assignment) units of a category: the community's residents'
        committee or the street office; a district department."""
        referral = self.units.get(f"{station.community}居民委员会") or self.units.get(
            f"{station.street}办事处"
        )
        return lambda category: (referral, department_for(self.rng, self.units, category))

    def register_session_visits(self, station, sessions):
        for session, assignments in sessions:
            present = [a.deputy for a in assignments if a.checked_in_at]
            if session.date >= self.today or not present:
                continue
            for _n in range(self.rng.choice(SESSION_VISITS)):
                # Received by both deputies on duty, or by one of them.
                received_by = present if self.rng.random() < 0.2 else [self.rng.choice(present)]
                self.register(station, session.date, received_by)

    def register_other_visits(self, station):
        sitting = self.sitting[station.street_id]
        days = weekdays(self.start, self.today - DAY)
        for day in sorted(self.rng.choices(days, k=OTHER_VISITS[station.kind])):
            present = [d for d in station.stationed if sitting(d, day)]
            if present:
                count = min(len(present), self.rng.choice((1, 1, 2)))
                self.register(station, day, self.rng.sample(present, count))

    def register(self, station, day, deputies):
        community = station.community.name if station.community else MAIN_STREET
        category, matter, reason, steps = plan_visit(
            self.rng, day, self.today, community, self.units_for(station)
        )
        # The deputy on duty registers it if they have an account and the day is still
        # open to them (after the last published quarter), staff otherwise.
        opens = self.opens[station.street_id]
        open_to_deputies = opens is None or day >= opens
        by = next((d.user for d in deputies if d.user and open_to_deputies), None) or self.staff
        visit = services.register_visit(
            Visit(station=station, received_on=day, matter=matter, category=category),
            by,
            constituents=constituents(self.rng, community),
            deputies=deputies,
            not_accepted_reason=reason,
            at=moment(day),
        )
        self.visits.append((visit, steps))

    def handle_visits(self):
        """Each visit's steps up to today. So that every state shows whatever the
        day, the newest matters to route still wait for staff (registered), and
        the newest fed back were judged unsatisfied (reopened)."""
        to_route = [
            n
            for n, (_visit, steps) in enumerate(self.visits)
            if steps and steps[0][0] != "answer_on_the_spot"
        ]
        to_route.sort(key=lambda n: self.visits[n][0].received_on)
        waiting = set(to_route[-NEWEST_WAITING:])
        for n, (visit, steps) in enumerate(self.visits):
            for k, (step, day, arguments) in enumerate([] if n in waiting else steps):
                workflow.take_step(visit, step, self.staff, at=moment(day, k + 1), **arguments)
        fed_back = Visit.objects.filter(state=Visit.State.FED_BACK).order_by("-received_on", "-pk")
        for visit in fed_back[:NEWEST_UNSATISFIED]:
            workflow.take_step(
                visit, "evaluate", self.staff, evaluation=Visit.Evaluation.UNSATISFIED
            )

    def add_supervision(self):
        """Staff chase most overdue or nearly due matters, once or twice."""
        chased = Visit.objects.filter(
            state__in=Visit.HANDLING, deadline__lt=self.today + 5 * DAY
        ).select_related("handling_unit")
        for visit in chased.order_by("pk"):
            if self.rng.random() < 0.3:
                continue
            for _n in range(self.rng.choice((1, 1, 2))):
                services.supervise(
                    visit,
                    self.staff,
                    self.rng.choice(Supervision.Method.values),
                    self.rng.choice(SUPERVISION_NOTES).format(unit=visit.handling_unit),
                    on=min(visit.deadline + self.rng.randint(-4, 10) * DAY, self.today),
                )


# Benchmark volumes

# How a benchmark visit is spread over a street's stations, by kind.
BULK_STATION_WEIGHTS = {
    Station.Kind.CENTRAL: 4,
    Station.Kind.COMMUNITY: 1,
    Station.Kind.ENTERPRISE: 0.5,
    Station.Kind.POINT: 0.3,
}
BULK_STATIONED = 3


def seed_bulk(rng, count, today):
    """Stations on every street that has none, then `count` visits over every
    station received by the benchmark deputies of its street, with their
    constituents. For speed this bypasses the services and django-simple-history
    (no historical rows, no points, no supervision) and writes with bulk_create in
    batches (the services would take hours for a million visits); the handling
    steps are the model's own methods, taken at the days of the visit's timeline,
    so that some deadlines are overdue."""
    streets = list(Street.objects.filter(district=DISTRICT).order_by("pk"))
    bulk_deputies = {}
    current = Deputy.objects.current().filter(notes=BULK_NOTE).order_by("pk")
    for pk, street_id in current.values_list("pk", "street_id"):
        bulk_deputies.setdefault(street_id, []).append(pk)
    _bulk_stations(rng, streets, bulk_deputies)
    units = _bulk_units(rng, streets)
    stations = [
        station
        for station in Station.objects.select_related("street", "community").order_by("pk")
        if station.street_id in bulk_deputies
    ]
    cum_weights = list(itertools.accumulate(BULK_STATION_WEIGHTS[s.kind] for s in stations))
    days = weekdays(today - 365 * DAY, today)

    def units_for(station):
        referral = units.get(f"{station.community}居民委员会") or units[f"{station.street}办事处"]
        return lambda category: (referral, department_for(rng, units, category))

    through = Visit.deputies.through
    made = 0
    while made < count:
        visits, others = [], []
        for _n in range(min(BATCH, count - made)):
            station = rng.choices(stations, cum_weights=cum_weights)[0]
            received = rng.choice(days)
            community = station.community.name if station.community else station.street.name
            category, matter, reason, steps = plan_visit(
                rng, received, today, community, units_for(station)
            )
            visit = Visit(station=station, received_on=received, matter=matter, category=category)
            if reason:
                steps = [("not_accept", received, {"reason": reason})]
            for step, day, arguments in steps:
                getattr(visit, step)(at=moment(day), **arguments)
            visits.append(visit)
            deputies = rng.sample(bulk_deputies[station.street_id], rng.choice((1, 1, 2)))
            others.append((constituents(rng, community), deputies))
        Visit.objects.bulk_create(visits)
        people, links = [], []
        for visit, (persons, deputies) in zip(visits, others, strict=True):
            for person in persons:
                person.visit = visit
            people += persons
            links += [through(visit_id=visit.pk, deputy_id=pk) for pk in deputies]
        Constituent.objects.bulk_create(people, batch_size=BATCH)
        through.objects.bulk_create(links, batch_size=BATCH)
        made += len(visits)


def _bulk_stations(rng, streets, bulk_deputies):
    """A central station, one per community, an enterprise station and a liaison
    point on each street without stations, with benchmark deputies stationed."""
    stations = []
    for street in streets:
        if street.pk not in bulk_deputies or street.stations.exists():
            continue
        prefix = street.name[:2]
        for community in street.communities.order_by("pk"):
            stations.append(
                Station(
                    street=street,
                    community=community,
                    kind=Station.Kind.COMMUNITY,
                    name=f"{community.name}代表联络站",
                    address=f"{DISTRICT}{road(community.name)}{rng.randint(1, 300)}号"
                    f"{community.name}党群服务中心",
                    opening_hours=f"每周{rng.choice(WEEKDAYS)}9:00-11:30为代表接待日",
                    contact_name=chinese_name(rng),
                    contact_phone=mobile(rng),
                )
            )
        for kind, name, place in (
            (Station.Kind.CENTRAL, f"{street.name}代表中心联络站", f"{street.name}党群服务中心"),
            (Station.Kind.ENTERPRISE, f"{prefix}产业园企业代表联络站", f"{prefix}产业园综合楼"),
            (Station.Kind.POINT, f"{prefix}便民服务中心代表联络点", f"{prefix}便民服务中心"),
        ):
            stations.append(
                Station(
                    street=street,
                    kind=kind,
                    name=name,
                    address=f"{DISTRICT}{prefix}大道{rng.randint(1, 300)}号{place}",
                    opening_hours="工作日8:30-17:30",
                    contact_name=chinese_name(rng),
                    contact_phone=landline(rng),
                )
            )
    Station.objects.bulk_create(stations, batch_size=BATCH)
    through = Station.deputies.through
    links = [
        through(station_id=station.pk, deputy_id=pk)
        for station in stations
        for pk in rng.sample(bulk_deputies[station.street_id], BULK_STATIONED)
    ]
    through.objects.bulk_create(links, batch_size=BATCH)


def _bulk_units(rng, streets):
    """Every handling unit by name, with an office for each street."""
    for street in streets:
        HandlingUnit.objects.get_or_create(
            name=f"{street.name}办事处",
            defaults={
                "kind": HandlingUnit.Kind.STREET_OFFICE,
                "street": street,
                "contact_person": chinese_name(rng),
                "contact_phone": landline(rng),
            },
        )
    return {unit.name: unit for unit in HandlingUnit.objects.all()}
