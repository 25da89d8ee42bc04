"""The daily supervision digest (督办提醒): committee staff are emailed the
suggestions and constituent visits of their street whose deadline is near or
past; district staff (no street) get every street's. Each handling unit's
accounts are emailed what their unit owes: answers and co-handling views of
suggestions, replies to matters, when due within a week or past due, and
reminders 30 and 14 days before. Nothing is sent to a recipient with nothing
to report.

A fixed number of queries whatever the volume: the recipients, the digests
already sent today, the suggestions, the visits, and one INSERT that claims
today's digests. The claim is the rule that a repeated, retried or concurrent
run never sends one twice: the rows (recipient, day) are unique, inserted in one
transaction before any email goes out, and a failed send deletes its row so
that the retry sends it.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from congress_portal import emails
from congress_portal.models import User
from congress_portal.roles import Role
from liaison_stations.models import Visit
from suggestions import deadlines
from suggestions.models import Suggestion, UnitAssignment

from .models import DigestDelivery

logger = logging.getLogger(__name__)

# Suggestions are listed from the traffic light's red (answer due within 14 days);
# visits assigned to a unit a week before their deadline.
SUGGESTION_DUE_WITHIN = deadlines.RED_WITHIN
VISIT_DUE_WITHIN = datetime.timedelta(days=7)
# A unit is reminded on these days before a deadline, then every day of its last week.
UNIT_REMINDER_DAYS = (30, 14)
UNIT_DUE_WITHIN = 7
# Rows listed per kind in one email; the rest are counted, with a link to the ledger.
MAX_LISTED = 30


@dataclass
class Item:
    """One suggestion or visit in a digest."""

    obj: object
    street_id: int
    deadline: datetime.date
    overdue: bool
    days_left: int
    url: str
    what: str = ""  # what is due, when not the answer to a suggestion or a matter


@dataclass
class Digest:
    recipient: User
    suggestions: list = field(default_factory=list)
    visits: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.suggestions) + len(self.visits)

    @property
    def overdue(self):
        return sum(item.overdue for item in self.suggestions + self.visits)


def recipients():
    """Active committee staff and handling units' accounts with an email address."""
    roles = [Role.STAFF.group_name, Role.UNIT.group_name]
    return list(
        User.objects.filter(groups__name__in=roles, is_active=True)
        .exclude(email="")
        .prefetch_related("groups")
        .order_by("pk")
    )


def due_items(today, streets):
    """(suggestions, visits): Items due within their window or overdue, in the
    given streets (None: every street), soonest deadline first."""
    suggestions = (
        Suggestion.objects.running()
        .filter(deadline__isnull=False, deadline__lte=today + SUGGESTION_DUE_WITHIN)
        .select_related("street", "lead")
        .order_by("deadline", "pk")
    )
    visits = (
        Visit.objects.filter(
            state__in=Visit.HANDLING,
            deadline__isnull=False,
            deadline__lte=today + VISIT_DUE_WITHIN,
        )
        .select_related("station__street", "handling_unit")
        .order_by("deadline", "pk")
    )
    late_views = UnitAssignment.objects.late_views(today).select_related(
        "unit", "suggestion__street", "suggestion__lead"
    )
    if streets is not None:
        suggestions = suggestions.filter(street__in=streets)
        visits = visits.filter(station__street__in=streets)
        late_views = late_views.filter(suggestion__street__in=streets)
    views = [
        _item(part.suggestion, part.suggestion.street_id, part.view_due, today,
              "suggestions:detail", _("the co-handling view of %(unit)s") % {"unit": part.unit})
        for part in late_views.order_by("pk")
    ]  # fmt: skip
    answers = [_item(s, s.street_id, s.deadline, today, "suggestions:detail") for s in suggestions]
    return (
        sorted(answers + views, key=lambda item: item.deadline),
        [
            _item(v, v.station.street_id, v.deadline, today, "liaison_stations:visit_detail")
            for v in visits
        ],
    )


def _item(obj, key, deadline, today, name, what=""):
    return Item(
        what=what,
        obj=obj,
        street_id=key,
        deadline=deadline,
        overdue=deadline < today,
        days_left=(deadline - today).days,
        url=emails.portal_url(reverse(name, args=[obj.pk])),
    )


def unit_items(today, units):
    """(suggestions, visits) that the units owe, as Items keyed by the unit (in
    `street_id`): a lead unit's answer, a co-handling unit's view, a reply to a matter;
    listed on the reminder days and in the last week or once overdue."""
    last = today + datetime.timedelta(days=UNIT_DUE_WITHIN)
    marks = [today + datetime.timedelta(days=n) for n in UNIT_REMINDER_DAYS]
    lead, co = UnitAssignment.Role.LEAD, UnitAssignment.Role.CO
    parts = (
        UnitAssignment.objects.filter(unit__in=units, returned_on=None)
        .filter(
            Q(role=lead, suggestion__state__in=Suggestion.DEADLINE_RUNNING)
            & (Q(suggestion__deadline__lte=last) | Q(suggestion__deadline__in=marks))
            | Q(role=co, view_filed_on=None, suggestion__state__in=Suggestion.IN_HANDS_OF_UNITS)
            & (Q(view_due__lte=last) | Q(view_due__in=marks))
        )
        .select_related("suggestion__lead")
        .order_by("pk")
    )
    visits = (
        Visit.objects.filter(handling_unit__in=units, state__in=Visit.WITH_UNIT)
        .filter(Q(deadline__lte=last) | Q(deadline__in=marks))
        .order_by("deadline", "pk")
    )
    suggestions = [
        _item(part.suggestion, part.unit_id, part.view_due, today, "suggestions:detail",
              _("your co-handling view"))
        if part.role == co
        else _item(part.suggestion, part.unit_id, part.suggestion.deadline, today,
                   "suggestions:detail")
        for part in parts
    ]  # fmt: skip
    return (
        sorted(suggestions, key=lambda item: item.deadline),
        [_item(v, v.handling_unit_id, v.deadline, today, "liaison_stations:visit_detail")
         for v in visits],
    )  # fmt: skip


def build(today):
    """The digests to send today, one per recipient who has something to read
    and has not had today's digest yet."""
    staff = recipients()
    if not staff:
        return []
    done = set(DigestDelivery.objects.filter(day=today).values_list("recipient", flat=True))
    staff = [user for user in staff if user.pk not in done]
    if not staff:
        return []
    units = [user for user in staff if user.role == Role.UNIT]
    staff = [user for user in staff if user.role == Role.STAFF]
    digests = []
    if staff:
        streets = None if any(u.street_id is None for u in staff) else {u.street_id for u in staff}
        suggestions, visits = due_items(today, streets)
        by_street = _by_key(suggestions, visits)
        for user in staff:
            if user.street_id is None:
                digests.append(Digest(user, suggestions, visits))
            else:
                digests.append(Digest(user, *by_street[user.street_id]))
    if units:
        by_unit = _by_key(*unit_items(today, {user.handling_unit_id for user in units}))
        digests += [Digest(user, *by_unit[user.handling_unit_id]) for user in units]
    return [digest for digest in digests if digest.count]


def _by_key(suggestions, visits):
    """{street (or unit): (its suggestions, its visits)}."""
    grouped = defaultdict(lambda: ([], []))
    for item in suggestions:
        grouped[item.street_id][0].append(item)
    for item in visits:
        grouped[item.street_id][1].append(item)
    return grouped


def claim(digests, today):
    """Record today's digests as sent, all or none: False when another run
    recorded one of them first (it sends them)."""
    rows = [DigestDelivery(recipient=d.recipient, day=today, items=d.count) for d in digests]
    try:
        with transaction.atomic():
            DigestDelivery.objects.bulk_create(rows)
    except IntegrityError:
        return False
    return True


def send_digests(today):
    """Email today's digests. Returns (sent, failed)."""
    with translation.override(settings.LANGUAGE_CODE):  # the items' words
        digests = build(today)
    if not digests or not claim(digests, today):
        return 0, 0
    sent = failed = 0
    connection = get_connection()
    for digest in digests:
        try:
            send_supervision_digest(digest, today, connection)
        except Exception:
            logger.exception(
                "The supervision digest for user %s was not sent.", digest.recipient.pk
            )
            DigestDelivery.objects.filter(recipient=digest.recipient, day=today).delete()
            failed += 1
        else:
            sent += 1
    return sent, failed


def send_supervision_digest(digest, today, connection=None):
    """The one helper that emails a supervision digest."""
    unit_home = emails.portal_url(reverse("unit_home"))
    for_unit = digest.recipient.role == Role.UNIT
    context = {
        "recipient": digest.recipient,
        "today": today,
        "district_wide": not for_unit and digest.recipient.street_id is None,
        "suggestions": digest.suggestions[:MAX_LISTED],
        "more_suggestions": max(len(digest.suggestions) - MAX_LISTED, 0),
        "visits": digest.visits[:MAX_LISTED],
        "more_visits": max(len(digest.visits) - MAX_LISTED, 0),
        "suggestion_count": len(digest.suggestions),
        "visit_count": len(digest.visits),
        "overdue": digest.overdue,
        "due_soon": digest.count - digest.overdue,
        "signals_url": unit_home if for_unit else emails.portal_url(reverse("suggestions:signals")),
        "visit_ledger_url": unit_home
        if for_unit
        else emails.portal_url(reverse("liaison_stations:visit_ledger") + "?overdue=on"),
    }
    emails.send("supervision-digest", context, [digest.recipient.email], connection=connection)
