"""Demo data for the core app: the district's streets, communities and one
account per role. `manage.py seed_demo` runs every app's `demo.seed(ctx)` in
INSTALLED_APPS order, so each app extends the demo from its own `demo.py`."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from .models import Community, Street, User
from .roles import Role

SEED = 2022
DEMO_PASSWORD = "Demo-Portal-2026"
DISTRICT = "临江区"
MAIN_STREET = "青石街道"
MAIN_COMMUNITIES = [
    "青石社区", "桂花社区", "新华社区", "滨江社区", "柳岸社区", "望湖社区", "东园社区", "西园社区",
    "南门社区", "北苑社区", "锦绣社区", "和平社区", "文昌社区", "康乐社区", "翠竹社区", "长乐社区",
]  # fmt: skip
NEIGHBOUR_STREET = "白鹭街道"
NEIGHBOUR_COMMUNITIES = ["白鹭社区", "金沙社区", "银杏社区", "清泉社区", "枫林社区", "荷塘社区"]
# With --scale the district grows to up to 20 streets of 12 communities.
EXTRA_STREETS = [
    "东湖街道", "西岭街道", "南山街道", "北关街道", "城南街道", "城北街道", "江滨街道", "湖畔街道",
    "龙泉街道", "凤鸣街道", "梅林街道", "松柏街道", "丹桂街道", "紫荆街道", "石桥街道", "新城街道",
    "兴华街道", "安宁街道",
]  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万钱严赖覃洪武莫孔"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文春梅海燕林波宁晨欣怡佳慧颖琳婷雪晓俊浩宇鹏飞鑫辉斌峰"  # noqa: E501
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


def account(username, role, street, name, password=None):
    """The demo's login of that name, opened once; without a password no one can
    sign in with it until it is set (changepassword)."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"name": name, "street": street, "is_staff": role == Role.STAFF},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=role.group_name))
    return user
