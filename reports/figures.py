"""A year's figures for one street or the whole district: what the dashboard draws
and what an annual report freezes. A fixed number of aggregate queries, whatever
the volume; plain JSON values, labels included, so a frozen copy reads the same
later."""

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from congress_portal.models import Community, Street
from deputies.models import (
    Activity,
    Attendance,
    Deputy,
    Level,
    Membership,
    ProfessionalGroup,
    ReminderLetter,
    ReportBackBallot,
    Term,
)
from deputies.periods import Period
from liaison_stations.models import (
    DutyAssignment,
    LiaisonOfficer,
    StandardItem,
    Station,
    Visit,
)
from suggestions.models import Suggestion, Supervision, UnitAssignment
from suggestions.statistics import unit_statistics

from .models import Publicity, WorkRecord

POINT_BANDS = [(None, 0), (1, 9), (10, 19), (20, 29), (30, 49), (50, None)]
TOP = 10
GROUPS = 10  # the professional groups named
EXAMPLES = 3  # named activities, suggestions, articles: what the report's points cite
CONTENT_ENOUGH = 0.9  # a unit's satisfaction rate below this is a shortcoming
VISIT_SOLVED = [Visit.State.EVALUATED, Visit.State.CLOSED]
VISIT_SATISFIED = [Visit.Evaluation.SATISFIED, Visit.Evaluation.BASICALLY_SATISFIED]


def counted(rows, field, choices, count=None):
    """[{key, label, count}] for every choice, zeros included, in the choices' order."""
    counts = dict(rows.order_by().values_list(field).annotate(n=count or Count("pk")))
    return [
        {"key": key, "label": str(label), "count": counts.get(key, 0)} for key, label in choices
    ]


def rate(part, whole):
    return part / whole if whole else None


def year_figures(year, street=None):
    """The figures of `year` for `street` (None: every street), as of today."""
    period = Period.year(year)
    within = (period.start, period.end)
    seated = (
        Membership.objects.in_street(street)
        .filter(began_on__lte=period.end)
        .exclude(ended_on__lt=period.start)
    )
    as_of = min(timezone.localdate(), period.end)
    return {
        "year": year,
        "deputies": _deputies(street, seated, within),
        "points": _points(street, seated, period),
        "stations": _stations(street),
        "duty": _duty(street, within, as_of),
        "activities": _activities(street, within),
        "report_back": _report_back(street, within),
        "visits": _visits(street, within, as_of),
        "suggestions": _suggestions(street, within, as_of),
        "publicity": _publicity(street, within),
        "letters": _letters(street, year),
        "streets": _streets(within) if street is None else [],
        "records": _records(street, within),
        "term": _term(street, period, as_of),
    }


def _deputies(street, seated, within):
    # A deputy seated in two terms of a level in the year (a new term began) counts once.
    by_level = counted(seated, "term__level", Level.choices, Count("deputy", distinct=True))
    changes = Membership.objects.in_street(street).aggregate(
        by_elections=Count("pk", filter=Q(began_how="by_election", began_on__range=within)),
        ended=Count("pk", filter=Q(ended_on__range=within)),
    )
    people = seated.values("deputy").distinct().count()
    return {"people": people, "by_level": by_level, **changes}


def _points(street, seated, period):
    """Among the deputies seated in the year."""
    deputies = (
        Deputy.objects.in_street(street).filter(pk__in=seated.values("deputy")).with_points(period)
    )
    bands = {
        f"band{i}": Count("pk", filter=_band(low, high))
        for i, (low, high) in enumerate(POINT_BANDS)
    }
    totals = deputies.aggregate(average=Avg("points"), **bands)
    top = deputies.ranked(period).values("name", "points", "rank")[:TOP]
    return {
        "average": totals.pop("average"),
        "bands": [
            {"label": _band_label(low, high), "count": totals[f"band{i}"]}
            for i, (low, high) in enumerate(POINT_BANDS)
        ],
        "top": list(top),
    }


def _band(low, high):
    if low is None:
        return Q(points__lte=high)
    return Q(points__gte=low) & (Q(points__lte=high) if high is not None else Q())


def _band_label(low, high):
    if low is None:
        return str(high)
    return f"{low}-{high}" if high is not None else f"{low}+"


def _stations(street):
    stations = Station.objects.in_street(street).filter(active=True)
    communities = Community.objects.in_street(street).aggregate(
        total=Count("pk", distinct=True),
        covered=Count("pk", filter=Q(stations__active=True), distinct=True),
    )
    items = StandardItem.objects.count()
    meeting = stations.annotate(met=Count("checks", filter=Q(checks__met=True))).filter(met=items)
    officers = LiaisonOfficer.objects.in_street(street).filter(
        status=LiaisonOfficer.Status.APPOINTED
    )
    return {
        "total": stations.count(),
        "by_kind": counted(stations, "kind", Station.Kind.choices),
        "communities": communities["total"],
        "covered": communities["covered"],
        # meeting every 九有/六上墙 item, as last checked
        "up_to_standard": meeting.count() if items else 0,
        "officers": officers.count(),
        "combined": [
            {"name": name, "also": str(Station.Kind(also).label)}
            for name, also in stations.exclude(also_kind="")
            .order_by("name")
            .values_list("name", "also_kind")[:EXAMPLES]
        ],
        "featured": list(
            stations.filter(featured=True)
            .order_by("name")
            .values_list("name", flat=True)[:EXAMPLES]
        ),
    }


def _duty(street, within, as_of):
    """The duties due by `as_of`: sessions before that day, and today's checked in.
    Sessions still to come are no duty missed nor kept, so every figure (the table's
    attended / assigned and the rate) counts the same duties."""
    duties = DutyAssignment.objects.in_street(street).filter(session__date__range=within)
    due = duties.filter(Q(session__date__lt=as_of) | Q(checked_in_at__isnull=False))
    figures = due.aggregate(
        sessions=Count("session", distinct=True),
        assignments=Count("pk"),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    figures["missed"] = figures["assignments"] - figures["attended"]
    figures["attendance_rate"] = rate(figures["attended"], figures["assignments"])
    return figures


def _activities(street, within):
    activities = Activity.objects.in_street(street).filter(held_on__range=within)
    attendances = Attendance.objects.in_street(street).filter(
        activity__held_on__range=within, status=Attendance.Status.ATTENDED
    )
    attended = Count("attendances", filter=Q(attendances__status=Attendance.Status.ATTENDED))
    groups = ProfessionalGroup.objects.in_street(street)
    # The committee's own activities, not the congress's sessions deputies attend.
    notable = (
        activities.exclude(kind=Activity.Kind.CONGRESS)
        .annotate(attended=attended)
        .filter(attended__gt=0)
        .order_by("-attended", "held_on", "pk")
    )
    return {
        "total": activities.count(),
        "by_kind": counted(activities, "kind", Activity.Kind.choices),
        "attendances": attendances.count(),
        "notable": [
            {"theme": theme, "held_on": held_on.isoformat()}
            for theme, held_on in notable.values_list("theme", "held_on")[:EXAMPLES]
        ],
        "reported_back": attendances.filter(activity__kind=Activity.Kind.REPORT_BACK)
        .values("deputy")
        .distinct()
        .count(),
        # The district's streets may each have a 法律组: named once, counted each.
        "groups": list(groups.order_by("name").values_list("name", flat=True).distinct()[:GROUPS]),
        "group_count": groups.count(),
    }


def _report_back(street, within):
    """The evaluation votes (述职评议) on deputies reporting back in the year: how many
    deputies were evaluated, before how many voters, and the overall satisfaction
    rate, (满意 + 基本满意) / voters present over every vote of the year."""
    ballots = ReportBackBallot.objects.in_street(street).filter(activity__held_on__range=within)
    totals = ballots.aggregate(
        deputies=Count("deputy", distinct=True),
        voters=Sum("voters", default=0),
        satisfied=Sum("satisfied", default=0),
        basically_satisfied=Sum("basically_satisfied", default=0),
        dissatisfied=Sum("dissatisfied", default=0),
    )
    content = totals["satisfied"] + totals["basically_satisfied"]
    return {**totals, "satisfaction_rate": rate(content, totals["voters"])}


def _visits(street, within, as_of):
    visits = Visit.objects.in_street(street).filter(received_on__range=within)
    handling_time = ExpressionWrapper(
        F("replied_on") - F("received_on"), output_field=DurationField()
    )
    figures = visits.aggregate(
        total=Count("pk"),
        solved=Count("pk", filter=Q(state__in=VISIT_SOLVED)),
        satisfied=Count("pk", filter=Q(evaluation__in=VISIT_SATISFIED)),
        evaluated=Count("pk", filter=~Q(evaluation="")),
        not_accepted=Count("pk", filter=Q(state=Visit.State.NOT_ACCEPTED)),
        handling_time=Avg(handling_time, filter=Q(replied_on__isnull=False)),
    )
    duration = figures.pop("handling_time")
    months = dict(
        visits.order_by()
        .annotate(month=ExtractMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    return {
        **figures,
        "satisfaction_rate": rate(figures["satisfied"], figures["evaluated"]),
        "average_days": duration.total_seconds() / 86400 if duration is not None else None,
        # The months begun by `as_of`: a month still to come is no month of none.
        "by_month": [months.get(month, 0) for month in range(1, _months_begun(within, as_of) + 1)],
        "by_category": counted(visits, "category", Visit.Category.choices),
        "by_channel": counted(visits, "channel", Visit.Channel.choices),
        "solved_items": list(
            visits.filter(state__in=VISIT_SOLVED)
            .exclude(headline="")
            .order_by("received_on", "pk")
            .values_list("headline", flat=True)[:EXAMPLES]
        ),
        "by_state": counted(visits, "state", Visit.State.choices),
    }


def _months_begun(within, as_of):
    return as_of.month if as_of >= within[0] else 0


def _suggestions(street, within, as_of):
    suggestions = Suggestion.objects.in_street(street).filter(accepted_on__range=within)
    units, handling = unit_statistics(suggestions, as_of)
    lead_unit = UnitAssignment.objects.filter(
        suggestion=OuterRef("pk"), role=UnitAssignment.Role.LEAD, returned_on=None
    ).values("unit__name")[:1]
    solved = (
        suggestions.filter(first_answered_on__isnull=False)
        .filter(Q(answer_class=Suggestion.AnswerClass.A) | Q(solved_on__isnull=False))
        .annotate(unit=Subquery(lead_unit))
        .order_by("answered_on", "pk")
    )
    return {
        "total": suggestions.count(),
        "by_kind": counted(suggestions, "kind", Suggestion.Kind.choices),
        "by_state": counted(suggestions, "state", Suggestion.State.choices),
        "by_class": counted(
            suggestions.exclude(answer_class=""), "answer_class", Suggestion.AnswerClass.choices
        ),
        "key": suggestions.exclude(key_supervisor="").count(),
        "supervisions": Supervision.objects.filter(
            suggestion__in=suggestions, on__range=within
        ).count(),
        "solved_items": list(solved.values("title", "unit")[:EXAMPLES]),
        "key_items": list(
            suggestions.exclude(key_supervisor="")
            .order_by("accepted_on", "pk")
            .values_list("title", flat=True)[:EXAMPLES]
        ),
        # The lead units whose deputies were least content: 二、shortcomings names them.
        "weak_units": [
            {"unit": row["unit__name"], "satisfaction_rate": row["satisfaction_rate"]}
            for row in units
            if row["satisfaction_rate"] is not None and row["satisfaction_rate"] < CONTENT_ENOUGH
        ],
        **{
            name: handling[name]
            for name in [
                "assigned",
                "answered",
                "answer_rate",
                "satisfaction_rate",
                "first_time_satisfaction_rate",
                "solved_rate",
                "days_to_answer",
                "overdue",
            ]
        },  # fmt: skip
    }


def _publicity(street, within):
    records = Publicity.objects.in_street(street).filter(published_on__range=within)
    return {
        "total": records.count(),
        "by_level": counted(records, "level", Publicity.Level.choices),
        "outlets": records.values("outlet").distinct().count(),
        "articles": list(
            records.order_by("-published_on", "pk").values("title", "outlet")[:EXAMPLES]
        ),
    }


def _streets(within):
    """Each street's main counts of the year: the district's report names the streets
    that stand out, and tabulates them all. One aggregate query per count."""
    rows = {
        "stations": (Station.objects.filter(active=True), "street"),
        "activities": (Activity.objects.filter(held_on__range=within), "street"),
        "visits": (Visit.objects.filter(received_on__range=within), "station__street"),
        "suggestions": (Suggestion.objects.filter(accepted_on__range=within), "street"),
        "publicity": (Publicity.objects.filter(published_on__range=within), "street"),
    }
    counts = {
        name: dict(records.order_by().values_list(path).annotate(n=Count("pk")))
        for name, (records, path) in rows.items()
    }
    return [
        {"name": name, **{count: counts[count].get(pk, 0) for count in counts}}
        for pk, name in Street.objects.order_by("name").values_list("pk", "name")
    ]


def _term(street, period, as_of):
    """The district congress's term the year belongs to, and its suggestions since it
    began (自换届以来), by kind; None before any term."""
    term = (
        Term.objects.filter(level=Level.DISTRICT, starts_on__lte=period.end)
        .order_by("-starts_on")
        .first()
    )
    if term is None:
        return None
    since = Suggestion.objects.in_street(street).filter(accepted_on__range=(term.starts_on, as_of))
    return {
        "number": term.number,
        "began": term.starts_on.year,
        "suggestions_by_kind": counted(since, "kind", Suggestion.Kind.choices),
    }


def _records(street, within):
    """The year's work records (WorkRecord) of each kind: how many, and the first named."""
    records = WorkRecord.objects.in_street(street).filter(happened_on__range=within)
    counts = dict(records.order_by().values_list("kind").annotate(n=Count("pk")))
    return {
        kind: {
            "count": counts.get(kind, 0),
            "named": list(
                records.filter(kind=kind)
                .order_by("happened_on", "pk")
                .values_list("title", flat=True)[:EXAMPLES]
            ),
        }
        for kind in WorkRecord.Kind.values
    }


def _letters(street, year):
    reminders = (
        ReminderLetter.objects.in_street(street)
        .filter(year=year)
        .aggregate(
            reminders=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
        )
    )
    # The street's deputies thanked, whoever asked for the letters (a district
    # batch has no street of its own).
    thanks = Deputy.objects.in_street(street).filter(thank_you_letters__batch__year=year).distinct()
    return {**reminders, "thanks": thanks.count()}
