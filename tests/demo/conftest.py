"""The demo, built once for every test of this package.

Seeding goes through the services and takes most of a minute, so the package
builds it once, inside a transaction rolled back when its last test is done;
each test runs in a savepoint of it, as usual. pytest-django runs these tests
with the other database tests, before any test that flushes the database.
"""

from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.demo import row_counts


@pytest.fixture(scope="package", autouse=True)
def demo(django_db_setup, django_db_blocker):
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast_hashing),
        transaction.atomic(),
    ):
        call_command("seed_demo", force=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@dataclass
class Scaling:
    """Rows per model before `seed_demo --scale 2`, after it, and after running it again."""

    before: dict
    once: dict
    twice: dict

    def added(self, model):
        return self.once[model] - self.before[model]


@pytest.fixture(scope="module")
def scaled_demo(demo, django_db_blocker):
    """The demo grown by `--scale 2` (run twice), for one module; undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        before = row_counts()
        call_command("seed_demo", scale=2, force=True, stdout=StringIO())
        once = row_counts()
        call_command("seed_demo", scale=2, force=True, stdout=StringIO())
        yield Scaling(before, once, row_counts())
        transaction.set_rollback(True)
