import pytest
from django.core.management import CommandError, call_command

from congress_portal.demo import DEMO_PASSWORD
from congress_portal.models import Community, Street, User
from tests.demo import seeders_up_to


@pytest.fixture
def development(settings):
    settings.DEBUG = True


@pytest.fixture
def core_only():
    """The core app's demo only, for tests of the command and the core's data: the
    other apps' demos take many seconds and have tests of their own."""
    with seeders_up_to("congress_portal"):
        yield


def test_demo_has_the_district_streets_and_communities(db, core_only, development):
    call_command("seed_demo")

    main = Street.objects.get(name="青石街道")
    assert main.district == "临江区"
    assert main.communities.count() == 16
    assert Street.objects.count() == 2
    assert Community.objects.filter(street__name="白鹭街道").exists()


def test_demo_has_one_login_per_role(db, core_only, development, capsys):
    call_command("seed_demo")

    printed = capsys.readouterr().out
    for username, role in [("staff", "staff"), ("deputy", "deputy"), ("leader", "leadership")]:
        user = User.objects.get(username=username)
        assert user.role == role
        assert user.check_password(DEMO_PASSWORD)
        assert f"{username} / {DEMO_PASSWORD}" in printed
    assert User.objects.get(username="staff").street.name == "青石街道"


def test_demo_is_deterministic(db, core_only, development):
    call_command("seed_demo")
    names = sorted(User.objects.values_list("name", flat=True))
    User.objects.all().delete()

    call_command("seed_demo")

    assert sorted(User.objects.values_list("name", flat=True)) == names


def test_demo_refuses_a_production_configuration(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="生产环境"):
        call_command("seed_demo")
    assert not Street.objects.exists()


def test_forced_production_demo_prints_no_password_and_sets_none(db, core_only, settings, capsys):
    settings.DEBUG = False

    call_command("seed_demo", force=True)

    assert DEMO_PASSWORD not in capsys.readouterr().out
    assert not User.objects.get(username="staff").has_usable_password()


def test_scale_grows_the_district(db, core_only, development):
    call_command("seed_demo", scale=2)

    assert Street.objects.count() == 3


def test_scale_below_one_is_refused(db, development):
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", scale=0)


def test_demo_says_which_app_it_is_building(db, core_only, development, capsys):
    call_command("seed_demo")

    printed = capsys.readouterr().out
    assert printed.index("正在生成演示数据：门户与区划") < printed.index("演示数据已就绪")
