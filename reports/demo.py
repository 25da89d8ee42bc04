"""Demo data for reports: the main street's publicity records (宣传报道) of this
year and last, the committee's work records of this year, and this year's annual
work summary as the portal drafts it, its PDF rendered (eagerly, as everything runs
in the demo).

Running it again changes nothing: it builds only while the main street has no
publicity record.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from congress_portal.demo import DISTRICT, MAIN_STREET, demo_words
from congress_portal.models import Street, User
from deputies.models import Deputy
from liaison_stations.models import Station

from . import services
from .models import Publicity, WorkRecord

WORDS = demo_words(__file__)
REPORTS = WORDS["reports"]


def seed(ctx):
    street = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    if Publicity.objects.filter(street=street).exists():
        return
    rng = ctx.random("reports")
    today = timezone.localdate()
    deputies = list(Deputy.objects.filter(street=street).order_by("pk")[:40])
    for number, (title, outlet, level) in enumerate(REPORTS):
        record = Publicity.objects.create(
            street=street,
            title=title,
            outlet=outlet,
            level=level,
            published_on=today - datetime.timedelta(days=20 + 41 * number),
        )
        record.deputies.set(rng.sample(deputies, k=min(2, len(deputies))))
    station = Station.objects.filter(street=street).order_by("pk").first()
    for kind, days_ago, title in WORDS["records"]:
        WorkRecord.objects.create(
            street=street,
            kind=kind,
            happened_on=max(
                today - datetime.timedelta(days=days_ago), today.replace(month=1, day=1)
            ),
            title=title,
            station=station if kind == WorkRecord.Kind.DELEGATION else None,
        )
    staff = User.objects.get(username="staff")
    with transaction.atomic():
        report = services.create_report(street, today.year, staff)
        services.request_pdf(report, staff)
