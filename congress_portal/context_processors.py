from django.utils.translation import gettext_lazy as _

from .roles import Role

# What staff and leadership both read.
READING = [
    ("deputies:ranking", _("Points ranking")),
    ("deputies:at_risk", _("Early warning")),
    ("liaison_stations:visit_ledger", _("Visits")),
    ("liaison_stations:coverage", _("Stations")),
    ("suggestions:ledger", _("Suggestions")),
    ("suggestions:signals", _("Time left to answer")),
]
NAVIGATION = {
    Role.STAFF: [
        ("admin:index", _("Admin")),
        ("deputies:review_queue", _("Review claims")),
        *READING,
        ("deputies:thank_you_letters", _("Letters of thanks to employers")),
        ("reports:home", _("Reports")),
        ("sheet_jobs", _("Exported files")),
    ],
    Role.DEPUTY: [
        ("deputies:my_duties", _("My duties")),
        ("deputies:log_duty", _("Log a duty")),
        ("deputies:my_archive", _("My archive")),
        ("suggestions:mine", _("My suggestions")),
        ("liaison_stations:visit_ledger", _("Visits")),
        ("liaison_stations:my_code", _("My QR code")),
        ("liaison_stations:directory", _("Stations")),
        ("sheet_jobs", _("Exported files")),
    ],
    Role.LEADERSHIP: [
        ("reports:home", _("Reports")),
        ("reports:dashboard", _("Dashboard")),
        *READING,
        ("sheet_jobs", _("Exported files")),
    ],
    Role.UNIT: [("unit_home", _("Awaiting my unit"))],
}


def navigation(request):
    """The menu entries of the signed-in user's role, as (url name, label)."""
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    return {"nav_items": NAVIGATION.get(role, [])}
