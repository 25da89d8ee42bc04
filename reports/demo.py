"""Demo data for reports: the main street's publicity records (宣传报道) of this
year and last, and this year's annual work summary with its narrative written
and its PDF rendered (eagerly, as everything runs in the demo).

Running it again changes nothing: it builds only while the main street has no
publicity record.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from congress_portal.demo import DISTRICT, MAIN_STREET
from congress_portal.models import Street, User
from deputies.models import Deputy

from . import services
from .models import Publicity

# (title, outlet, level)
REPORTS = [
    ("街道代表联络站开展“代表接待日”活动", "临江区融媒体中心", Publicity.Level.DISTRICT),
    ("人大代表走进社区倾听民声", "临江日报", Publicity.Level.DISTRICT),
    ("老旧小区加装电梯：代表建议推动民生实事落地", "临江发布", Publicity.Level.DISTRICT),
    ("青石街道探索代表履职积分管理", "市人大常委会网站", Publicity.Level.CITY),
    ("“家门口”的代表联络站", "市日报", Publicity.Level.CITY),
    ("基层人大工作的青石实践", "省人大网", Publicity.Level.PROVINCIAL),
    ("代表联络站里的“民生账本”", "临江日报", Publicity.Level.DISTRICT),
    ("街道人大工委组织代表视察垃圾分类工作", "临江区融媒体中心", Publicity.Level.DISTRICT),
]
NARRATIVE = {
    "stations": "街道以“九有”“六上墙”标准推进联络站规范化建设，中心联络站每月15日开展代表"
    "集中接待日活动，社区联络站每周安排代表轮值接待。",
    "shortcomings": "一是部分社区联络站活动形式较为单一，吸引力有待增强；二是少数代表进站履职"
    "次数偏少，履职积分偏低；三是建议办理的跟踪问效还需加强，办成率有待提高。",
    "plan": "围绕街道中心工作，进一步规范联络站运行，完善代表履职积分管理和履职提醒制度，"
    "加强重点建议督办，推动更多民生实事落地见效。",
}


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
    staff = User.objects.get(username="staff")
    with transaction.atomic():
        report = services.create_report(street, today.year, staff)
        for section in report.sections.all():
            key = section.topic or section.part
            if key in NARRATIVE:
                section.narrative = NARRATIVE[key]
                section.save()
        services.request_pdf(report, staff)
