"""Demo data for the core app: the district's streets, communities and one
account per role. `manage.py seed_demo` runs every app's `demo.seed(ctx)` in
INSTALLED_APPS order, so each app extends the demo from its own `demo.py`."""

import datetime
import random
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

from .models import Community, Street, User
from .roles import Role

SEED = 2022
DEMO_PASSWORD = "Demo-Portal-2026"
DISTRICT = "临江区"
MAIN_STREET = "青石街道"


def demo_words(demo_file):
    """The words an app's demo builds its records from: its demo.toml, beside
    its demo.py."""
    return tomllib.loads(Path(demo_file).with_suffix(".toml").read_text(encoding="utf-8"))


WORDS = demo_words(__file__)
MAIN_COMMUNITIES = WORDS["main_communities"]
NEIGHBOUR_STREET = "白鹭街道"
NEIGHBOUR_COMMUNITIES = WORDS["neighbour_communities"]
EXTRA_STREETS = WORDS["extra_streets"]
SURNAMES = WORDS["surnames"]
GIVEN = WORDS["given"]
ACCOUNTS = [
    ("staff", Role.STAFF),
    ("deputy", Role.DEPUTY),
    ("deputy2", Role.DEPUTY),
    ("leader", Role.LEADERSHIP),
]


@dataclass
class DemoContext:
    """What every app's seeder gets: the volume factor and a place to report."""

    scale: int = 1
    show_passwords: bool = True
    logins: list = field(default_factory=list)
    # (what it shows, tracking number, the phone's last four digits): printed at the end.
    tracked: list = field(default_factory=list)

    def random(self, name):
        """A generator of its own for each app, so one app's data never shifts another's."""
        return random.Random(f"{SEED}-{name}")

    def scaled(self, count):
        return count * self.scale


def chinese_name(rng):
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def moment(day, n=0):
    """The moment the demo takes its n-th step of a day at: office hours, a few
    minutes per step, never later than now."""
    start = datetime.datetime.combine(day, datetime.time(9)) + datetime.timedelta(minutes=7 * n)
    return min(timezone.make_aware(start), timezone.now())


def seed(ctx):
    main = seed_street(MAIN_STREET, MAIN_COMMUNITIES)
    seed_street(NEIGHBOUR_STREET, NEIGHBOUR_COMMUNITIES)
    for name in EXTRA_STREETS[: ctx.scale - 1]:
        seed_street(name, [f"{name[:2]}第{n}社区" for n in range(1, 13)])
    seed_accounts(ctx, main)


def seed_street(name, communities):
    street, _created = Street.objects.get_or_create(district=DISTRICT, name=name)
    for community in communities:
        Community.objects.get_or_create(street=street, name=community)
    return street


def seed_accounts(ctx, street):
    rng = ctx.random("accounts")
    password = DEMO_PASSWORD if ctx.show_passwords else None
    for username, role in ACCOUNTS:
        account(username, role, street, chinese_name(rng), password)
        ctx.logins.append((role.label, username))


def seed_unit_account(ctx, username, unit):
    """A demo login of a handling unit."""
    password = DEMO_PASSWORD if ctx.show_passwords else None
    account(username, Role.UNIT, unit.street, f"{unit.name}办公室", password, handling_unit=unit)
    ctx.logins.append((Role.UNIT.label, username))


def account(username, role, street, name, password=None, handling_unit=None):
    """The demo's login of that name, opened once; without a password no one can
    sign in with it until it is set (changepassword)."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "name": name,
            "street": street,
            "is_staff": role == Role.STAFF,
            "handling_unit": handling_unit,
        },
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=role.group_name))
    return user
