"""Personas shared by every test: committee staff, a deputy, another deputy,
leadership, and anonymous (a client with nobody logged in)."""

import os
import shutil
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.cache import caches
from django.utils import translation

from congress_portal import celery_app
from congress_portal.roles import Role
from tests.brokers import PrivateRedis
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory

default_rules = import_module("deputies.migrations.0002_default_point_rules")
claim_rules = import_module("deputies.migrations.0007_claimable_rules_and_published_quarters")

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def celery_runs_eagerly(request):
    """Tasks run in-process except in tests that use a real worker."""
    eager = request.node.get_closest_marker("redis") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def local_cache(settings):
    """Tests cache in their own process's memory, never in the shared Redis (whose
    entries time_machine cannot age), and start with nothing cached, the admin's
    menus included."""
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": settings.LOCAL_MEMORY}}
    for each in caches.all():
        each.clear()
    admin.site.menus.clear()


@pytest.fixture(autouse=True)
def chinese():
    """Outside a request too, messages are in the portal's only language."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture(autouse=True)
def stored_files(settings, tmp_path):
    """Each test stores its files in a folder of its own, and files are sent from there."""
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def street(db):
    return StreetFactory(name="青石街道")


@pytest.fixture
def staff(street):
    return UserFactory(username="staff", role=Role.STAFF, street=street)


@pytest.fixture
def district_staff(db):
    """Committee staff of the district: no street of their own, every street's rows."""
    return UserFactory(username="district", role=Role.STAFF, street=None)


@pytest.fixture
def other_unit_account(db):
    """The account of a handling unit given nothing in the test: it sees none of it."""
    unit = HandlingUnitFactory(name="区教育局")
    return UserFactory(username="jiaoyuju", role=Role.UNIT, handling_unit=unit)


@pytest.fixture
def deputy(db):
    return UserFactory(username="deputy", role=Role.DEPUTY)


@pytest.fixture
def other_deputy(db):
    return UserFactory(username="deputy2", role=Role.DEPUTY)


@pytest.fixture
def leader(street):
    return UserFactory(username="leader", role=Role.LEADERSHIP, street=street)


@pytest.fixture
def personas(staff, deputy, leader):
    """Role name → user, plus "anonymous" → None, for persona matrices."""
    return {"staff": staff, "deputy": deputy, "leadership": leader, "anonymous": None}


@pytest.fixture
def point_rules(db):
    """The default rules the data migration seeds (a transactional test's flush
    removes migration data, so tests that need them ask for them)."""
    default_rules.add_default_rules(apps, None)
    claim_rules.ship_claim_rules(apps, None)


@pytest.fixture
def my_deputy(deputy, street, point_rules):
    """The Deputy record of the `deputy` persona's account."""
    return DeputyFactory(name="李建国", street=street, user=deputy)


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of the test's own, which it may stop and start again."""
    executable = shutil.which("redis-server")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: CI runs the tests that stop Redis")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(executable, tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def pytest_collection_modifyitems(config, items):
    """Without REDIS_URL the Redis tests are skipped locally, but never on CI."""
    if os.environ.get("REDIS_URL"):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI must set REDIS_URL: the Redis and worker tests may not skip.")
    skip = pytest.mark.skip(reason="REDIS_URL is not set")
    for item in items:
        if item.get_closest_marker("redis"):
            item.add_marker(skip)
