import axes.apps
import django.contrib.admin.apps
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CongressPortalConfig(AppConfig):
    default = True  # this module also holds AxesConfig
    name = "congress_portal"
    verbose_name = _("Portal and geography")

    def ready(self):
        # documents and health register their recoveries with the sweep
        from . import documents, health, panels, views  # noqa: F401
        from .roles import sync_role_groups_after_migrate

        panels.register("deputy_home", "inbox_panel.html", views.inbox_panel)

        post_migrate.connect(sync_role_groups_after_migrate, sender=self)


class AxesConfig(axes.apps.AppConfig):
    """django-axes under a Chinese name: staff unlock locked-out logins there."""

    verbose_name = _("Login security")


class AdminConfig(django.contrib.admin.apps.AdminConfig):
    """Django's admin, on the portal's site (its menu kept, see congress_portal.admin_site)."""

    default = False  # named in INSTALLED_APPS
    default_site = "congress_portal.admin_site.PortalAdminSite"
