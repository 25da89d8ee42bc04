from django.utils.translation import gettext_lazy as _

from .roles import Role

NAVIGATION = {
    Role.STAFF: [("admin:index", _("Admin")), ("reports:home", _("Reports"))],
    Role.DEPUTY: [("deputies:my_duties", _("My duties"))],
    Role.LEADERSHIP: [("reports:home", _("Reports"))],
}


def navigation(request):
    """The menu entries of the signed-in user's role, as (url name, label)."""
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    return {"nav_items": NAVIGATION.get(role, [])}
