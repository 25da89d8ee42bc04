from django import template
from django.contrib import admin

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_sidebar_menu(context):
    """The admin's sidebar menu, as congress_portal.admin_site keeps it."""
    return admin.site.nav_sidebar(context["request"], context["available_apps"])
