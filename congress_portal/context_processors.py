from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .roles import Role

# The menu: a group's label and its pages, or a page alone ((None, [page])); a page
# is (url name, label). Staff and leadership read the same groups.
DEPUTIES_READ = [
    ("deputies:ranking", _("Points ranking")),
    ("deputies:at_risk", _("Early warning")),
]
STATIONS_READ = [
    ("liaison_stations:visit_ledger", _("Visits")),
    ("liaison_stations:coverage", _("Stations")),
]
SUGGESTIONS_READ = [
    ("suggestions:ledger", _("Suggestions")),
    ("suggestions:signals", _("Time left to answer")),
]
NAVIGATION = {
    Role.STAFF: [
        (None, [("staff_home", _("Workbench"))]),
        (
            _("Deputies"),
            [
                ("deputies:review_queue", _("Review claims")),
                ("deputies:activities", _("Activities")),
                *DEPUTIES_READ,
                ("deputies:thank_you_letters", _("Letters of thanks to employers")),
            ],
        ),
        (pgettext_lazy("menu", "Liaison stations"), STATIONS_READ),
        (pgettext_lazy("menu", "Suggestions"), SUGGESTIONS_READ),
        (_("Reports"), [("reports:home", _("Reports")), ("sheet_jobs", _("Exported files"))]),
        (None, [("admin:index", _("Admin"))]),
    ],
    Role.DEPUTY: [
        (None, [page])
        for page in [
            ("deputies:my_duties", _("My duties")),
            ("inbox", _("Notices")),
            ("deputies:log_duty", _("Log a duty")),
            ("deputies:my_archive", _("My archive")),
            ("suggestions:mine", _("My suggestions")),
            ("liaison_stations:visit_ledger", _("Visits")),
            ("liaison_stations:my_code", _("My QR code")),
            ("liaison_stations:directory", _("Stations")),
            ("sheet_jobs", _("Exported files")),
        ]
    ],
    Role.LEADERSHIP: [
        (None, [("reports:dashboard", _("Dashboard"))]),
        (_("Deputies"), DEPUTIES_READ),
        (pgettext_lazy("menu", "Liaison stations"), STATIONS_READ),
        (pgettext_lazy("menu", "Suggestions"), SUGGESTIONS_READ),
        (_("Reports"), [("reports:home", _("Reports")), ("sheet_jobs", _("Exported files"))]),
    ],
    Role.UNIT: [(None, [("unit_home", _("Awaiting my unit"))])],
}


def navigation(request):
    """The menu of the signed-in user's role: [(group label or None, [(url name, label)])]."""
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    return {"nav_groups": NAVIGATION.get(role, [])}
