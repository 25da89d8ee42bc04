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
import re

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
    demo_words,
    moment,
    seed_unit_account,
)
from congress_portal.models import HandlingUnit, Street, User
from deputies.demo import BULK_NOTE
from deputies.models import Deputy, Membership, PublishedQuarter

from . import services
from .models import (
    PUBLISH_DAYS_AHEAD,
    TRACKING_ALPHABET,
    TRACKING_LENGTH,
    Constituent,
    DutyAssignment,
    DutySession,
    StandardCheck,
    StandardItem,
    Station,
    Supervision,
    Visit,
    station_for,
)

BATCH = 5000
BULK_VISITS_PER_SCALE = 10_000
DAY = datetime.timedelta(days=1)
WEEKDAYS = "一二三四五"
AREA_CODE = "0571"

WORDS = demo_words(__file__)
DEPARTMENTS = WORDS["departments"]
# The main street's communities that have a residents' committee among the handling units.
COMMITTEES = 8

MAIN_STATIONS = WORDS["main_stations"]
NEIGHBOUR_STATIONS = 2
# visits a year at the stations that have no weekly reception day
OTHER_VISITS = {Station.Kind.CENTRAL: 240, Station.Kind.ENTERPRISE: 50, Station.Kind.POINT: 40}
# Where the visits outside reception days came from, in turn: the hotline and
# platforms pass matters to the stations, deputies bring what they heard.
OTHER_CHANNELS = [Visit.Channel.STATION] * 5 + [
    Visit.Channel.HOTLINE,
    Visit.Channel.DEPUTY,
    Visit.Channel.HOTLINE,
    Visit.Channel.LETTER,
]
# visits received in one reception day: choose one of these
SESSION_VISITS = (0, 1, 1, 1, 1, 2, 2, 2)
CHECK_IN_RATE = 0.88
STATIONED_MIN, STATIONED_MAX = 4, 8
NEWEST_WAITING, NEWEST_UNSATISFIED = 3, 2
UNIT_ACCOUNT_UNIT = "区住建局"  # the demo's unit login: housing and property matters
# The units with a demo login; the first replies to matters from it.
UNIT_ACCOUNTS = {"unit": UNIT_ACCOUNT_UNIT, "unit2": "区城管局"}
HEADLINED = 8  # solved matters staff name for the annual report

STANDARD_NOTES = WORDS["standard_notes"]
GENERIC_NOTE = WORDS["generic_note"]

COMPOUNDS = WORDS["compounds"]
MOBILE_PREFIXES = WORDS["mobile_prefixes"]
SCHOOLS = WORDS["schools"]

MATTERS = WORDS["matters"]
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
OUT_OF_SCOPE = WORDS["out_of_scope"]
ON_THE_SPOT = WORDS["on_the_spot"]
ON_THE_SPOT_DEFAULT = WORDS["on_the_spot_default"]
REPLIES = WORDS["replies"]
ESCALATED_REPLY = WORDS["escalated_reply"]
FEEDBACK = WORDS["feedback"]
ONLINE_COMMENTS = WORDS["online_comments"]
SUPERVISION_NOTES = WORDS["supervision_notes"]
SWAP_REASONS = WORDS["swap_reasons"]
SELF_NAMES = WORDS["self_names"]


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
        if unit is not None and unit.name == UNIT_ACCOUNT_UNIT:
            # The unit with the demo login replies from it; staff review it days later.
            yield "submit_reply", day, {"reply": reply}
            day += rng.randint(1, 4) * DAY
            yield "release_reply", day, {}
        else:
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


# An online matter's steps, one list per demo matter: every state, and the constituent's
# own evaluation (by None) on the tracking page.
ROUTED = ["assign", "submit_reply", "release_reply"]
ONLINE_SCENARIOS = [
    [],  # awaiting the staff's triage
    [],
    ["take_up"],
    ["not_accept"],
    ["assign"],
    ["take_up", "assign", "submit_reply"],
    ["take_up", *ROUTED],  # the deputy is to feed it back
    [*ROUTED, "feed_back"],  # the constituent may evaluate
    [*ROUTED, "feed_back", "evaluate"],
    ["take_up", *ROUTED, "feed_back", "evaluate"],  # unsatisfied: reopened
    [*ROUTED, "feed_back", "evaluate", "close"],
    ["take_up", "escalate"],
    ["refer"],
]


UNSATISFIED_ONLINE = 9  # the scenario whose constituent is not satisfied


def online_step_arguments(rng, step, unit, day, category, n):
    unsatisfied = n == UNSATISFIED_ONLINE
    evaluation = Visit.Evaluation.UNSATISFIED if unsatisfied else Visit.Evaluation.SATISFIED
    return {
        "not_accept": lambda: {"reason": rng.choice(OUT_OF_SCOPE)[2]},
        "assign": lambda: {"unit": unit, "deadline": day + 30 * DAY},
        "refer": lambda: {"unit": unit},
        "submit_reply": lambda: {"reply": REPLIES[category].format(unit=unit)},
        "feed_back": lambda: {"feedback": rng.choice(FEEDBACK)},
        "evaluate": lambda: {"evaluation": evaluation, "comment": ONLINE_COMMENTS[unsatisfied]},
    }.get(step, dict)()


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
    for username, name in UNIT_ACCOUNTS.items():
        seed_unit_account(ctx, username, units[name])
    main = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    if not Station.objects.filter(street=main).exists():
        DemoBuilder(ctx.random("liaison_stations"), units, today).build(main)
    online = Visit.objects.in_street(main).filter(channel=Visit.Channel.ONLINE)
    for visit in online.prefetch_related("constituents").order_by("received_on", "pk"):
        digits = visit.constituents.all()[0].phone[-4:]
        ctx.tracked.append((visit.get_state_display(), visit.tracking_display, digits))
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
        self.name_solved_matters()
        self.add_online_matters(stations[0])

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
                for station in MAIN_STATIONS:
                    index = station.get("community")
                    community = None if index is None else communities[index]
                    stationed = self.rng.sample(deputies, station["deputies"])
                    stations.append(
                        self.new_station(
                            street,
                            community,
                            station["kind"],
                            station["name"],
                            station["address"],
                            station["hours"],
                            stationed,
                        )
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
        channels = itertools.cycle(OTHER_CHANNELS)
        for day in sorted(self.rng.choices(days, k=OTHER_VISITS[station.kind])):
            present = [d for d in station.stationed if sitting(d, day)]
            if present:
                count = min(len(present), self.rng.choice((1, 1, 2)))
                self.register(station, day, self.rng.sample(present, count), next(channels))

    def register(self, station, day, deputies, channel=Visit.Channel.STATION):
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
            Visit(
                station=station, received_on=day, matter=matter, category=category, channel=channel
            ),
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
            unit = None
            for k, (step, day, arguments) in enumerate([] if n in waiting else steps):
                unit = arguments.get("unit", unit)
                by = unit.accounts.first() if step == "submit_reply" else self.staff
                workflow.take_step(visit, step, by, at=moment(day, k + 1), **arguments)
        fed_back = Visit.objects.filter(state=Visit.State.FED_BACK).order_by("-received_on", "-pk")
        for visit in fed_back[:NEWEST_UNSATISFIED]:
            workflow.take_step(
                visit, "evaluate", self.staff, evaluation=Visit.Evaluation.UNSATISFIED
            )

    def name_solved_matters(self):
        """Staff name a few solved matters for the annual report by the matter's first
        clause (the demo's matters name no one)."""
        registered = [visit.pk for visit, _steps in self.visits]
        solved = list(
            Visit.objects.filter(pk__in=registered, state=Visit.State.CLOSED).order_by("pk")
        )
        for visit in self.rng.sample(solved, min(HEADLINED, len(solved))):
            visit.headline = re.split("[，、]", visit.matter)[0][: Visit.headline.field.max_length]
            save_as(visit, self.staff)

    def add_online_matters(self, central):
        """Matters constituents sent by QR code this month, one in each state: to the
        central station, or to the demo deputy (login `deputy`), who takes some up."""
        rng = self.rng
        deputy = Deputy.objects.filter(user__username="deputy").select_related("user").first()
        unit = self.units[UNIT_ACCOUNT_UNIT]
        for n, steps in enumerate(ONLINE_SCENARIOS):
            day = self.today - (len(ONLINE_SCENARIOS) - n) * DAY
            to_deputy = deputy is not None and ("take_up" in steps or n % 3 == 1)
            station = (to_deputy and station_for(deputy)) or central
            category = rng.choice(["housing", "property"])
            visit = Visit(
                station=station,
                addressed_to=deputy if to_deputy else None,
                category=category,
                community=station.community,
                matter=matter_text(rng, category, getattr(station.community, "name", MAIN_STREET)),
                tracking_number="".join(rng.choices(TRACKING_ALPHABET, k=TRACKING_LENGTH)),
            )
            visit = services.submit_online(visit, chinese_name(rng), mobile(rng), at=moment(day))
            for k, step in enumerate(steps):
                arguments = online_step_arguments(rng, step, unit, day, category, n)
                workflow.take_step(visit, step, self.online_actor(step, deputy, unit),
                                   at=moment(day, k + 1), **arguments)  # fmt: skip

    def online_actor(self, step, deputy, unit):
        """Who takes an online matter's step: the deputy takes it up, the unit replies,
        the constituent evaluates (None), staff do the rest."""
        actors = {"take_up": deputy and deputy.user, "submit_reply": unit.accounts.first()}
        return None if step == "evaluate" else actors.get(step, self.staff)

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
