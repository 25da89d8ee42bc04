import datetime

import factory

from deputies.models import (
    Activity,
    Attendance,
    Deputy,
    Level,
    Membership,
    PointEntry,
    PointRule,
    Term,
)
from tests.factories import StreetFactory


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"代表{n}")
    gender = "female"
    birth_year = 1975


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ["level", "number"]

    level = Level.DISTRICT
    number = 17
    starts_on = datetime.date(2021, 10, 1)
    ends_on = datetime.date(2026, 9, 30)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    deputy = factory.SubFactory(DeputyFactory)
    term = factory.SubFactory(TermFactory)
    began_on = datetime.date(2021, 10, 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    street = factory.SubFactory(StreetFactory)
    kind = Activity.Kind.INSPECTION
    theme = factory.Sequence(lambda n: f"视察主题{n}")
    organiser = "街道人大工委"
    held_on = datetime.date(2026, 5, 12)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    activity = factory.SubFactory(ActivityFactory)
    deputy = factory.SubFactory(DeputyFactory)


class PointEntryFactory(factory.django.DjangoModelFactory):
    """A pending claim; use services to move it on."""

    class Meta:
        model = PointEntry

    deputy = factory.SubFactory(DeputyFactory)
    rule = factory.LazyFunction(lambda: PointRule.objects.get(code="inspection_research_claim"))
    occurred_on = datetime.date(2026, 5, 12)
    points = factory.SelfAttribute("rule.points")
    source = PointEntry.Source.CLAIM
