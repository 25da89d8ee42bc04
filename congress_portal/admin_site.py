import time
from urllib.parse import quote

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .scoping import is_district_wide

MENU_SECONDS = 60


class PortalAdminSite(admin.AdminSite):
    """Django's admin site, whose menu (the list of apps and models beside every admin
    page) is built and drawn once a minute for each kind of account, street and
    language, not on every page: it asked four permissions and two URLs of each of 40 models, then
    drew them, about a quarter of a list page's time. Every page still checks the
    permissions it needs; a menu is at most a minute behind a change of rights."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.menus = {}

    def get_app_list(self, request, app_label=None):
        if not self.has_permission(request):
            return []  # the login page, whose visitor has no menu (nor a street to ask)
        return self.remembered(
            (menu_key(request.user), app_label),
            lambda: super(PortalAdminSite, self).get_app_list(request, app_label),
        )

    def nav_sidebar(self, request, apps):
        """The sidebar's menu, with the app and the model of the page marked."""
        path = quote(request.path, safe="/")
        marked = tuple(url for url in menu_urls(apps) if url in path)
        context = {"app_list": apps, "show_changelinks": False, "request": request}
        return self.remembered(
            (menu_key(request.user), "sidebar", marked),
            lambda: render_to_string("admin/app_list.html", context),
        )

    def remembered(self, key, build):
        key = (*key, get_language())
        now = time.monotonic()
        built_at, value = self.menus.get(key, (None, None))
        if built_at is None or now - built_at > MENU_SECONDS:
            value = build()
            self.menus[key] = (now, value)
        return value


def menu_key(user):
    """What decides an account's menu: its permissions, its role and its street (a
    street that has its warning rules is offered none to add)."""
    permissions = frozenset(user.get_all_permissions())
    return user.is_superuser, is_district_wide(user), user.role, user.street_id, permissions


def menu_urls(apps):
    for app in apps:
        yield app["app_url"]
        yield from (model["admin_url"] for model in app["models"] if model["admin_url"])
