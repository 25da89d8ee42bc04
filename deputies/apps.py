from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("Deputies")

    def ready(self):
        from congress_portal import panels

        from . import letters  # noqa: F401 (registers its recovery with the minute's sweep)
        from . import panels as deputy_panels

        panels.register("staff_home", "staff_todo.html", deputy_panels.staff_todo)
