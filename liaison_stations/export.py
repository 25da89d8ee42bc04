"""The visit ledger as an Excel sheet, constituents' phones masked, written in
the background (congress_portal.sheets) with the filters of the ledger's page."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress_portal.ledgers import Labels
from congress_portal.roles import READERS, Role
from congress_portal.sheets import CHUNK, Export, Table

from .filters import VisitFilter
from .models import Visit

LEDGER_ROLES = (Role.DEPUTY, *READERS)


def visit_ledger(user, filters):
    visits = VisitFilter(filters, queryset=Visit.objects.visible_to(user), user=user).qs
    today = timezone.localdate()
    category = Labels(Visit.Category)
    state = Labels(Visit.State)
    evaluation = Labels(Visit.Evaluation)
    header = [
        _("Received on"), _("Station"), _("Constituents"), _("Matter"), _("Category"),
        _("Received by"), _("State"), _("Handling unit"), _("Deadline"), _("Overdue"),
        _("Reply"), _("Evaluation"),
    ]  # fmt: skip
    rows = (
        [
            visit.received_on,
            visit.station.name,
            "；".join(f"{c.name} {c.masked_phone}".strip() for c in visit.constituents.all()),
            visit.matter,
            category[visit.category],
            "、".join(deputy.name for deputy in visit.deputies.all()),
            state[visit.state],
            visit.handling_unit.name if visit.handling_unit else "",
            visit.deadline,
            _("Yes") if visit.is_overdue(today) else "",
            visit.reply,
            evaluation[visit.evaluation],
        ]
        for visit in visits.for_ledger().iterator(chunk_size=CHUNK)
    )
    return Table(header, visits.count(), rows)


VISIT_LEDGER = Export(
    name="visit_ledger",
    label=gettext_lazy("Visit ledger"),
    filename="visits",
    allowed=lambda user: user.role in LEDGER_ROLES,
    build=visit_ledger,
)
