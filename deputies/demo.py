"""Demo data for deputies: about 120 deputies of the main street and 20 of its
neighbour at the four levels, their terms and memberships, professional groups,
the activities of the last year and this one with attendance, claims in every
state and a few error reports (错重漏). Points come from the real services.

`--scale N` (N > 1) adds benchmark volumes on every street: 200 × N deputies
with about 100 ledger entries each (20,000 deputies and 2,000,000 entries at
`--scale 100`).

Running it again changes nothing: the detailed demo is built only while the
main street has no deputies of its own, the benchmark volumes only while none
exist, and terms are looked up before they are created.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from congress_portal.demo import (
    DISTRICT,
    MAIN_STREET,
    NEIGHBOUR_STREET,
    chinese_name,
    demo_words,
)
from congress_portal.models import Street, User

from . import services
from .models import (
    AUTOMATIC_RULES,
    Activity,
    Attendance,
    Deputy,
    EntryFlag,
    Gender,
    Level,
    Membership,
    PointEntry,
    PointRule,
    ProfessionalGroup,
    ReportBackBallot,
    RuleCode,
    Term,
)

# Marks the deputies the benchmark volumes add, so that a second run finds them.
BULK_NOTE = "批量生成的压力测试数据"
BATCH = 5000
BULK_DEPUTIES_PER_SCALE = 200
BULK_ENTRIES = (80, 120)

# A term that began on this date had this number; every term lasts five years.
TERM_ANCHORS = {
    Level.NATIONAL: (14, datetime.date(2023, 3, 5)),
    Level.PROVINCIAL: (14, datetime.date(2023, 1, 12)),
    Level.CITY: (16, datetime.date(2022, 1, 6)),
    Level.DISTRICT: (17, datetime.date(2021, 10, 12)),
}
LEVEL_NAMES = {
    Level.NATIONAL: "全国",
    Level.PROVINCIAL: "省",
    Level.CITY: "市",
    Level.DISTRICT: DISTRICT,
}

# How each street's deputies hold their seats, by level: pattern → how many.
# continuing: this term and the last; new: this term only; retired: the last term
# only; by_election: elected mid-term; departed: left mid-term.
MAIN_PLAN = {
    Level.NATIONAL: {"continuing": 1, "new": 1},
    Level.PROVINCIAL: {"continuing": 3, "new": 2},
    Level.CITY: {"continuing": 7, "new": 6, "retired": 2, "by_election": 1, "departed": 1},
    Level.DISTRICT: {"continuing": 46, "new": 30, "retired": 10, "by_election": 5, "departed": 5},
}
NEIGHBOUR_PLAN = {
    Level.PROVINCIAL: {"continuing": 1},
    Level.CITY: {"continuing": 2, "new": 1},
    Level.DISTRICT: {"continuing": 8, "new": 5, "retired": 1, "by_election": 1, "departed": 1},
}
DEPARTURES = [
    Membership.Ended.RESIGNATION,
    Membership.Ended.TRANSFER,
    Membership.Ended.RESIGNATION,
    Membership.Ended.DEATH,
    Membership.Ended.TRANSFER,
]
# A deputy of the first level may also sit at the second, with this chance.
SECOND_LEVEL = {
    Level.NATIONAL: (Level.PROVINCIAL, 1.0),
    Level.PROVINCIAL: (Level.CITY, 0.4),
    Level.CITY: (Level.DISTRICT, 0.4),
}

WORDS = demo_words(__file__)
EMPLOYERS = WORDS["employers"]
COMPANY_NAMES = WORDS["company_names"]
COMPANY_KINDS = WORDS["company_kinds"]
GROUPS = WORDS["groups"]

ACTIVITY_PLAN = WORDS["activity_plan"]
OUTCOMES = WORDS["outcomes"]

CLAIMS = WORDS["claims"]
REJECT_REASONS = WORDS["reject_reasons"]
STAFF_ENTRIES = WORDS["staff_entries"]


def chinese_numeral(n):
    """1..99 in Chinese numerals: 17 → 十七, 21 → 二十一."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def years_later(day, years):
    return day.replace(year=day.year + years)


def weekday(day):
    """The day, moved off a weekend: committees meet on working days."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


def seed(ctx):
    today = timezone.localdate()
    terms = seed_terms(today)
    main = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    if not Deputy.objects.filter(street=main).exclude(notes=BULK_NOTE).exists():
        DemoBuilder(ctx.random("deputies"), terms, today).build(main)
    if ctx.scale > 1 and not Deputy.objects.filter(notes=BULK_NOTE).exists():
        # A generator of its own, so the volumes do not depend on whether the
        # detailed demo was built in this run or an earlier one.
        seed_bulk(ctx.random("deputies"), ctx.scaled(BULK_DEPUTIES_PER_SCALE), terms, today)


def seed_terms(today):
    """{level: (previous term, current term)}: the term that holds today and the one before."""
    terms = {}
    for level, (anchor, first_day) in TERM_ANCHORS.items():
        number = anchor + (today.year - first_day.year) // 5 + 1
        while term_start(level, number) > today:
            number -= 1
        terms[level] = tuple(term_row(level, n) for n in (number - 1, number))
    return terms


def term_start(level, number):
    anchor, first_day = TERM_ANCHORS[level]
    return years_later(first_day, 5 * (number - anchor))


def term_row(level, number):
    starts_on = term_start(level, number)
    ends_on = term_start(level, number + 1) - datetime.timedelta(days=1)
    term, _created = Term.objects.get_or_create(
        level=level, number=number, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    return term


def term_name(term):
    return f"{LEVEL_NAMES[term.level]}第{chinese_numeral(term.number)}届人民代表大会"


@dataclass
class Person:
    """A deputy being built: the row and their seats as (level, start, end)."""

    deputy: Deputy
    level: str
    pattern: str
    group: str
    second_level: str | None = None
    seats: list = field(default_factory=list)

    def sits_on(self, day, level=None):
        return any(
            start <= day and (end is None or day <= end)
            for seat_level, start, end in self.seats
            if level in (None, seat_level)
        )


class DemoBuilder:
    """The detailed demo of the main street and its neighbour, through the services."""

    def __init__(self, rng, terms, today):
        self.rng, self.terms, self.today = rng, terms, today
        self.staff = User.objects.filter(username="staff").first()
        # The demo deputy accounts, unless already linked to a deputy.
        accounts = User.objects.filter(deputy__isnull=True)
        self.accounts = [accounts.filter(username=name).first() for name in ("deputy", "deputy2")]
        # One year of activities and duties, up to today.
        self.window = (today - datetime.timedelta(days=365), today)

    def build(self, main):
        neighbour = Street.objects.get(district=DISTRICT, name=NEIGHBOUR_STREET)
        people = self.add_deputies(main, MAIN_PLAN, link_accounts=True)
        neighbours = self.add_deputies(neighbour, NEIGHBOUR_PLAN)
        self.add_groups(main, people)
        self.add_activities(main, people, per_year=1.0)
        self.add_activities(neighbour, neighbours, per_year=0.35)
        self.add_claims(people)
        self.add_staff_entries(people)
        self.publish_quarters(main)

    # Deputies and seats

    def add_deputies(self, street, plan, link_accounts=False):
        communities = list(street.communities.order_by("pk"))
        slots = [
            (level, pattern)
            for level, patterns in plan.items()
            for pattern, count in patterns.items()
            for _n in range(count)
        ]
        self.rng.shuffle(slots)
        accounts = [user for user in self.accounts if user] if link_accounts else []
        departures = itertools.cycle(DEPARTURES)
        people = []
        for level, pattern in slots:
            user = None
            if accounts and level == Level.DISTRICT and pattern == "continuing":
                user = accounts.pop(0)
            person = self.new_person(street, communities, level, pattern, user)
            self.add_seats(person, next(departures))
            people.append(person)
        return people

    def new_person(self, street, communities, level, pattern, user):
        rng = self.rng
        community = rng.choice(communities)
        employer, posts, specialty, group = rng.choice(EMPLOYERS)
        employer = employer.format(
            community=community.name,
            company=f"{street.name[:2]}{rng.choice(COMPANY_NAMES)}{rng.choice(COMPANY_KINDS)}",
        )
        second_level = None
        if level in SECOND_LEVEL and pattern in ("continuing", "new", "by_election"):
            second, chance = SECOND_LEVEL[level]
            second_level = second if rng.random() < chance else None
        deputy = Deputy(
            street=street,
            community=community,
            name=user.name if user and user.name else chinese_name(rng),
            gender=Gender.FEMALE if rng.random() < 0.42 else Gender.MALE,
            birth_year=self.today.year - rng.randint(30, 62),
            phone=f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
            employer=employer,
            post=rng.choice(posts),
            specialty=specialty,
            constituency=f"第{rng.randint(1, 24)}选区"
            if Level.DISTRICT in (level, second_level)
            else "",
            user=user,
        )
        deputy.save()
        return Person(deputy, level, pattern, group, second_level)

    def add_seats(self, person, departure):
        previous, current = self.terms[person.level]
        # Mid-term events happen in the current term once it is a year old.
        eventful = current if (self.today - current.starts_on).days >= 365 else previous
        pattern = person.pattern
        if pattern in ("continuing", "retired"):
            self.seat(person, previous, previous.starts_on, ended=(previous.ends_on, "term_end"))
        if pattern in ("continuing", "new"):
            self.seat(person, current, current.starts_on)
        if pattern == "by_election":
            began = self.mid_term(eventful)
            if eventful is previous:
                self.seat(person, previous, began, "by_election", (previous.ends_on, "term_end"))
                self.seat(person, current, current.starts_on)
            else:
                self.seat(person, current, began, "by_election")
        if pattern == "departed":
            self.seat(
                person, eventful, eventful.starts_on, ended=(self.mid_term(eventful), departure)
            )
        if person.second_level:
            second = self.terms[person.second_level][1]
            self.seat(person, second, second.starts_on)

    def mid_term(self, term):
        first = term.starts_on + datetime.timedelta(days=200)
        last = min(term.ends_on, self.today) - datetime.timedelta(days=20)
        return weekday(first + datetime.timedelta(days=self.rng.randint(0, (last - first).days)))

    def seat(self, person, term, began, how="election", ended=(None, "")):
        Membership.objects.create(
            deputy=person.deputy,
            term=term,
            began_on=began,
            began_how=how,
            ended_on=ended[0],
            ended_how=ended[1],
        )
        person.seats.append((term.level, began, ended[0]))

    # Groups

    def add_groups(self, street, people):
        for name in GROUPS:
            group = ProfessionalGroup.objects.create(street=street, name=f"{name}专业代表小组")
            members = [p.deputy for p in people if p.group == name and p.sits_on(self.today)]
            group.members.add(*members)

    # Activities and attendance

    def add_activities(self, street, people, per_year):
        """The year's activities, spread over it, and one a few days ahead."""
        start, end = self.window
        planned = self.congress_sessions()
        for kind, plan in ACTIVITY_PLAN.items():
            count = max(1, round(plan["times"] * per_year))
            for n in range(count):
                offset = int((end - start).days * (n + self.rng.random()) / count)
                planned.append((weekday(start + datetime.timedelta(days=offset)), kind, None))
        upcoming = weekday(end + datetime.timedelta(days=6))
        planned.append((upcoming, Activity.Kind.SYMPOSIUM, None))
        planned.sort(key=lambda item: (item[0], item[1]))
        communities = list(street.communities.order_by("pk").values_list("name", flat=True))
        reported, absent = set(), set()
        for day, kind, session in planned:
            if day < start or (day > end and day != upcoming):
                continue
            attendees = [p for p in people if p.sits_on(day)]
            if not attendees:
                continue
            if kind == Activity.Kind.CONGRESS:
                self.congress(street, day, session, attendees, absent)
            elif kind == Activity.Kind.REPORT_BACK:
                self.report_back(street, day, attendees, reported)
            else:
                self.activity(street, day, kind, attendees, communities, day > end)

    def congress_sessions(self):
        """The district congress's sessions in the year: the yearly one in January
        and the first session of a term that began."""
        start, end = self.window
        sessions = []
        for term in self.terms[Level.DISTRICT]:
            for year in range(start.year, end.year + 1):
                day = weekday(datetime.date(year, 1, 10))
                if term.starts_on < day <= term.ends_on:
                    number = year - term.starts_on.year + 1
                    sessions.append((day, Activity.Kind.CONGRESS, (term, number)))
            sessions.append((term.starts_on, Activity.Kind.CONGRESS, (term, 1)))
        return sessions

    def congress(self, street, day, session, attendees, absent):
        term, number = session
        delegates = [p for p in attendees if p.sits_on(day, Level.DISTRICT)]
        activity = self.new_activity(
            street,
            Activity.Kind.CONGRESS,
            day,
            f"{term_name(term)}第{chinese_numeral(number)}次会议",
            "区人大常委会",
            "临江区人民大会堂",
        )
        # A few on approved leave, one absent without leave: never the same
        # deputy twice, since two unapproved absences end a mandate.
        others = [i for i, p in enumerate(delegates) if not p.deputy.user_id]
        chosen = self.rng.sample(others, min(4, len(others)))
        missing = next((i for i in chosen if delegates[i].deputy.pk not in absent), None)
        for i, person in enumerate(delegates):
            if i == missing:
                status = Attendance.Status.ABSENT
                absent.add(person.deputy.pk)
            elif i in chosen:
                status = Attendance.Status.LEAVE
            else:
                status = Attendance.Status.ATTENDED
            self.attend(activity, person, status)

    def report_back(self, street, day, attendees, reported):
        """Each deputy reports back once a term: a few at one meeting, then the vote."""
        candidates = [
            p
            for p in attendees
            if p.deputy.constituency and p.deputy.pk not in reported and not p.deputy.user_id
        ]
        if not candidates:
            return
        constituency = self.rng.choice(candidates).deputy.constituency
        speakers = [p for p in candidates if p.deputy.constituency == constituency][:4]
        voters = self.rng.randint(52, 90)
        unsatisfied = self.rng.randint(0, 2)
        fairly = self.rng.randint(2, 8)
        activity = self.new_activity(
            street,
            Activity.Kind.REPORT_BACK,
            day,
            f"{constituency}代表向选民述职评议会",
            "青石街道人大工委",
            f"{speakers[0].deputy.community}代表联络站",
        )
        for person in speakers:
            reported.add(person.deputy.pk)
            self.attend(activity, person, Attendance.Status.ATTENDED)
            # The meeting votes on each speaker; the demo gives them the same tally.
            ReportBackBallot.objects.create(
                activity=activity,
                deputy=person.deputy,
                voters=voters,
                satisfied=voters - fairly - unsatisfied,
                basically_satisfied=fairly,
                dissatisfied=unsatisfied,
            )

    def activity(self, street, day, kind, attendees, communities, upcoming):
        plan = ACTIVITY_PLAN[kind]
        (low, high), organisers, themes = plan["deputies"], plan["organisers"], plan["themes"]
        rng = self.rng
        place = rng.choice(
            [
                "青石街道代表中心联络站",
                f"{rng.choice(communities)}代表联络站",
                "街道会议中心",
                f"{rng.choice(communities)}党群服务中心",
            ]
        )
        activity = self.new_activity(
            street, kind, day, rng.choice(themes), rng.choice(organisers), place, upcoming
        )
        invited = rng.sample(attendees, min(len(attendees), rng.randint(low, high)))
        # The demo accounts' deputies come often, so their pages have something to show.
        invited += [
            p for p in attendees if p.deputy.user_id and p not in invited and rng.random() < 0.5
        ]
        for person in invited:
            if upcoming:
                status = Attendance.Status.INVITED
            else:
                roll = rng.random()
                status = (
                    Attendance.Status.ABSENT
                    if roll < 0.03
                    else Attendance.Status.LEAVE
                    if roll < 0.12
                    else Attendance.Status.ATTENDED
                )
            self.attend(activity, person, status)

    def new_activity(self, street, kind, day, theme, organiser, place, upcoming=False, **extra):
        rng = self.rng
        outcome = (
            "" if upcoming else OUTCOMES[kind].format(n=rng.randint(4, 16), m=rng.randint(1, 4))
        )
        return Activity.objects.create(
            street=street,
            kind=kind,
            theme=theme,
            organiser=organiser.replace(MAIN_STREET, street.name),
            held_on=day,
            place=place.replace(MAIN_STREET, street.name),
            outcome=outcome,
            **extra,
        )

    def attend(self, activity, person, status):
        attendance = Attendance.objects.create(
            activity=activity, deputy=person.deputy, status=status
        )
        # Staff of the street record attendance (the demo has staff on the main street only).
        staff = self.staff if self.staff and self.staff.street_id == activity.street_id else None
        services.sync_attendance_points(attendance, by=staff)

    # Claims and staff entries

    def add_claims(self, people):
        """The demo deputies' own claims (申报) in every state, and their error reports."""
        rules = {rule.code: rule for rule in PointRule.objects.for_street(None)}
        start, today = self.window
        for person in people:
            user = person.deputy.user
            if user is None:
                continue
            deputy = person.deputy
            for code, description, state in CLAIMS:
                recent = state == "pending"
                first = today - datetime.timedelta(days=25) if recent else start
                day = first + datetime.timedelta(days=self.rng.randint(0, (today - first).days))
                entry = PointEntry(
                    deputy=deputy,
                    rule=rules[code],
                    occurred_on=day,
                    description=description.format(
                        community=deputy.community.name, n=self.rng.randint(2, 9)
                    ),
                )
                services.record_entry(entry, by=user)
                if state == "approved":
                    services.approve(entry, self.staff)
                elif state == "rejected":
                    services.reject(entry, self.staff, self.rng.choice(REJECT_REASONS))
                elif state == "withdrawn":
                    services.withdraw(entry, user)
            self.add_flags(deputy, user)

    def add_flags(self, deputy, user):
        automatic = deputy.point_entries.filter(source=PointEntry.Source.AUTO).order_by("pk")
        claims = deputy.point_entries.filter(
            source=PointEntry.Source.CLAIM, state=PointEntry.State.APPROVED
        ).order_by("pk")
        if user.username == "deputy":
            flags = [
                (automatic.first(), EntryFlag.Kind.ERROR, "活动实际举行日期与记录不符，请核对。"),
                (claims.first(), EntryFlag.Kind.DUPLICATE, "该项与自动记录的活动积分重复。"),
            ]
        else:
            flags = [
                (
                    automatic.last(),
                    EntryFlag.Kind.OMISSION,
                    "同日参加的座谈会已签到，但未见积分记录。",
                )
            ]
        for entry, kind, note in flags:
            if entry:
                services.flag(entry, user, kind, note)

    def add_staff_entries(self, people):
        """Duties staff log for deputies without an account: station duty, visits,
        suggestions, publicity."""
        if self.staff is None:
            return
        rules = {rule.code: rule for rule in PointRule.objects.for_street(None)}
        start, today = self.window
        span = (today - start).days
        for person in people:
            deputy = person.deputy
            if deputy.user_id or not person.sits_on(today) or self.rng.random() < 0.15:
                continue  # some deputies log nothing: the early warning lists them
            for _n in range(self.rng.randint(1, 2)):
                code, description = self.rng.choice(STAFF_ENTRIES)
                entry = PointEntry(
                    deputy=deputy,
                    rule=rules[code],
                    occurred_on=start + datetime.timedelta(days=self.rng.randint(0, span)),
                    description=description.format(
                        community=deputy.community.name, n=self.rng.randint(2, 9)
                    ),
                )
                services.record_entry(entry, by=self.staff)

    def publish_quarters(self, street):
        """Staff published the rankings of last year's quarters and this year's, up to
        the one before the last that ended (whose claims staff are still reviewing)."""
        if self.staff is None:
            return
        ended = [(self.today.year - 1, quarter) for quarter in range(1, 5)]
        ended += [(self.today.year, quarter) for quarter in range(1, (self.today.month + 2) // 3)]
        for year, quarter in ended[:-1]:
            services.publish_quarter(street, year, quarter, self.staff)


# Benchmark volumes

# rule code → weight among the benchmark's ledger entries
BULK_RULES = {
    RuleCode.CONGRESS_ATTENDANCE: 3,
    RuleCode.CONGRESS_ABSENCE: 0.2,
    RuleCode.INSPECTION_RESEARCH: 14,
    RuleCode.STATION_DUTY: 16,
    RuleCode.RECEIVE_CONSTITUENTS: 16,
    RuleCode.SUGGESTION_LEAD: 6,
    RuleCode.SUGGESTION_COSIGN: 8,
    RuleCode.TRAINING: 10,
    RuleCode.REPORT_BACK: 1,
    RuleCode.PUBLICITY: 6,
    RuleCode.ACTIVITY: 18,
    RuleCode.ACTIVITY_ABSENCE: 1,
    RuleCode.INSPECTION_RESEARCH_CLAIM: 4,
    RuleCode.TRAINING_CLAIM: 3,
    RuleCode.REPORT_BACK_CLAIM: 0.5,
    RuleCode.ACTIVITY_CLAIM: 4,
}
BULK_LEVELS = [(Level.DISTRICT, 75), (Level.CITY, 17), (Level.PROVINCIAL, 6), (Level.NATIONAL, 2)]


def seed_bulk(rng, count, terms, today):
    """`count` deputies spread over every street, their seats and ~100 ledger
    entries each. For speed this bypasses the services and django-simple-history
    (no historical rows) and writes with bulk_create in batches; approved
    entries still respect the rules' yearly caps."""
    streets = list(Street.objects.filter(district=DISTRICT).order_by("pk"))
    communities = {
        street.pk: list(street.communities.order_by("pk").values_list("pk", "name"))
        for street in streets
    }
    people = []
    for n in range(count):
        street = streets[n % len(streets)]
        community_id, community = rng.choice(communities[street.pk])
        employer, posts, specialty, _group = rng.choice(EMPLOYERS)
        employer = employer.format(
            community=community,
            company=f"{street.name[:2]}{rng.choice(COMPANY_NAMES)}{rng.choice(COMPANY_KINDS)}",
        )
        people.append(
            Deputy(
                street=street,
                community_id=community_id,
                name=chinese_name(rng),
                gender=Gender.FEMALE if rng.random() < 0.42 else Gender.MALE,
                birth_year=today.year - rng.randint(30, 62),
                phone=f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
                employer=employer,
                post=rng.choice(posts),
                specialty=specialty,
                constituency=f"第{rng.randint(1, 40)}选区",
                notes=BULK_NOTE,
            )
        )
    people = Deputy.objects.bulk_create(people, batch_size=BATCH)
    _bulk_memberships(rng, people, terms)
    _bulk_entries(rng, people, today)


def _bulk_memberships(rng, people, terms):
    levels, weights = zip(*BULK_LEVELS, strict=True)
    seats = []
    for deputy in people:
        previous, current = terms[rng.choices(levels, weights)[0]]
        roll = rng.random()
        if roll < 0.3 or roll > 0.97:
            seats.append(
                Membership(
                    deputy=deputy,
                    term=previous,
                    began_on=previous.starts_on,
                    ended_on=previous.ends_on,
                    ended_how=Membership.Ended.TERM_END,
                )
            )
        if roll <= 0.97:
            seats.append(Membership(deputy=deputy, term=current, began_on=current.starts_on))
    Membership.objects.bulk_create(seats, batch_size=BATCH)


def _bulk_entries(rng, people, today):
    """Automatic entries are approved; claims are in every state, but pending only in
    this quarter (staff review a quarter's claims before publishing it)."""
    rules = list(PointRule.objects.for_street(None).filter(code__in=BULK_RULES).order_by("code"))
    this_quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    weights = list(itertools.accumulate(BULK_RULES[rule.code] for rule in rules))
    start = datetime.date(today.year - 1, 1, 1)
    days = [start + datetime.timedelta(days=n) for n in range((today - start).days + 1)]
    now = timezone.now()
    reviewed = [
        min(now, timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            + datetime.timedelta(days=3))
        for day in days
    ]  # fmt: skip
    approved, pending = PointEntry.State.APPROVED, PointEntry.State.PENDING
    rejected, withdrawn = PointEntry.State.REJECTED, PointEntry.State.WITHDRAWN
    batch = []
    for deputy in people:
        used = {}
        count = rng.randint(*BULK_ENTRIES)
        for rule in rng.choices(rules, cum_weights=weights, k=count):
            index = rng.randrange(len(days))
            day = days[index]
            roll = rng.random()
            automatic = rule.code in AUTOMATIC_RULES
            if automatic or roll < 0.9 or (roll < 0.95 and day < this_quarter):
                state = approved
            else:
                state = pending if roll < 0.95 else rejected if roll < 0.98 else withdrawn
            points = rule.points
            if state == approved and rule.yearly_cap is not None and points > 0:
                key = (rule.pk, day.year)
                points = max(0, min(points, rule.yearly_cap - used.get(key, 0)))
                used[key] = used.get(key, 0) + points
            batch.append(
                PointEntry(
                    deputy_id=deputy.pk,
                    rule_id=rule.pk,
                    occurred_on=day,
                    points=points,
                    cap_reached=rule.yearly_cap if points < rule.points else None,
                    source=PointEntry.Source.AUTO if automatic else PointEntry.Source.CLAIM,
                    state=state,
                    reject_reason=REJECT_REASONS[1] if state == rejected else "",
                    reviewed_at=reviewed[index] if state in (approved, rejected) else None,
                )
            )
        if len(batch) >= BATCH:
            PointEntry.objects.bulk_create(batch)
            batch = []
    PointEntry.objects.bulk_create(batch, batch_size=BATCH)
