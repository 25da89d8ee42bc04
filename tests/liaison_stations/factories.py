import datetime

import factory

from congress_portal.models import HandlingUnit
from liaison_stations.models import Constituent, DutyAssignment, DutySession, Station, Visit
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


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    station = factory.SubFactory(StationFactory)
    received_on = datetime.date(2026, 11, 18)
    matter = factory.Sequence(lambda n: f"小区噪音扰民问题{n}")
    category = Visit.Category.ENVIRONMENT


class ConstituentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituent

    visit = factory.SubFactory(VisitFactory)
    name = "陈阿姨"
    phone = "13812345678"


class HandlingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandlingUnit
        django_get_or_create = ["name"]

    name = "区住建局"
    kind = HandlingUnit.Kind.DEPARTMENT
