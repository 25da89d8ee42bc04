from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from congress_portal import panels

        from . import panels as report_panels

        panels.register(
            "deputy_archive_tools", "reports/panels/archive_pdf.html", report_panels.archive_pdf
        )
