from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("Deputies")

    def ready(self):
        from congress_portal import panels

        from . import invitation_views, letters  # noqa: F401 (letters: its recovery)
        from . import panels as deputy_panels

        panels.register("staff_home", "staff_todo.html", deputy_panels.staff_todo)
        panels.register(
            "deputy_home", "deputies/invitations_panel.html", invitation_views.invitations_panel
        )
