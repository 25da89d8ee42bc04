"""Demo data for suggestions: the district congress's sessions from the one that
opened at least ten months ago to the latest, and about 65 suggestions of the
main street's deputies (some 40 大会建议 and 25 闭会建议, the mix depending on
today's date) in every state: drafts with co-signers still to answer, awaiting
review, returned with comments, accepted, converted to opinions, assigned to
lead and co-handling units (some given back by a unit, some extended, with the
co-handling units' views), answered, evaluated (some unsatisfied, handled again
and evaluated again), in follow-up, closed or solved; a few under key
supervision with supervision entries, and a few raised from visits that the
stations' demo escalated. The demo accounts `deputy` and `deputy2` lead some
of them and are invited to co-sign others. Every step goes through the real
services, so numbers, points, co-signatures and history are what the portal
itself would write.

Each suggestion follows a planned timeline, so that the ledger, the deadlines
and the traffic light (三色督办) show a spread of ages (green, amber, red and
overdue suggestions, realistic answer times): every service is called with the
moment of its step on that timeline (`at=`), and dates what it writes from it:
the suggestion's dates and deadlines, the units' parts, answers and
evaluations, the co-signers' answers, the step trail, the points' days and the
history.

`--scale N` (N > 1) adds benchmark volumes: 2,000 × N suggestions (200,000 at
`--scale 100`) led and co-signed by the benchmark deputies of every street,
over the same sessions, in a realistic mix of states, with their unit
assignments, answers and evaluations. For speed they bypass the services and
django-simple-history (no history, steps, points or supervision entries: the
services would take hours for 200,000 suggestions) and are written with
bulk_create in batches, their fields set by the model's own step methods at the
days of their timelines (`step_in_memory`).

Running it again changes nothing: sessions are looked up before they are
created, the detailed demo is built only while the main street has no
suggestion but the benchmark ones, and the benchmark volumes only while no
suggestion led by a benchmark deputy exists.
"""

import datetime
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Max
from django.utils import timezone

from congress_portal import workflow
from congress_portal.demo import (
    DISTRICT,
    MAIN_STREET,
    account,
    chinese_name,
    demo_words,
    moment,
)
from congress_portal.models import HandlingUnit, Street, User
from congress_portal.roles import Role
from congress_portal.workdays import add_working_days
from deputies.demo import BULK_NOTE, seed_terms, weekday
from deputies.models import Deputy, Level, Membership
from liaison_stations.demo import SCHOOLS, landline, road
from liaison_stations.models import Visit

from . import services
from .deadlines import (
    ANSWER_MONTHS,
    CO_HANDLER_VIEW_MONTHS,
    add_months,
)
from .models import (
    Answer,
    CongressSession,
    CoSignature,
    Suggestion,
    Supervision,
    UnitAssignment,
    lead_deputy,
    lead_or_staff_on_paper,
    lead_unit,
)

BATCH = 5000
SUGGESTIONS_PER_SCALE = 2_000
DAY = datetime.timedelta(days=1)
# The oldest session of the demo opened at least this many days ago, so that its
# suggestions have been through the whole handling.
OLDEST_SESSION_DAYS = 300
# A session sits from its opening day to two working days later.
SITTING_WORKING_DAYS = 2
DURING, BETWEEN = Suggestion.Kind.DURING_SESSION, Suggestion.Kind.BETWEEN_SESSIONS
State, Evaluation = Suggestion.State, Suggestion.Evaluation
SATISFIED, BASICALLY, UNSATISFIED = (
    Evaluation.SATISFIED,
    Evaluation.BASICALLY_SATISFIED,
    Evaluation.UNSATISFIED,
)
WORDS = demo_words(__file__)
COMMITTEE = WORDS["committee"]
VISIT_LINKS = 4
TOPICS = WORDS["topics"]
VISIT_TOPICS = WORDS["visit_topics"]
ANSWERS = WORDS["answers"]
AGAIN = WORDS["again"]
EVALUATION_COMMENTS = WORDS["evaluation_comments"]
RETURN_COMMENTS = WORDS["return_comments"]
REVISIONS = WORDS["revisions"]
OPINION_REASONS = WORDS["opinion_reasons"]
GIVE_BACK = WORDS["give_back"]
CO_GIVE_BACK = WORDS["co_give_back"]
CO_VIEWS = WORDS["co_views"]
EXTENSION_REASONS = WORDS["extension_reasons"]
SUPERVISION_NOTES = WORDS["supervision_notes"]
FROM_VISIT = WORDS["from_visit"]
POSTS = WORDS["posts"]


def seed(ctx):
    today = timezone.localdate()
    calendar = Calendar(seed_sessions(today), today)
    main = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    ours = Suggestion.objects.filter(street=main).exclude(lead__notes=BULK_NOTE)
    if not ours.exists():
        DemoBuilder(ctx.random("suggestions"), calendar).build(main)
    if ctx.scale > 1 and not Suggestion.objects.filter(lead__notes=BULK_NOTE).exists():
        # A generator of its own, so the volumes do not depend on whether the
        # detailed demo was built in this run or an earlier one.
        seed_bulk(ctx.random("suggestions-bulk"), ctx.scaled(SUGGESTIONS_PER_SCALE), calendar)


# Sessions


def session_openings(term):
    """(number, opening day) of a district term's sessions: the first when the
    term begins, then one around 10 January every year, as deputies/demo.py has
    the congress meet."""
    yield 1, term.starts_on
    for year in range(term.starts_on.year + 1, term.ends_on.year + 1):
        day = weekday(datetime.date(year, 1, 10))
        if day <= term.ends_on:
            yield year - term.starts_on.year + 1, day


def seed_sessions(today):
    """The district congress's sessions that opened by today, from the latest
    one that opened at least OLDEST_SESSION_DAYS ago."""
    openings = sorted(
        (
            (day, term, number)
            for term in seed_terms(today)[Level.DISTRICT]
            for number, day in session_openings(term)
            if day <= today
        ),
        key=lambda opening: opening[0],
    )
    oldest = min(openings[-1][0] - DAY, today - OLDEST_SESSION_DAYS * DAY)
    first = max(n for n, opening in enumerate(openings) if opening[0] <= oldest)
    sessions = []
    for day, term, number in openings[first:]:
        session, _created = CongressSession.objects.get_or_create(
            term=term,
            number=number,
            defaults={
                "opens_on": day,
                "closes_on": add_working_days(day, SITTING_WORKING_DAYS),
            },
        )
        sessions.append(session)
    return sessions


class Calendar:
    """The demo's sessions: which one a day belongs to, and the days they sit."""

    def __init__(self, sessions, today):
        self.sessions = sorted(sessions, key=lambda session: session.opens_on)
        self.today = today
        self.first = self.sessions[0].opens_on
        self.sitting = {}
        for session in self.sessions:
            day = session.opens_on
            while day <= min(session.closes_on, today):
                self.sitting[day] = session
                day += DAY

    def session_on(self, day):
        """The session sitting on the day or, between sessions, the one before."""
        return next(s for s in reversed(self.sessions) if s.opens_on <= day)

    def days(self, kind, low, high):
        """The days from low to high (within the demo's sessions and today) on
        which a suggestion of `kind` is submitted: a session's sitting days, or
        the working days between sessions."""
        low, high = max(low, self.first), min(high, self.today)
        if kind == DURING:
            return [day for day in self.sitting if low <= day <= high]
        days = (low + n * DAY for n in range((high - low).days + 1))
        return [day for day in days if day.weekday() < 5 and day not in self.sitting]

    def submission(self, rng, kind, low, high):
        """A day from low to high to submit a suggestion of `kind` on, or of the
        other kind when `kind` has none."""
        other = BETWEEN if kind == DURING else DURING
        days = self.days(kind, low, high) or self.days(other, low, high)
        return rng.choice(days) if days else max(self.first, min(high, self.today))


# Steps and timelines


def step_in_memory(suggestion, day, step, arguments, number=None):
    """A benchmark suggestion's step, at the day: the model's own method, without
    the rows the services write around it (BulkBuilder makes those)."""
    if step == "draft":
        return
    if step == "file_view" or (
        step == "give_back" and arguments["role"] != UnitAssignment.Role.LEAD
    ):
        suggestion.check_step(step)  # only the unit's part changes
        return
    if step == "give_back":
        step, arguments = "unassign", {}
    elif step == "assign":
        arguments = {}  # the units are the builder's
    elif step == "accept":
        arguments = {"number": number, "pending_cosigners": []}
    elif step == "answer":
        arguments = {**arguments, "answered_on": day}
    getattr(suggestion, step)(at=moment(day), **arguments)


@dataclass
class Plan:
    """A suggestion to build: who leads it, when it is submitted (drafted, for a
    draft) and its timeline [(day, step, arguments)]."""

    scenario: str
    day: datetime.date
    session: CongressSession
    lead: Deputy | None = None
    cosigners: list = field(default_factory=list)
    topic: dict | None = None
    visit: Visit | None = None
    steps: list = field(default_factory=list)
    # Set while it is built:
    names: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    suggestion: Suggestion | None = None

    @property
    def kind(self):
        return self.session.kind_on(self.day)

    def add(self, day, step, **arguments):
        self.steps.append((day, step, arguments))

    def in_order(self):
        """The steps by day; those of one day in the order they were planned."""
        order = sorted(range(len(self.steps)), key=lambda k: (self.steps[k][0], k))
        return [self.steps[k] for k in order]


class Seats:
    """The district seats of some deputies: who sits in a term on a day."""

    def __init__(self, deputies, terms):
        self.seats = defaultdict(list)
        memberships = Membership.objects.filter(deputy__in=deputies, term__in=terms)
        for deputy_id, term_id, began, ended in memberships.values_list(
            "deputy_id", "term_id", "began_on", "ended_on"
        ):
            self.seats[deputy_id].append((term_id, began, ended))

    def holds(self, deputy, term_id, day):
        return any(
            term == term_id and began <= day and (ended is None or day <= ended)
            for term, began, ended in self.seats.get(deputy.pk, ())
        )


# The detailed demo: scenario → the preferred kind of each of its suggestions
# (D: 大会建议, B: 闭会建议; the other kind when no day of the preferred one fits).
SCENARIOS = [
    ("draft", "BBBB"),
    ("submitted", "DBB"),
    ("returned", "BBD"),
    ("accepted", "DDD"),
    ("given_back", "DD"),
    ("opinion", "DDB"),
    ("green", "DDDDDB"),
    ("amber", "BB"),
    ("red", "DBB"),
    ("overdue", "DBB"),
    ("extended", "DDB"),
    ("reassigned", "DD"),
    ("answered", "DDDB"),
    ("reviewing", "DB"),
    ("rehandling", "DDB"),
    ("follow_up", "DDDD"),
    ("closed", "DDDDDDDB"),
    ("explained", "DDB"),
    ("solved", "DDD"),
    ("rehandled", "DDB"),
]
KINDS = {"D": DURING, "B": BETWEEN}
# Of these, the demo accounts `deputy` and `deputy2` lead every eighth, from the
# first and the fifth.
ACCOUNT_EVERY = 8
# Scenarios whose suggestion may have been raised from a visit still waiting for it.
FROM_VISITS = {"draft", "submitted", "returned", "accepted", "green", "amber", "red", "answered"}


class DemoBuilder:
    """The detailed demo of the main street, through the services."""

    def __init__(self, rng, calendar):
        self.rng, self.calendar, self.today = rng, calendar, calendar.today
        self.staff = User.objects.filter(username="staff").first()
        # The demo's unit login (the stations' demo opens it): it answers for review.
        self.unit_account = User.objects.filter(username="unit").first()
        leader = User.objects.filter(username="leader").first()
        self.supervisors = [
            f"街道人大工委主任{leader.name if leader and leader.name else chinese_name(rng)}",
            f"区人大常委会副主任{chinese_name(rng)}",
        ]
        self.units = {unit.name: unit for unit in HandlingUnit.objects.filter(active=True)}
        self.titles = set()
        self.made = 0  # plans made so far

    def build(self, main):
        if self.staff is None or not self.units or self.unit_account is None:
            return  # no one to take the staff's steps, or nowhere to assign
        self.deputies = list(
            Deputy.objects.filter(street=main)
            .exclude(notes=BULK_NOTE)
            .select_related("user", "community", "street")
            .order_by("pk")
        )
        terms = {session.term_id for session in self.calendar.sessions}
        self.seats = Seats(self.deputies, terms)
        self.accounts = sorted(
            (deputy for deputy in self.deputies if deputy.user_id),
            key=lambda deputy: deputy.user.username,
        )
        topics = list(range(len(TOPICS)))
        self.rng.shuffle(topics)
        self.topics = itertools.cycle(topics)
        plans = []
        for scenario, kinds in SCENARIOS:
            for n, kind in enumerate(kinds):
                self.made = len(plans)
                plans.append(getattr(self, scenario)(KINDS[kind], n))
        self.link_visits(plans, main)
        for plan in plans:
            self.resolve(plan)
        self.open_accounts({plan.lead for plan in plans}, main)
        self.run(plans)

    def open_accounts(self, leads, main):
        """Lead deputies submit and evaluate from their own login: the committee
        opens one (by phone number, no password yet) for each who has none."""
        for deputy in sorted(leads, key=lambda deputy: deputy.pk):
            if deputy.user_id is None:
                deputy.user = account(deputy.phone, Role.DEPUTY, main, deputy.name)
                deputy.save(update_fields=["user"])

    # Planning: who and when

    def pick(self, low, high):
        """A day from low to high (high when low is later), never after today."""
        high = min(high, self.today)
        if low >= high:
            return high
        return low + self.rng.randint(0, (high - low).days) * DAY

    def later(self, day, low, high):
        return min(day + self.rng.randint(low, high) * DAY, self.today)

    def chain(self, start, gaps):
        """One day after another from `start`, each (low, high) days after the
        last, shortened so that the last is by today."""
        days, day = [], start
        for n, (low, high) in enumerate(gaps):
            room = (self.today - day).days - (len(gaps) - n - 1)
            day += max(1, min(self.rng.randint(low, high), room)) * DAY
            days.append(day)
        return days

    def begin(self, scenario, kind, low, high):
        """A plan submitted (a draft: drafted) between low and high, its lead and co-signers."""
        rng = self.rng
        day = self.calendar.submission(rng, kind, low, high)
        plan = Plan(scenario, day, self.calendar.session_on(day))
        seated = [d for d in self.deputies if self.seats.holds(d, plan.session.term_id, day)]
        others = [d for d in seated if not d.user_id]
        account, turn = None, self.made % ACCOUNT_EVERY
        if turn in (0, ACCOUNT_EVERY // 2) and self.accounts:
            account = self.accounts[turn // (ACCOUNT_EVERY // 2) % len(self.accounts)]
        plan.lead = account if account in seated else rng.choice(others or seated)
        others = [d for d in others if d != plan.lead]
        plan.cosigners = rng.sample(others, min(len(others), rng.choice((0, 1, 2, 2, 3, 4))))
        # The demo accounts co-sign now and then, and are asked to on the newest.
        for deputy in self.accounts:
            newest = scenario in ("draft", "submitted")
            if deputy != plan.lead and deputy in seated and (newest or rng.random() < 0.15):
                plan.cosigners.append(deputy)
        plan.topic = TOPICS[next(self.topics)]
        return plan

    def drafting(self, plan, until, pending=False):
        """The draft, a few days before it is submitted, and the co-signers'
        answers by `until`; with `pending`, the demo accounts and some others
        have not answered yet."""
        rng = self.rng
        start = plan.day
        if plan.scenario != "draft":
            start -= rng.randint(0, 2 if plan.kind == DURING else 8) * DAY
        plan.add(start, "draft")
        for deputy in plan.cosigners:
            if pending and (deputy.user_id or rng.random() < 0.5):
                continue
            day = max(start, min(start + rng.randint(0, 4) * DAY, until))
            plan.add(day, "cosign", deputy=deputy, confirm=rng.random() < 0.9)

    def review(self, plan, accept, returned=False):
        """Drafted, submitted, perhaps returned and submitted again, and accepted."""
        self.drafting(plan, until=accept - DAY)
        plan.add(plan.day, "submit")
        span = (accept - plan.day).days
        if returned and span >= 4:
            back = plan.day + self.rng.randint(1, span - 3) * DAY
            again = self.pick(back + DAY, accept - DAY)
            plan.add(back, "return_for_revision", comment=self.rng.choice(RETURN_COMMENTS))
            plan.add(again, "revise")
            plan.add(again, "submit")
        plan.add(accept, "accept")

    def assigned(self, scenario, kind, low, high, co=0, wrong=False, returned=False):
        """A plan accepted and then assigned on a day from low to high, submitted
        4 to 45 days before (on a day of `kind` if one fits); returns it and the day."""
        plan = self.begin(scenario, kind, low - 45 * DAY, high - 4 * DAY)
        assign = self.pick(max(low, plan.day + 4 * DAY), min(high, plan.day + 45 * DAY))
        span = (assign - plan.day).days
        accept = plan.day + max(1, min(span - 1, round(span * self.rng.uniform(0.3, 0.7)))) * DAY
        self.review(plan, accept, returned)
        plan.add(assign, "assign", co=co, wrong=wrong)
        return plan, assign

    def by_deadline(self, scenario, kind, low, high, months=ANSWER_MONTHS, **options):
        """A plan assigned so that its answer, due `months` later, is due from
        `low` to `high` days from today; returns it and the day it was assigned."""
        back = relativedelta(months=months)
        first, last = (self.today + days * DAY - back for days in (low, high))
        return self.assigned(scenario, kind, first, last, **options)

    def view(self, plan, assign, answer):
        """A co-handling unit's view, within its month and before the answer."""
        due = add_months(assign, CO_HANDLER_VIEW_MONTHS)
        plan.add(self.pick(assign + 5 * DAY, min(due, answer - DAY)), "file_view")

    def key(self, plan, day, chases=1, until=None):
        """Under key supervision from `day`, and chased that many times after
        (by `until`, while units handle it)."""
        supervisor = self.rng.choice(self.supervisors)
        plan.add(day, "mark_key", supervisor=supervisor)
        self.chase(plan, day, chases, supervisor, until)

    def chase(self, plan, after, times, by="", until=None):
        """Supervision entries, by the committee unless `by` a leader."""
        until = min(after + 40 * DAY, until or self.today)
        for day in sorted(self.pick(after, until) for _n in range(times)):
            plan.add(day, "supervise", by=by)

    # Planning: the scenarios

    def draft(self, kind, n):
        plan = self.begin("draft", kind, self.today - 15 * DAY, self.today)
        self.drafting(plan, until=self.today, pending=True)
        return plan

    def submitted(self, kind, n):
        plan = self.begin("submitted", kind, self.today - 12 * DAY, self.today - DAY)
        self.drafting(plan, until=self.today, pending=True)
        plan.add(plan.day, "submit")
        return plan

    def returned(self, kind, n):
        plan = self.begin("returned", kind, self.today - 25 * DAY, self.today - 3 * DAY)
        self.drafting(plan, until=self.today)
        plan.add(plan.day, "submit")
        comment = self.rng.choice(RETURN_COMMENTS)
        plan.add(self.later(plan.day, 1, 3), "return_for_revision", comment=comment)
        return plan

    def accepted(self, kind, n):
        plan = self.begin("accepted", kind, self.today - 45 * DAY, self.today - 4 * DAY)
        accept = self.pick(max(plan.day + 2 * DAY, self.today - 20 * DAY), self.today - DAY)
        self.review(plan, accept)
        if n == 0:
            self.key(plan, self.later(accept, 0, 3))
        return plan

    def given_back(self, kind, n):
        """Accepted again: the lead unit it was assigned to gave it back."""
        low, high = self.today - 25 * DAY, self.today - 8 * DAY
        plan, assign = self.assigned("given_back", kind, low, high, co=n, wrong=True)
        back = min(add_working_days(assign, self.rng.randint(1, 6)), self.today)
        plan.add(back, "give_back", role=UnitAssignment.Role.LEAD)
        return plan

    def opinion(self, kind, n):
        plan = self.begin("opinion", kind, self.calendar.first, self.today - 10 * DAY)
        convert = self.later(plan.day, 3, 12)
        self.drafting(plan, until=convert - DAY)
        plan.add(plan.day, "submit")
        reason = OPINION_REASONS[n % len(OPINION_REASONS)]
        plan.add(convert, "convert_to_opinion", reason=reason)
        return plan

    def green(self, kind, n):
        low, high = self.today - 55 * DAY, self.today - 3 * DAY
        plan, assign = self.assigned("green", kind, low, high, co=n % 2, returned=n == 2)
        if n == 1:
            plan.add(self.later(assign, 5, 20), "file_view")
        if n == 3:
            back = min(add_working_days(assign, self.rng.randint(1, 5)), self.today)
            plan.add(back, "give_back", role=UnitAssignment.Role.CO)
        return plan

    def amber(self, kind, n):
        plan, _assign = self.by_deadline("amber", kind, 17, 27, co=int(n == 0))
        return plan

    def red(self, kind, n):
        plan, assign = self.by_deadline("red", kind, 1, 11, co=int(n == 1))
        if n == 0:
            self.chase(plan, assign + 60 * DAY, 1)
        return plan

    def overdue(self, kind, n):
        plan, assign = self.by_deadline("overdue", kind, -45, -4, co=int(n == 2))
        due = add_months(assign, ANSWER_MONTHS)
        if n == 0:
            self.key(plan, self.pick(assign + 20 * DAY, due), chases=2)
        else:
            self.chase(plan, due + DAY, 1)
        return plan

    def extended(self, kind, n):
        """Extended by 1 to 3 months: now due in a month or more, soon, or overdue."""
        months = self.rng.randint(1, 3)
        low, high = [(35, 80), (3, 25), (-30, -3)][n % 3]
        total = ANSWER_MONTHS + months
        plan, assign = self.by_deadline("extended", kind, low, high, total, co=int(n == 0))
        due = add_months(assign, ANSWER_MONTHS)
        reason = self.rng.choice(EXTENSION_REASONS)
        extend = self.pick(assign + 30 * DAY, due - DAY)
        plan.add(extend, "extend", months=months, reason=reason)
        if n == 2:
            self.key(plan, self.later(extend, 1, 10), chases=2)
        return plan

    def reassigned(self, kind, n):
        """Given back by the unit first assigned, and assigned to the right one."""
        low, high = self.today - 75 * DAY, self.today - 20 * DAY
        plan, first = self.assigned("reassigned", kind, low, high, wrong=True)
        back = min(add_working_days(first, self.rng.randint(2, 6)), self.today)
        plan.add(back, "give_back", role=UnitAssignment.Role.LEAD)
        plan.add(self.later(back, 2, 8), "assign", co=n % 2, wrong=False)
        return plan

    def answered(self, kind, n):
        """Awaiting the deputy's evaluation, answered in the last 20 days; one late."""
        late = n == 3
        (first, last), (quick, slow) = ((96, 130), (95, 110)) if late else ((26, 105), (25, 85))
        low, high = self.today - last * DAY, self.today - first * DAY
        plan, assign = self.assigned("answered", kind, low, high, co=n % 2)
        low, high = self.today - 20 * DAY, self.today - DAY
        answer = self.pick(max(assign + quick * DAY, low), min(assign + slow * DAY, high))
        if n % 2:
            self.view(plan, assign, answer)
        plan.add(answer, "answer", answer_class=self.rng.choice("ABBCD"))
        return plan

    def reviewing(self, kind, n):
        """The demo unit's answer awaiting the committee's review, sent in the last 10
        days; one returned once to be improved and sent again."""
        low, high = self.today - 80 * DAY, self.today - 30 * DAY
        plan, assign = self.assigned("reviewing", kind, low, high)
        sent = self.pick(self.today - 10 * DAY, self.today - DAY)
        if n:
            plan.add(sent - 5 * DAY, "submit_answer", answer_class="B")
            plan.add(sent - 3 * DAY, "return_answer")
        plan.add(sent, "submit_answer", answer_class=self.rng.choice("AB"))
        return plan

    def rehandling(self, kind, n):
        """Evaluated unsatisfied 3 to 25 days ago, handled again and due within
        the month; one evaluated 35 to 60 days ago, overdue."""
        recent, old = (35, 60) if n == 2 else (3, 25)
        today = self.today
        low, high = today - (old + 100) * DAY, today - (recent + 30) * DAY
        plan, assign = self.assigned("rehandling", kind, low, high)
        low, high = today - (old + 20) * DAY, today - (recent + 5) * DAY
        answer = self.pick(max(assign + 25 * DAY, low), min(assign + 80 * DAY, high))
        low, high = today - old * DAY, today - recent * DAY
        evaluated = self.pick(max(answer + 5 * DAY, low), min(answer + 20 * DAY, high))
        plan.add(answer, "answer", answer_class=self.rng.choice("BCD"))
        plan.add(evaluated, "evaluate", evaluation=UNSATISFIED)
        if n == 0:
            self.key(plan, self.later(evaluated, 1, 5))
        return plan

    def follow_up(self, kind, n):
        """B or C answers, evaluated: followed up until solved."""
        plan, days = self.answered_plan("follow_up", kind, n, 120, self.rng.choice("BBC"))
        plan.add(days[3], "evaluate", evaluation=self.rng.choice([SATISFIED, SATISFIED, BASICALLY]))
        return plan

    def closed(self, kind, n):
        plan, days = self.answered_plan("closed", kind, n, 100, "A")
        evaluation = SATISFIED if self.rng.random() < 0.8 else BASICALLY
        plan.add(days[3], "evaluate", evaluation=evaluation)
        if n == 2:
            assign, answer = days[1:3]
            self.key(plan, self.pick(assign + DAY, answer - 20 * DAY), until=answer - DAY)
        return plan

    def explained(self, kind, n):
        """D answers: kept for reference or explained, and closed."""
        plan, days = self.answered_plan("explained", kind, n, 100, "D")
        plan.add(days[3], "evaluate", evaluation=self.rng.choice([SATISFIED, BASICALLY, BASICALLY]))
        return plan

    def solved(self, kind, n):
        """Followed up and marked solved."""
        answer_class = self.rng.choice("BC")
        plan, days = self.answered_plan("solved", kind, n, 200, answer_class, [(30, 150)])
        plan.add(days[3], "evaluate", evaluation=SATISFIED)
        plan.add(days[4], "mark_solved")
        return plan

    def rehandled(self, kind, n):
        """Unsatisfied, handled again and answered within the month, evaluated again."""
        plan, days = self.answered_plan(
            "rehandled", kind, n, 160, self.rng.choice("BCD"), [(7, 28), (3, 15)]
        )
        plan.add(days[3], "evaluate", evaluation=UNSATISFIED)
        plan.add(days[4], "answer", answer_class="A" if n < 2 else "B")
        plan.add(days[5], "evaluate", evaluation=self.rng.choice([SATISFIED, BASICALLY]))
        return plan

    def answered_plan(self, scenario, kind, n, latest, answer_class, gaps=()):
        """handled(), with an evaluation (and `gaps`) after the answer."""
        plan = self.begin(scenario, kind, self.calendar.first, self.today - latest * DAY)
        days = self.chain(plan.day, [(3, 20), (3, 15), (20, 80), (5, 20), *gaps])
        accept, assign, answer = days[:3]
        self.review(plan, accept, returned=n == 1)
        co = int(n % 3 == 0)
        plan.add(assign, "assign", co=co)
        if co:
            self.view(plan, assign, answer)
        plan.add(answer, "answer", answer_class=answer_class)
        return plan, days

    def link_visits(self, plans, main):
        """A few visits the stations' demo escalated (raised as a suggestion) and
        that wait for it: a suggestion between sessions submitted after the
        visit, now led by a deputy who received it."""
        escalated = (
            Visit.objects.in_street(main)
            .filter(state=Visit.State.ESCALATED)
            .select_related("station")
            .prefetch_related("deputies")
            .order_by("received_on", "pk")
        )
        ours = {deputy.pk: deputy for deputy in self.deputies}
        linked = 0
        for visit in escalated:
            received_by = [ours[d.pk] for d in visit.deputies.all() if d.pk in ours]
            for plan in plans:
                if (
                    plan.visit
                    or plan.scenario not in FROM_VISITS
                    or plan.kind != BETWEEN
                    or plan.steps[0][0] < visit.received_on + 3 * DAY  # drafted after it
                ):
                    continue
                leads = [
                    deputy
                    for deputy in received_by
                    if self.seats.holds(deputy, plan.session.term_id, plan.day)
                    and (deputy == plan.lead or not plan.lead.user_id)
                ]
                if leads:
                    plan.visit, plan.lead = visit, leads[0]
                    plan.cosigners = [d for d in plan.cosigners if d != plan.lead]
                    plan.topic = TOPICS[self.rng.choice(VISIT_TOPICS[visit.category])]
                    linked += 1
                    break
            if linked == VISIT_LINKS:
                return

    # Building

    def resolve(self, plan):
        """The plan's words and units, from its topic and its lead's community."""
        rng, deputy = self.rng, plan.lead
        community = deputy.community.name if deputy.community else deputy.street.name
        plan.names = {
            "community": community,
            "road": road(community),
            "school": rng.choice(SCHOOLS),
            "street": deputy.street.name,
        }
        first = plan.topic["title"].format(**plan.names)
        variants = [first.replace("关于", f"关于{word}", 1) for word in ("进一步", "切实")]
        title = next((t for t in [first, *variants] if t not in self.titles), first)
        self.titles.add(title)
        plan.names["title"] = title

        def units(names):
            found = (self.units.get(name.format(**plan.names)) for name in names)
            return [unit for unit in found if unit]

        office = self.units.get(f"{deputy.street.name}办事处")
        leads = units(plan.topic["units"]) or [office or next(iter(self.units.values()))]
        lead = rng.choice(leads)
        if plan.scenario == "reviewing":  # answered from the demo's unit login
            lead = self.unit_account.handling_unit
        departments = [
            unit
            for unit in self.units.values()
            if unit.kind == HandlingUnit.Kind.DEPARTMENT and unit not in leads
        ]
        co = units(plan.topic["co"]) + [office, *departments]
        co = list(dict.fromkeys(unit for unit in co if unit and unit != lead))[:2]
        # The unit first assigned by mistake, for the scenarios where it gives it back.
        wrong = [unit for unit in departments if unit not in co] or [office]
        plan.units = {"lead": lead, "co": co, "wrong": rng.choice(wrong)}

    def run(self, plans):
        """Every plan's steps through the services, in the order of their days,
        each at its moment of the day."""
        events = sorted(
            (day, n, k) for n, plan in enumerate(plans) for k, (day, *_r) in enumerate(plan.steps)
        )
        for day, n, k in events:
            plan = plans[n]
            _day, step, arguments = plan.steps[k]
            self.take(plan, day, moment(day, k), step, arguments)

    def take(self, plan, day, at, step, arguments):
        staff, lead = self.staff, plan.lead.user
        visits = [plan.visit] if plan.visit else []
        if step == "draft":
            reasons = plan.topic["reasons"].format(**plan.names)
            if plan.visit:
                station, matter = plan.visit.station.name, plan.visit.matter
                reasons = FROM_VISIT.format(station=station, matter=matter) + reasons
            suggestion = Suggestion(
                lead=plan.lead,
                session=plan.session,
                kind=plan.kind,
                title=plan.names["title"],
                category=plan.topic["category"],
                reasons=reasons,
                proposals=plan.topic["proposals"].format(**plan.names),
            )
            plan.suggestion = services.save_draft(suggestion, lead, plan.cosigners, visits, at=at)
            return
        suggestion = plan.suggestion
        if step == "revise":
            suggestion = Suggestion.objects.get(pk=suggestion.pk)
            suggestion.reasons += REVISIONS
            plan.suggestion = services.save_draft(suggestion, lead, plan.cosigners, visits, at=at)
        elif step == "cosign":
            deputy = arguments["deputy"]
            cosignature = suggestion.cosignatures.get(deputy=deputy)
            by = deputy.user or staff
            services.answer_invitation(cosignature, arguments["confirm"], by, at=at)
        elif step == "supervise":
            unit = plan.units["lead"]
            services.supervise(
                suggestion,
                staff,
                self.rng.choice(Supervision.Method.values),
                arguments["by"] or COMMITTEE.format(street=plan.names["street"]),
                self.rng.choice(SUPERVISION_NOTES).format(unit=unit),
                on=day,
            )
        else:
            who = Suggestion.STEPS[step].who
            by = (
                lead
                if who in (lead_deputy, lead_or_staff_on_paper)
                else self.unit_account
                if who is lead_unit
                else staff
            )
            extra = self.step_arguments(plan, day, step, arguments)
            if extra.get("assignment", True) is None:
                return  # no such unit among those assigned
            plan.suggestion = workflow.take_step(suggestion, step, by, at=at, **extra)

    def step_arguments(self, plan, day, step, arguments):
        """What the service takes for the step: the units, the words."""
        rng, suggestion = self.rng, plan.suggestion
        if step == "assign":
            unit = plan.units["wrong" if arguments.get("wrong") else "lead"]
            return {
                "lead_unit": unit,
                "person_responsible": f"{chinese_name(rng)}（{rng.choice(POSTS)}）",
                "contact": unit.contact_phone or landline(rng),
                "co_units": plan.units["co"][: arguments["co"]],
            }
        if step == "give_back":
            role = arguments["role"]
            part = suggestion.assignments.filter(returned_on=None, role=role).first()
            lead = role == UnitAssignment.Role.LEAD
            reason = GIVE_BACK.format(unit=plan.units["lead"]) if lead else CO_GIVE_BACK
            return {"assignment": part, "reason": reason}
        if step == "file_view":
            part = suggestion.assignments.filter(
                returned_on=None, role=UnitAssignment.Role.CO, view_filed_on=None
            ).first()
            return {"assignment": part, "view": rng.choice(CO_VIEWS)}
        if step == "answer":
            answer_class = arguments["answer_class"]
            names = {**plan.names, "unit": plan.units["lead"]}
            text = ANSWERS[answer_class].format(
                **names,
                done=plan.topic["done"].format(**names),
                plan=plan.topic["plan"].format(**names),
            )
            if suggestion.times_rehandled:
                text = AGAIN.format(unit=names["unit"]) + text.split("：", 1)[1]
            return {"text": text, "answer_class": answer_class, "answered_on": day}
        if step == "submit_answer":
            answer = self.step_arguments(plan, day, "answer", arguments)
            del answer["answered_on"]  # dated the day it is sent
            return {
                **answer,
                "met_by": f"{chinese_name(rng)}（{rng.choice(POSTS)}）",
                "met_on": day,
            }
        if step == "return_answer":
            return {"comment": rng.choice(RETURN_COMMENTS)}
        if step == "evaluate":
            evaluation = arguments["evaluation"]
            return {
                "evaluation": evaluation,
                "comment": rng.choice(EVALUATION_COMMENTS[evaluation]),
            }
        return arguments


# Benchmark volumes

# Shares of the benchmark suggestions submitted while a session sits (大会建议)
# and between sessions (闭会建议).
BULK_KINDS = {DURING: 60, BETWEEN: 40}
BULK_ANSWER_CLASSES = {"A": 45, "B": 30, "C": 12, "D": 13}
BULK_EVALUATIONS = {SATISFIED: 70, BASICALLY: 24, UNSATISFIED: 6}
BULK_CO_UNITS = {0: 70, 1: 24, 2: 6}
BULK_COSIGNERS = {0: 45, 1: 35, 2: 20}


def pick_weighted(rng, weights):
    return rng.choices(list(weights), list(weights.values()))[0]


def bulk_timeline(rng, submitted, kind, today):
    """Every step of a benchmark suggestion submitted on the day, [(day, step,
    arguments)], up to today. Most are answered within the deadline, some late
    and a few never: overdue."""
    during = kind == DURING
    steps = [(submitted - rng.randint(0, 2 if during else 8) * DAY, "draft", {})]
    if submitted >= today - 30 * DAY and rng.random() < 0.2:
        return steps  # still being written
    steps.append((submitted, "submit", {}))
    day, roll = submitted, rng.random()
    if roll < 0.03:
        reason = rng.choice(OPINION_REASONS)
        steps.append((day + rng.randint(3, 15) * DAY, "convert_to_opinion", {"reason": reason}))
        return _up_to(steps, today)
    if roll < 0.1:
        day += rng.randint(1, 5) * DAY
        steps.append((day, "return_for_revision", {"comment": rng.choice(RETURN_COMMENTS)}))
        day += rng.randint(3, 30) * DAY
        steps.append((day, "submit", {}))
    day += rng.randint(*((5, 30) if during else (2, 12))) * DAY
    steps.append((day, "accept", {}))
    co = pick_weighted(rng, BULK_CO_UNITS)
    day += rng.randint(2, 20) * DAY
    steps.append((day, "assign", {"co": co}))
    if rng.random() < 0.03:
        day = add_working_days(day, rng.randint(1, 7))
        steps.append((day, "give_back", {"role": UnitAssignment.Role.LEAD}))
        day += rng.randint(2, 10) * DAY
        steps.append((day, "assign", {"co": co}))
    assigned, due = day, add_months(day, ANSWER_MONTHS)
    extension = None
    if rng.random() < 0.06:
        months = rng.randint(1, 3)
        reason = rng.choice(EXTENSION_REASONS)
        extension = (
            assigned + rng.randint(40, 80) * DAY,
            "extend",
            {"months": months, "reason": reason},
        )
        due = add_months(assigned, ANSWER_MONTHS + months)
    roll = rng.random()
    if roll < 0.83:
        answered = assigned + rng.randint(15, max(15, (due - assigned).days - 1)) * DAY
    elif roll < 0.96:
        answered = due + rng.randint(1, 45) * DAY
    else:
        answered = due + 400 * DAY  # never
    # What happens while the units handle it, before the answer.
    side = [
        (assigned + rng.randint(5, 35) * DAY, "file_view", {})
        for _n in range(co)
        if rng.random() < 0.85
    ]
    if extension:
        side.append(extension)
    if rng.random() < 0.02:
        supervisor = f"区人大常委会副主任{chinese_name(rng)}"
        side.append((assigned + rng.randint(1, 30) * DAY, "mark_key", {"supervisor": supervisor}))
    steps += sorted((step for step in side if step[0] < answered), key=lambda step: step[0])
    answer_class = pick_weighted(rng, BULK_ANSWER_CLASSES)
    steps.append((answered, "answer", {"answer_class": answer_class}))
    day = answered + rng.randint(3, 25) * DAY
    evaluation = pick_weighted(rng, BULK_EVALUATIONS)
    steps.append((day, "evaluate", {"evaluation": evaluation}))
    if evaluation == UNSATISFIED:
        day += rng.randint(7, 40) * DAY
        answer_class = rng.choices("ABC", (50, 40, 10))[0]
        steps.append((day, "answer", {"answer_class": answer_class}))
        day += rng.randint(3, 20) * DAY
        evaluation = rng.choice([SATISFIED, BASICALLY])
        steps.append((day, "evaluate", {"evaluation": evaluation}))
    if answer_class in Suggestion.FOLLOWED_UP_CLASSES and rng.random() < 0.5:
        steps.append((day + rng.randint(30, 240) * DAY, "mark_solved", {}))
    return _up_to(steps, today)


def _up_to(steps, today):
    return list(itertools.takewhile(lambda step: step[0] <= today, steps))


class BulkBuilder:
    """The benchmark suggestions, in batches, with their co-signatures, unit
    assignments and answers."""

    def __init__(self, rng, calendar):
        self.rng, self.calendar, self.today = rng, calendar, calendar.today
        self.units = {unit.name: unit for unit in HandlingUnit.objects.filter(active=True)}
        self.departments = [
            unit for unit in self.units.values() if unit.kind == HandlingUnit.Kind.DEPARTMENT
        ]
        self.words = {}  # (topic, community, street) → the words and units of a suggestion
        self.answers = {}  # (topic, community, street, unit, class) → the answer's text
        sessions = [session.pk for session in calendar.sessions]
        numbered = Suggestion.objects.filter(session__in=sessions).values_list("session")
        self.numbers = dict(numbered.annotate(last=Max("number")))
        # term pk → [(deputy pk, street pk, street, community)]; (term, street) → deputy pks
        self.deputies, self.streets = defaultdict(list), defaultdict(list)
        seats = Membership.objects.filter(
            deputy__notes=BULK_NOTE, term__in={session.term_id for session in calendar.sessions}
        ).order_by("pk")
        for term, deputy, street_pk, street, community in seats.values_list(
            "term_id",
            "deputy_id",
            "deputy__street_id",
            "deputy__street__name",
            "deputy__community__name",
        ):
            self.deputies[term].append((deputy, street_pk, street, community or street))
            self.streets[term, street_pk].append(deputy)

    def submission_days(self, count):
        """{day: how many are submitted that day}, over the sessions whose term
        has benchmark deputies."""
        days, weights = [], []
        for kind, share in BULK_KINDS.items():
            these = [
                day
                for day in self.calendar.days(kind, self.calendar.first, self.today)
                if self.calendar.session_on(day).term_id in self.deputies
            ]
            days += these
            weights += [share / len(these)] * len(these) if these else []
        return Counter(self.rng.choices(days, weights, k=count)) if days else Counter()

    def build(self, count):
        batch = []
        per_day = self.submission_days(count)
        for day in sorted(per_day):
            session = self.calendar.session_on(day)
            for _n in range(per_day[day]):
                batch.append(self.suggestion(session, day))
                if len(batch) == BATCH:
                    self.write(batch)
                    batch = []
        self.write(batch)

    def wording(self, topic, community, street):
        key = (topic, community, street)
        if key not in self.words:
            words = TOPICS[topic]
            names = {
                "community": community,
                "road": road(community),
                "school": self.rng.choice(SCHOOLS),
                "street": street,
            }
            found = (self.units.get(name.format(**names)) for name in words["units"])
            leads = [unit for unit in found if unit] or [self.units.get(f"{street}办事处")]
            leads = [unit for unit in leads if unit] or self.departments
            co = [self.units.get(name.format(**names)) for name in words["co"]]
            co += [self.units.get(f"{street}办事处")] + self.departments
            self.words[key] = (
                words["title"].format(**names),
                words["reasons"].format(**names),
                words["proposals"].format(**names),
                names,
                leads,
                list(dict.fromkeys(unit for unit in co if unit)),
            )
        return self.words[key]

    def answer_text(self, topic, names, unit, answer_class, again):
        key = (topic, names["community"], names["street"], unit.pk, answer_class, again)
        if key not in self.answers:
            words, names = TOPICS[topic], {**names, "unit": unit}
            text = ANSWERS[answer_class].format(
                **names, done=words["done"].format(**names), plan=words["plan"].format(**names)
            )
            if again:
                text = AGAIN.format(unit=unit) + text.split("：", 1)[1]
            self.answers[key] = text
        return self.answers[key]

    def suggestion(self, session, submitted):
        """A benchmark suggestion and the rows that go with it, not yet saved."""
        rng = self.rng
        lead, street_pk, street, community = rng.choice(self.deputies[session.term_id])
        topic = rng.randrange(len(TOPICS))
        title, reasons, proposals, names, leads, co_units = self.wording(topic, community, street)
        kind = session.kind_on(submitted)
        suggestion = Suggestion(
            street_id=street_pk,
            session=session,
            kind=kind,
            title=title,
            category=TOPICS[topic]["category"],
            reasons=reasons,
            proposals=proposals,
            lead_id=lead,
        )
        steps = bulk_timeline(rng, submitted, kind, self.today)
        suggestion.created_at = moment(steps[0][0])
        parts, answers = [], []
        for day, step, arguments in steps:
            number = None
            if step == "accept":
                number = self.numbers[session.pk] = self.numbers.get(session.pk, 0) + 1
            step_in_memory(suggestion, day, step, arguments, number)
            if step == "assign":
                unit = rng.choice(leads)
                others = [u for u in co_units if u != unit][: arguments["co"]]
                parts += self.assignment(suggestion, unit, UnitAssignment.Role.LEAD, day)
                for other in others:
                    parts += self.assignment(suggestion, other, UnitAssignment.Role.CO, day)
            elif step == "give_back":
                for part in parts:
                    if part.returned_on is None:
                        part.returned_on, part.return_reason = (
                            day,
                            GIVE_BACK.format(unit=rng.choice(leads)),
                        )
            elif step == "file_view":
                part = next(
                    (
                        p
                        for p in parts
                        if p.role == UnitAssignment.Role.CO
                        and not p.returned_on
                        and not p.view_filed_on
                    ),
                    None,
                )
                if part:
                    part.view, part.view_filed_on = rng.choice(CO_VIEWS), day
            elif step == "answer":
                unit = next(
                    p.unit
                    for p in parts
                    if p.role == UnitAssignment.Role.LEAD and not p.returned_on
                )
                text = self.answer_text(
                    topic, names, unit, arguments["answer_class"], bool(suggestion.times_rehandled)
                )
                answers.append(
                    Answer(
                        suggestion=suggestion,
                        round=suggestion.answer_round,
                        text=text,
                        answer_class=arguments["answer_class"],
                        answered_on=day,
                    )
                )
            elif step == "evaluate":
                answer = answers[-1]
                answer.evaluation, answer.evaluated_on = arguments["evaluation"], day
                answer.evaluation_comment = rng.choice(EVALUATION_COMMENTS[answer.evaluation])
        cosignatures = self.cosignatures(suggestion, session, street_pk, lead, steps[0][0])
        return suggestion, cosignatures, parts, answers

    def assignment(self, suggestion, unit, role, day):
        co = role == UnitAssignment.Role.CO
        return [
            UnitAssignment(
                suggestion=suggestion,
                unit=unit,
                role=role,
                person_responsible=unit.contact_person,
                contact=unit.contact_phone,
                assigned_on=day,
                view_due=add_months(day, CO_HANDLER_VIEW_MONTHS) if co else None,
            )
        ]

    def cosignatures(self, suggestion, session, street_pk, lead, drafted):
        rng = self.rng
        others = self.streets[session.term_id, street_pk]
        count = min(pick_weighted(rng, BULK_COSIGNERS), len(others) - 1)
        chosen = [pk for pk in rng.sample(others, count + 1) if pk != lead][:count]
        rows = []
        for deputy in chosen:
            if suggestion.state in CoSignature.OPEN_TO_ANSWER and rng.random() < 0.3:
                state, answered_at = CoSignature.State.INVITED, None
            else:
                confirmed = rng.random() < 0.93
                state = CoSignature.State.CONFIRMED if confirmed else CoSignature.State.DECLINED
                answered_at = moment(min(drafted + rng.randint(0, 3) * DAY, self.today), 1)
            rows.append(
                CoSignature(
                    suggestion=suggestion, deputy_id=deputy, state=state, answered_at=answered_at
                )
            )
        return rows

    def write(self, batch):
        if not batch:
            return
        Suggestion.objects.bulk_create([row[0] for row in batch])
        for index, model in ((1, CoSignature), (2, UnitAssignment), (3, Answer)):
            rows = [obj for row in batch for obj in row[index]]
            for obj in rows:
                obj.suggestion_id = obj.suggestion.pk
            model.objects.bulk_create(rows, batch_size=BATCH)


def seed_bulk(rng, count, calendar):
    """`count` suggestions led by the benchmark deputies of every street who sit
    in the district congress. For speed this bypasses the services and
    django-simple-history (no history, steps, points or supervision entries) and
    writes with bulk_create in batches; the steps are the model's own methods,
    at the days of each suggestion's timeline (`step_in_memory`)."""
    BulkBuilder(rng, calendar).build(count)
