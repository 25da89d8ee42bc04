"""Tests of `manage.py seed_demo`'s data.

The whole demo is built once for this package (conftest.py); the tests of the
command itself that need only the core's part run it with `seeders_up_to`.
"""

from contextlib import contextmanager

import pytest
from django.apps import apps

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


def row_counts():
    """Rows per model (many-to-many tables included)."""
    return {model: model.objects.count() for model in apps.get_models(include_auto_created=True)}
