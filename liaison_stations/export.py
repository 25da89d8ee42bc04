"""The visit ledger as an Excel sheet, constituents' phones masked, written in
the background (congress_portal.sheets) with the filters of the ledger's page."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress_portal.ledgers import Labels
from congress_portal.roles import READERS, Role
from congress_portal.sheets import Export, Table, in_chunks

from .filters import VisitFilter
from .models import Visit, with_ledger_lists

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
            visit.constituents_shown,
            visit.matter,
            category[visit.category],
            visit.receiver_names,
            state[visit.state],
            visit.handling_unit.name if visit.handling_unit else "",
            visit.deadline,
            _("Yes") if visit.is_overdue(today) else "",
            visit.reply,
            evaluation[visit.evaluation],
        ]
        for visit in in_chunks(visits.for_ledger(), with_ledger_lists)
    )
    return Table(header, visits.count(), rows)


VISIT_LEDGER = Export(
    name="visit_ledger",
    label=gettext_lazy("Visit ledger"),
    filename="visits",
    allowed=lambda user: user.role in LEDGER_ROLES,
    build=visit_ledger,
)
