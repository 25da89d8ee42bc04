"""The four roles, their groups and the permissions each group holds."""

from django.apps import apps as installed_apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Committee staff")
    DEPUTY = "deputy", _("Deputy")
    LEADERSHIP = "leadership", _("Leadership")
    UNIT = "unit", _("Handling unit")

    @property
    def group_name(self):
        """The auth Group's name: shown to staff in the admin, so in Chinese."""
        return GROUP_NAMES[self]


# The roles that read everything in their streets: dashboards, ledgers, archives.
READERS = (Role.STAFF, Role.LEADERSHIP)

GROUP_NAMES = {
    Role.STAFF: "工委工作人员",
    Role.DEPUTY: "人大代表",
    Role.LEADERSHIP: "领导",
    Role.UNIT: "承办单位",
}

PORTAL_APPS = ["congress_portal", "deputies", "liaison_stations", "suggestions", "reports"]
# Periodic tasks and their schedules (django-celery-beat): the admin lets only
# district-level staff change them, street staff read them.
SCHEDULES_APP = "django_celery_beat"


def sync_role_groups(apps, schema_editor=None):
    """Create the role groups and give them their permissions.

    Staff may do everything in the portal's apps and the periodic tasks, view
    and edit accounts and unlock locked-out logins (the admin narrows what
    street staff may change to their street); leadership may view everything in the portal's
    apps; deputies and handling units act only through the portal's own pages, never the
    admin.

    Runs from the data migration that creates the groups, and again after
    every `migrate` (post_migrate), so that models added by later apps are
    granted too and a test database flush gets its groups back.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Migration states leave models_module unset, which create_permissions skips.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    portal = Permission.objects.filter(content_type__app_label__in=PORTAL_APPS)
    accounts = Permission.objects.filter(
        content_type__app_label="congress_portal",
        content_type__model="user",
        codename__in=["view_user", "add_user", "change_user"],
    )
    schedules = Permission.objects.filter(content_type__app_label=SCHEDULES_APP)
    grants = {
        Role.STAFF: portal.exclude(content_type__model="user") | accounts | schedules,
        Role.LEADERSHIP: portal.filter(codename__startswith="view_").exclude(
            content_type__model="user"
        ),
        Role.DEPUTY: Permission.objects.none(),
        Role.UNIT: Permission.objects.none(),
    }
    for role, permissions in grants.items():
        group, _created = Group.objects.get_or_create(name=role.group_name)
        group.permissions.set(permissions)


def sync_role_groups_after_migrate(sender, apps=installed_apps, **kwargs):
    """post_migrate receiver; `flush` sends no `apps`, so default to the installed ones."""
    sync_role_groups(apps)
