from importlib import import_module

import pytest
from django.apps import apps

from tests.deputies.factories import DeputyFactory

default_rules = import_module("deputies.migrations.0002_default_point_rules")


@pytest.fixture
def point_rules(db):
    """The default rules the data migration seeds (a transactional test's flush
    removes migration data, so tests that need them ask for them)."""
    default_rules.add_default_rules(apps, None)


@pytest.fixture
def my_deputy(deputy, street, point_rules):
    """The Deputy record of the `deputy` persona's account."""
    return DeputyFactory(name="李建国", street=street, user=deputy)
