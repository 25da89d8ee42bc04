"""Running part of `manage.py seed_demo` in tests.

An app's demo builds only on the apps below it (INSTALLED_APPS order), so the
tests of one app's demo, or of the command itself, need not wait for the demos
of the apps above it (the liaison stations' demo alone takes many seconds).
"""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from congress_portal.management.commands import seed_demo


@contextmanager
def seeders_up_to(app_label):
    """Within the block, seed_demo runs the seeders of `app_label` and the apps below it."""
    labels = []
    for app_config in apps.get_app_configs():
        labels.append(app_config.name)
        if app_config.label == app_label:
            break
    every_seeder = seed_demo.demo_seeders

    def some_seeders():
        return (seed for seed in every_seeder() if seed.__module__.rpartition(".")[0] in labels)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seed_demo, "demo_seeders", some_seeders)
        yield


@contextmanager
def seeded_demo(app_label, django_db_blocker):
    """For a module-scoped fixture: the demo up to `app_label`, rolled back afterwards."""
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=fast_hashing),
        seeders_up_to(app_label),
        transaction.atomic(),
    ):
        call_command("seed_demo")
        yield
        transaction.set_rollback(True)
