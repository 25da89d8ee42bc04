"""`manage.py seed_demo` run over the demo it built."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command

from congress_portal.roles import PORTAL_APPS


def snapshot():
    """Every row of the portal's apps and the role groups' members, as data."""
    rows = []
    for label in PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            rows += serializers.serialize("python", model.objects.order_by("pk"))
    members = {group.name: sorted(group.user_set.values_list("username", flat=True))
               for group in Group.objects.all()}  # fmt: skip
    return rows, members


def test_seed_twice_is_the_same_as_once(db):
    once = snapshot()

    call_command("seed_demo", force=True)

    assert snapshot() == once
