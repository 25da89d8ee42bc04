"""Points ledger processes. Other apps award points through `award` only."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from congress_portal.audit import save_as
from congress_portal.errors import DomainError

from .models import Attendance, Category, Deputy, EntryFlag, PointEntry, PointRule

# The rule an activity's attendance earns, by activity kind and attendance status.
ATTENDANCE_RULES = {
    Attendance.Status.ATTENDED: {
        "congress": "congress_attendance",
        "inspection": "inspection_research",
        "research": "inspection_research",
        "training": "training",
        "report_back": "report_back",
    },
    Attendance.Status.ABSENT: {"congress": "congress_absence"},
}
DEFAULT_ATTENDANCE_RULES = {
    Attendance.Status.ATTENDED: "activity",
    Attendance.Status.ABSENT: "activity_absence",
}


def capped_points(entry):
    """The entry's points, cut so that the deputy's approved points from this rule
    in the entry's year stay within the rule's yearly cap. Penalties are never cut."""
    cap = entry.rule.yearly_cap
    if cap is None or entry.points <= 0:
        return entry.points
    used = (
        PointEntry.objects.filter(
            deputy=entry.deputy_id,
            rule=entry.rule_id,
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
    awards the same deputy the same rule twice. Returns the entry, or None
    when the rule is inactive."""
    rule = PointRule.objects.get(code=rule_code)
    if not rule.active:
        return None
    _lock_ledger(deputy.pk)
    entry, created = PointEntry.objects.get_or_create(
        deputy=deputy,
        rule=rule,
        source_type=ContentType.objects.get_for_model(source_record),
        source_id=source_record.pk,
        defaults={
            "occurred_on": occurred_on,
            "points": rule.points,
            "source": PointEntry.Source.AUTO,
            "state": PointEntry.State.APPROVED,
            "description": description,
            "created_by": by,
        },
    )
    if created:
        entry.points = capped_points(entry)
    elif entry.state == PointEntry.State.WITHDRAWN:
        entry.points = rule.points
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


def _check_claimable(entry):
    if not entry.rule.active:
        raise DomainError(_("This rule is no longer in use."))
    if entry.occurred_on > timezone.localdate():
        raise DomainError(_("A duty cannot be logged for a future date."))


@transaction.atomic
def record_entry(entry, by, photos=()):
    """Save a new entry (deputy, rule, date, description set) logged by `by`:
    the deputy's own claim (申报) or a staff member's entry. Claims under a
    rule that needs review wait for staff; other entries count at once."""
    _check_claimable(entry)
    by_deputy = entry.deputy.user_id == by.pk
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
    _check_claimable(entry)
    entry.points = entry.rule.points
    save_as(entry, by)
    for photo in photos:
        entry.photos.create(image=photo)
    return entry


@transaction.atomic
def flag(entry, by, kind, note):
    """The deputy reports an error, duplicate or omission (错重漏) in an entry."""
    return save_as(EntryFlag(entry=entry, kind=kind, note=note), by)


@transaction.atomic
def approve(entry, by):
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


def archive_record(deputy, period, memberships=None):
    """What a deputy's performance archive (一人一档) shows for a period, whether on
    the archive page or in its PDF: seats, activities, approved entries and their
    points by category, and the rank among the street's current deputies.
    `memberships`: the deputy's, with their terms, when the caller has them already."""
    if memberships is None:
        memberships = list(deputy.memberships.select_related("term"))
    entries = deputy.point_entries.filter(
        state=PointEntry.State.APPROVED, occurred_on__range=(period.start, period.end)
    ).select_related("rule")
    total = entries.aggregate(total=Sum("points"))["total"] or 0
    street_deputies = Deputy.objects.filter(street=deputy.street_id).current()
    is_current = any(membership.ended_on is None for membership in memberships)
    return {
        "deputy": deputy,
        "period": period,
        "memberships": memberships,
        "attendances": deputy.attendances.filter(
            activity__held_on__range=(period.start, period.end)
        ).select_related("activity"),
        "entries": entries,
        "by_category": points_by_category(entries),
        "total": total,
        "rank": street_deputies.rank_of(total, period) if is_current else None,
        "ranked_count": street_deputies.count(),
    }


def points_by_category(entries):
    """[(category label, points)] of the given entries, summed in SQL."""
    rows = entries.values("rule__category").annotate(total=Sum("points")).order_by("rule__category")
    labels = dict(Category.choices)
    return [(labels[row["rule__category"]], row["total"]) for row in rows]
