"""Points ledger processes. Other apps change the ledger through `award` and `revoke`
only, and ask `check_open_period` which days a deputy may still date their records."""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress_portal import documents, jobs, notices
from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from congress_portal.models import Street, User
from congress_portal.pdf import render_pdf

from .models import (
    ATTENDANCE_RULES,
    AUTOMATIC_RULES,
    DEFAULT_ATTENDANCE_RULES,
    Category,
    Deputy,
    EntryFlag,
    PointEntry,
    PointRule,
    PublishedQuarter,
    PublishedRank,
    satisfaction_rate,
)
from .periods import Period


def capped_points(entry):
    """The entry's points, cut so that the deputy's approved points from this rule
    (its code: the district's rule or the street's) in the entry's year stay within
    the rule's yearly cap. Penalties are never cut."""
    cap = entry.rule.yearly_cap
    if cap is None or entry.points <= 0:
        return entry.points
    used = (
        PointEntry.objects.filter(
            deputy=entry.deputy_id,
            rule__code=entry.rule.code,
            state=PointEntry.State.APPROVED,
            occurred_on__year=entry.occurred_on.year,
        )
        .exclude(pk=entry.pk)
        .aggregate(total=Sum("points"))["total"]
        or 0
    )
    return max(0, min(entry.points, cap - used))


def _lock_ledger(deputy_id):
    """Serialise ledger changes per deputy, so that two approvals cannot both use up the cap."""
    Deputy.objects.select_for_update().only("pk").get(pk=deputy_id)


@transaction.atomic
def award(deputy, rule_code, *, occurred_on, source_record, by=None, description=""):
    """Award the rule's points for a record another part of the portal keeps
    (a check-in, an attendance, a suggestion). Idempotent: the same record never
    awards the same deputy the same rule twice. The rule is the one in force in
    the deputy's street. Returns the entry, or None when the rule is inactive;
    refuses when the rule is missing."""
    if rule_code not in AUTOMATIC_RULES:
        raise ValueError(f"Declare {rule_code!r} in deputies.models.AUTOMATIC_RULES first.")
    rule = PointRule.objects.for_street(deputy.street_id).filter(code=rule_code).first()
    if rule is None:
        message = _("The point rule “%(code)s” is missing: ask the committee staff to restore it.")
        raise DomainError(message % {"code": rule_code})
    if not rule.active:
        return None
    _lock_ledger(deputy.pk)
    source = {
        "source_type": ContentType.objects.get_for_model(source_record),
        "source_id": source_record.pk,
    }
    # By code: the record may have earned the district's rule before its street overrode it.
    entry = PointEntry.objects.filter(deputy=deputy, rule__code=rule_code, **source).first()
    if entry is None:
        entry = PointEntry(
            deputy=deputy,
            rule=rule,
            **source,
            occurred_on=occurred_on,
            points=rule.points,
            source=PointEntry.Source.AUTO,
            state=PointEntry.State.APPROVED,
            description=description,
            created_by=by,
        )
        entry.count_points(capped_points(entry))
    elif entry.state == PointEntry.State.WITHDRAWN:
        entry.rule, entry.points = rule, rule.points
        entry.reinstate(capped_points(entry))
    else:
        return entry
    return save_as(entry, by)


@transaction.atomic
def revoke(deputy, source_record, *, by=None, keep_rule=None):
    """Withdraw the automatic entries a record earned the deputy (but `keep_rule`'s)."""
    entries = PointEntry.objects.select_for_update().filter(
        deputy=deputy,
        source_type=ContentType.objects.get_for_model(source_record),
        source_id=source_record.pk,
        state=PointEntry.State.APPROVED,
    )
    if keep_rule:
        entries = entries.exclude(rule__code=keep_rule)
    for entry in entries:
        entry.revoke()
        save_as(entry, by)


def sync_attendance_points(attendance, by=None):
    """Make the ledger match the attendance: the rule it earns, nothing else."""
    kind = attendance.activity.kind
    rules = ATTENDANCE_RULES.get(attendance.status, {})
    rule_code = rules.get(kind, DEFAULT_ATTENDANCE_RULES.get(attendance.status))
    with transaction.atomic():
        revoke(attendance.deputy, attendance, by=by, keep_rule=rule_code)
        if rule_code:
            award(
                attendance.deputy,
                rule_code,
                occurred_on=attendance.activity.held_on,
                source_record=attendance,
                by=by,
                description=attendance.activity.theme,
            )


def check_unpublished(street_id, day):
    """Refuse a day in or before the street's last published quarter: published
    rankings never change."""
    opens = PublishedQuarter.objects.open_from(street_id)
    if opens and day < opens:
        message = _(
            "The points up to %(closed)s are published and no longer change: "
            "give a date from %(opens)s on."
        )
        raise DomainError(message % {"closed": opens - datetime.timedelta(days=1), "opens": opens})


def check_open_period(deputy, day):
    """Refuse a day the deputy's own records (claims, visits they register) may not
    be dated: in a published quarter, or outside all of the deputy's seats."""
    check_unpublished(deputy.street_id, day)
    seats = deputy.memberships.filter(began_on__lte=day).exclude(ended_on__lt=day)
    if not seats.exists():
        raise DomainError(
            _("%(name)s held no seat as a deputy on %(day)s.") % {"name": deputy.name, "day": day}
        )


def check_entry(entry, claim):
    """Refuse an entry (deputy, rule and date set) that may not be saved: the
    deputy's own claim (申报) only under a rule open to claims and in the open
    period; a staff entry under a rule in use, outside published quarters."""
    if not entry.rule.active:
        raise DomainError(_("This rule is no longer in use."))
    in_force = PointRule.objects.for_street(entry.deputy.street_id).filter(pk=entry.rule_id)
    if not in_force.exists():
        raise DomainError(_("This rule does not apply in the deputy's street."))
    if claim and not in_force.claimable().exists():
        raise DomainError(_("This kind of duty is not claimed: the portal records it by itself."))
    if entry.occurred_on > timezone.localdate():
        raise DomainError(_("A duty cannot be logged for a future date."))
    if claim:
        check_open_period(entry.deputy, entry.occurred_on)
    else:
        check_unpublished(entry.deputy.street_id, entry.occurred_on)


@transaction.atomic
def record_entry(entry, by, photos=()):
    """Save a new entry (deputy, rule, date, description set) logged by `by`:
    the deputy's own claim (申报) or a staff member's entry. Claims under a
    rule that needs review wait for staff; other entries count at once."""
    by_deputy = entry.deputy.user_id == by.pk
    check_entry(entry, claim=by_deputy)
    entry.points = entry.rule.points
    entry.source = PointEntry.Source.CLAIM if by_deputy else PointEntry.Source.STAFF
    entry.created_by = by
    if not by_deputy or not entry.rule.needs_review:
        _lock_ledger(entry.deputy_id)
        entry.approve(by, capped_points(entry))
    save_as(entry, by)
    for photo in photos:
        entry.photos.create(image=photo)
    return entry


@transaction.atomic
def update_claim(entry, by, photos=()):
    """Save the deputy's changes to a claim that is still pending."""
    entry.check_editable()
    check_entry(entry, claim=True)
    entry.points = entry.rule.points
    save_as(entry, by)
    for photo in photos:
        entry.photos.create(image=photo)
    return entry


@transaction.atomic
def flag(entry, by, kind, note):
    """The deputy reports an error, duplicate or omission (错重漏) in an entry."""
    return save_as(EntryFlag(entry=entry, kind=kind, note=note), by)


def accept_flag(flag, by, *, at, points, occurred_on, note=""):
    """Staff accept an error report (the step "accept", under take_step's lock): a
    correcting entry of `points` on `occurred_on`, under the flagged entry's rule,
    counts at once as a staff entry does (a rule in use, never in a published
    quarter, within the rule's yearly cap). Returns the trail's comment."""
    flagged = flag.entry
    if flagged.state == PointEntry.State.PENDING:
        raise DomainError(
            _("The entry is still waiting for review: approve or reject it rather than correct it.")
        )
    counted = flagged.points if flagged.state == PointEntry.State.APPROVED else 0
    if points < 0 and -points > counted:
        message = _("A correction cannot take away more than the entry counted (%(points)s).")
        raise DomainError(message % {"points": counted})
    correction = PointEntry(
        deputy=flagged.deputy,
        rule=flagged.rule,
        occurred_on=occurred_on,
        points=points,
        source=PointEntry.Source.CORRECTION,
        corrects=flagged,
        description=note.strip() or flag.note,
        created_by=by,
    )
    check_entry(correction, claim=False)
    _lock_ledger(flagged.deputy_id)
    correction.approve(by, capped_points(correction))
    save_as(correction, by, at)
    comment = flag.accept(at, correction, note)
    _tell_flag_decided(flag, at, _("Your error report is accepted: %(entry)s, %(points)s"))
    return comment or correction.points_label


def refuse_flag(flag, by, at, reason):
    """Staff refuse an error report (the step "refuse"), saying why."""
    comment = flag.refuse(at, reason)
    _tell_flag_decided(flag, at, _("Your error report is refused: %(entry)s"))
    return comment


def _tell_flag_decided(flag, at, title):
    entry = flag.entry
    points = flag.correction.points_label if flag.correction else ""
    notices.notify(
        entry.deputy.user,
        notices.Kind.FLAG_DECIDED,
        title % {"entry": f"{entry.rule.name} {entry.occurred_on.isoformat()}", "points": points},
        f"{reverse('deputies:my_duties')}#entry-{entry.pk}",
        at=at,
        key=f"flag-{flag.pk}",
    )


@transaction.atomic
def approve(entry, by):
    check_unpublished(entry.deputy.street_id, entry.occurred_on)
    _lock_ledger(entry.deputy_id)
    entry.approve(by, capped_points(entry))
    return save_as(entry, by)


@transaction.atomic
def reject(entry, by, reason):
    entry.reject(by, reason)
    return save_as(entry, by)


@transaction.atomic
def withdraw(entry, by):
    entry.withdraw()
    return save_as(entry, by)


def annotate_claims(claims):
    """What staff weigh beside each pending claim: `same_day`, the deputy's automatic
    entries of that day (a possible double count), and `cap_left`, what the rule's
    yearly cap still allows the deputy that year (None: no cap). Two queries for
    any number of claims (their rules loaded)."""
    claims = list(claims)
    if not claims:
        return claims
    deputies = {claim.deputy_id for claim in claims}
    automatic = PointEntry.objects.filter(
        source=PointEntry.Source.AUTO,
        state=PointEntry.State.APPROVED,
        deputy__in=deputies,
        occurred_on__in={claim.occurred_on for claim in claims},
    ).select_related("rule")
    same_day = defaultdict(list)
    for entry in automatic:
        same_day[entry.deputy_id, entry.occurred_on].append(entry)
    years = {claim.occurred_on.year for claim in claims}
    used = (
        PointEntry.objects.filter(
            state=PointEntry.State.APPROVED,
            deputy__in=deputies,
            rule__code__in={claim.rule.code for claim in claims},
            occurred_on__range=(datetime.date(min(years), 1, 1), datetime.date(max(years), 12, 31)),
        )
        .values_list("deputy", "rule__code", ExtractYear("occurred_on"))
        .annotate(total=Sum("points"))
        .order_by()
    )
    used = {(deputy, rule, year): total for deputy, rule, year, total in used}
    for claim in claims:
        claim.same_day = same_day[claim.deputy_id, claim.occurred_on]
        cap = claim.rule.yearly_cap
        key = (claim.deputy_id, claim.rule.code, claim.occurred_on.year)
        claim.cap_left = None if cap is None else max(0, cap - used.get(key, 0))
    return claims


def publishable_quarters(street, year):
    """The quarters of `year` the street may publish: ended, and after its last published
    quarter (quarters are published in order, each once)."""
    opens = PublishedQuarter.objects.open_from(street.pk)
    periods = {quarter: Period.quarter(year, quarter) for quarter in range(1, 5)}
    return [
        quarter
        for quarter, period in periods.items()
        if period.end < timezone.localdate() and not (opens and period.start < opens)
    ]


@transaction.atomic
def publish_quarter(street, year, quarter, by):
    """Publish (公布) the street's points ranking of a quarter: from then on nothing
    changes its points or those before it, so every claim up to its end must have
    been reviewed."""
    # One publication of the street at a time, so that the checks below hold.
    Street.objects.select_for_update().get(pk=street.pk)
    period = Period.quarter(year, quarter)
    if quarter not in publishable_quarters(street, year):
        if period.end >= timezone.localdate():
            message = _("%(quarter)s has not ended yet.")
        else:
            message = _("%(quarter)s is already published, or a later quarter is.")
        raise DomainError(message % {"quarter": period.label})
    waiting = PointEntry.objects.filter(
        deputy__street=street, state=PointEntry.State.PENDING, occurred_on__lte=period.end
    ).count()
    if waiting:
        message = ngettext(
            "%(count)d claim up to the end of %(quarter)s waits for review: review it first.",
            "%(count)d claims up to the end of %(quarter)s wait for review: review them first.",
            waiting,
        )
        raise DomainError(message % {"count": waiting, "quarter": period.label})
    published = PublishedQuarter.objects.create(
        street=street, year=year, quarter=quarter, published_by=by
    )
    freeze_ranking(published)
    jobs.enqueue(PublishedQuarter.render_task, published.pk)
    jobs.enqueue("deputies.tasks.announce_published_ranking", published.pk)
    return published


def announce_published_ranking(published_pk):
    """Tell each deputy on the published list, in their inbox, that it is published.
    Returns how many were told (a second run tells nobody again)."""
    published = PublishedQuarter.objects.select_related("street").get(pk=published_pk)
    title = _("The points ranking of %(quarter)s is published") % {
        "quarter": published.period.label
    }
    ranked = User.objects.filter(deputy__in=published.ranks.values("deputy"))
    return sum(
        notices.notify(
            user,
            notices.Kind.RANKING_PUBLISHED,
            title,
            published.get_absolute_url(),
            at=published.published_at,
            key=f"published-{published.pk}",
        )
        is not None
        for user in ranked.iterator()
    )


def freeze_ranking(published):
    """Write the published quarter's ranking as it stands: the street's current deputies
    ranked as the ranking page ranks them, by the year's points, counted up to the
    quarter's end, with the quarter's own points."""
    quarter = f"q{published.quarter}"
    deputies = Deputy.objects.filter(street=published.street_id).current()
    deputies = deputies.ranked(published.year_to_date).with_quarters(published.year)
    rows = deputies.values_list("pk", "name", "rank", quarter, "points")
    return PublishedRank.objects.bulk_create(
        PublishedRank(
            published=published, deputy_id=pk, name=name, rank=rank, quarter_points=q, points=p
        )
        for pk, name, rank, q, p in rows
    )


def render_published_ranking(published_pk):
    """Print the published ranking (see congress_portal.documents)."""
    return documents.render(PublishedQuarter, published_pk, published_ranking_pdf)


PUBLISHED_RANKING_TEMPLATE = "deputies/pdf/published_ranking.html"


def published_ranking_pdf(published):
    """(filename, PDF bytes) of the frozen ranking: it reads as it was published."""
    street = Street.objects.get(pk=published.street_id)
    with translation.override("zh-hans"):
        context = {
            "title": _("Points ranking of %(street)s, %(quarter)s")
            % {"street": street.name, "quarter": published.period.label},
            "published": published,
            "ranks": published.ranks.all(),
        }
        content = render_pdf(PUBLISHED_RANKING_TEMPLATE, context)
    return f"ranking-{street.pk}-{published.year}-q{published.quarter}.pdf", content


def street_ranking(street_pk, year):
    """The street's current deputies ranked by the year's points, with each quarter's
    and the satisfaction rate of their latest report-back up to the year's end (None:
    none yet): [{pk, name, rank, q1..q4, points, satisfaction}]. It sums the street's
    ledger for the year, so the ranking page reads it as kept (congress_portal.kept)."""
    deputies = Deputy.objects.filter(street=street_pk).current().ranked(Period.year(year))
    quarters = deputies.with_quarters(year).with_latest_ballot(Period.year(year).end)
    rows = quarters.values(
        "pk", "name", "rank", "points", "q1", "q2", "q3", "q4", "ballot_satisfied", "ballot_voters"
    )
    return [
        {
            **row,
            "satisfaction": satisfaction_rate(
                row.pop("ballot_satisfied"), row.pop("ballot_voters")
            ),
        }
        for row in rows
    ]


def street_totals(street_pk, start, end):
    """[[pk, points]]: the approved points of each current deputy of the street from
    `start` to `end` (ISO dates), what ranks are read from. It sums the street's ledger
    for the period, so the archive page reads it as kept (congress_portal.kept)."""
    dates = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    deputies = Deputy.objects.filter(street=street_pk).current().with_points(Period(*dates, ""))
    return [list(row) for row in deputies.values_list("pk", "points")]


# What the archive page lists of a period's entries and visits, the latest first, with
# how many there are: a deputy receives about a hundred visits a year at city scale,
# and a row costs the page about 0.1 ms. Its PDF lists them all.
ARCHIVE_LISTS = 10


def archive_record(deputy, period, memberships=None, totals=None):
    """What a deputy's performance archive (一人一档) shows for a period, whether on
    the archive page or in its PDF: seats, activities, approved entries and their
    points by category, and the rank among the street's current deputies.
    `memberships`: the deputy's, with their terms, when the caller has them already;
    `totals`: the street's (street_totals), when the caller keeps them."""
    if memberships is None:
        memberships = list(deputy.memberships.select_related("term"))
    entries = deputy.point_entries.filter(
        state=PointEntry.State.APPROVED, occurred_on__range=(period.start, period.end)
    )
    entries = entries.select_related("rule").only(
        "deputy", "occurred_on", "rule__name", "points", "cap_reached", "description"
    )
    by_category, entry_count = points_by_category(entries)
    total = sum(points for _label, points in by_category)
    is_current = any(membership.ended_on is None for membership in memberships)
    if is_current and totals is None:
        totals = street_totals(deputy.street_id, *period_dates(period))
    # The others as counted (kept totals may be older than the deputy's own, live).
    me = deputy.pk
    others = [points for pk, points in totals or [] if pk != me]
    return {
        "deputy": deputy,
        "period": period,
        "memberships": memberships,
        "attendances": deputy.attendances.filter(
            activity__held_on__range=(period.start, period.end)
        ).select_related("activity"),
        "entries": entries,  # all of them (the PDF's), the latest first
        "recent_entries": entries[:ARCHIVE_LISTS],  # the page's
        "entry_count": entry_count,
        "listed": ARCHIVE_LISTS,
        "ballots": deputy.report_back_ballots.filter(
            activity__held_on__range=(period.start, period.end)
        )
        .select_related("activity")
        .only(
            "deputy",
            "voters",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
            "activity__held_on",
            "activity__theme",
        ),
        "by_category": by_category,
        "total": total,
        "rank": 1 + len([points for points in others if points > total]) if is_current else None,
        "ranked_count": len(others) + 1,
    }


def period_dates(period):
    """The period's first and last day as ISO dates: street_totals' arguments."""
    return period.start.isoformat(), period.end.isoformat()


def points_by_category(entries):
    """[(category label, points)] of the given entries, in the categories' order, and
    the number of entries: one query."""
    rows = entries.order_by().values_list("rule__category")
    rows = sorted(rows.annotate(points=Sum("points"), count=Count("pk")))
    labels = dict(Category.choices)
    by_category = [(labels[category], points) for category, points, _count in rows]
    return by_category, sum(count for _category, _points, count in rows)
