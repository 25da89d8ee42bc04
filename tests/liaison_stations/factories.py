import datetime

import factory

from liaison_stations.models import DutyAssignment, DutySession, Station
from tests.deputies.factories import DeputyFactory
from tests.factories import StreetFactory


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    street = factory.SubFactory(StreetFactory)
    kind = Station.Kind.COMMUNITY
    name = factory.Sequence(lambda n: f"第{n}代表联络站")
    address = "青石路1号"
    opening_hours = "每周三上午"


class DutySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutySession

    station = factory.SubFactory(StationFactory)
    date = datetime.date(2026, 11, 25)


class DutyAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyAssignment

    session = factory.SubFactory(DutySessionFactory)
    deputy = factory.SubFactory(DeputyFactory)
