"""The visit ledger as an Excel sheet, constituents' phones masked, written in
the background (congress_portal.sheets) with the filters of the ledger's page."""

from collections import defaultdict
from itertools import islice

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress_portal.ledgers import Labels
from congress_portal.roles import READERS, Role
from congress_portal.sheets import CHUNK, Export, Table
from congress_portal.validators import mask_phone
from deputies.models import Deputy

from .filters import VisitFilter
from .models import Constituent, Visit

LEDGER_ROLES = (Role.DEPUTY, *READERS)


def visit_ledger(user, filters):
    visits = VisitFilter(filters, queryset=Visit.objects.visible_to(user), user=user).qs
    today = timezone.localdate()
    category = Labels(Visit.Category)
    state = Labels(Visit.State)
    evaluation = Labels(Visit.Evaluation)
    channel = Labels(Visit.Channel)
    header = [
        _("Received on"), _("Station"), _("Came through"), _("Constituents"), _("Matter"),
        _("Category"), _("Received by"), _("State"), _("Handling unit"), _("Deadline"),
        _("Overdue"), _("Reply"), _("Evaluation"),
    ]  # fmt: skip
    rows = (
        [
            visit.received_on,
            visit.station.name,
            channel[visit.channel],
            "；".join(f"{name} {mask_phone(phone)}".strip() for name, phone in people[visit.pk]),
            visit.matter,
            category[visit.category],
            "、".join(receivers[visit.pk]),
            state[visit.state],
            visit.handling_unit.name if visit.handling_unit else "",
            visit.deadline,
            _("Yes") if visit.is_overdue(today) else "",
            visit.reply,
            evaluation[visit.evaluation],
        ]
        for chunk, people, receivers in ledger_chunks(visits)
        for visit in chunk
    )
    return Table(header, visits.count(), rows)


def ledger_chunks(visits):
    """The visits CHUNK at a time, each chunk with its constituents' (name, phone)
    and its receivers' names by visit: two queries a chunk (prefetch_related would
    build a queryset per visit, most of the export's time)."""
    rows = visits.select_related("station", "handling_unit").iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        ids = [visit.pk for visit in chunk]
        people = Constituent.objects.filter(visit__in=ids).order_by("pk")
        receivers = Visit.deputies.through.objects.filter(visit__in=ids)
        receivers = receivers.order_by(*(f"deputy__{field}" for field in Deputy._meta.ordering))
        yield (
            chunk,
            grouped(people.values_list("visit", "name", "phone")),
            grouped(receivers.values_list("visit", "deputy__name")),
        )


def grouped(rows):
    """{first column: [the rest of each row, or its second column alone]}"""
    groups = defaultdict(list)
    for key, *rest in rows:
        groups[key].append(rest[0] if len(rest) == 1 else tuple(rest))
    return groups


VISIT_LEDGER = Export(
    name="visit_ledger",
    label=gettext_lazy("Visit ledger"),
    filename="visits",
    allowed=lambda user: user.role in LEDGER_ROLES,
    build=visit_ledger,
)
