from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonStationsConfig(AppConfig):
    name = "liaison_stations"
    verbose_name = _("Liaison stations")

    def ready(self):
        from congress_portal import panels, sheet_kinds

        from . import export, qr
        from . import panels as station_panels

        sheet_kinds.register(export.VISIT_LEDGER)
        sheet_kinds.register(qr.QR_POSTERS)
        panels.register("staff_home", "staff_todo.html", station_panels.staff_todo)
        panels.register(
            "deputy_home", "liaison_stations/panels/next_duty.html", station_panels.next_duty
        )
        panels.register(
            "deputy_home",
            "liaison_stations/panels/matters_for_me.html",
            station_panels.matters_for_me,
        )
        panels.register(
            "unit_home", "liaison_stations/panels/awaiting_unit.html", station_panels.awaiting_unit
        )
        panels.register(
            "deputy_archive",
            "liaison_stations/panels/duty_record.html",
            station_panels.duty_record,
        )
        panels.register(
            "deputy_archive",
            "liaison_stations/panels/visits_received.html",
            station_panels.visits_received,
        )
