"""District-wide settings (point rules, warning rules, terms, congress sessions,
standard items, district handling units, periodic tasks): street staff read
them, only district-level accounts add, change, delete or revert them."""

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from congress_portal.models import HandlingUnit
from congress_portal.roles import Role
from deputies.models import PointRule, WarningRules
from liaison_stations.models import StandardItem
from tests.access import client_as, get_as
from tests.deputies.factories import TermFactory
from tests.factories import UserFactory
from tests.suggestions.factories import CongressSessionFactory

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture
def district_staff(db):
    return UserFactory(username="district", role=Role.STAFF, street=None)


def admin_url(record, page):
    opts = record._meta
    args = [] if page in {"add", "changelist"} else [record.pk]
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)


def rule_form(rule, points):
    return {"code": rule.code, "name": rule.name, "category": rule.category, "points": points,
            "needs_review": "on", "active": "on"}  # fmt: skip


@pytest.mark.parametrize("account, outcome, points", [("staff", 403, 3), ("district", 302, 4)])
def test_only_district_staff_change_a_point_rule(staff, district_staff, account, outcome, points):
    rule = PointRule.objects.get(code="inspection_research")
    user = staff if account == "staff" else district_staff

    response = client_as(user).post(admin_url(rule, "change"), rule_form(rule, 4))

    assert response.status_code == outcome
    rule.refresh_from_db()
    assert rule.points == points


def test_street_staff_cannot_change_point_rules_from_the_list(staff):
    rule = PointRule.objects.get(code="inspection_research")
    form = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": rule.pk,
            "form-0-points": "4", "form-0-active": "on", "_save": "保存"}  # fmt: skip

    response = client_as(staff).post(reverse("admin:deputies_pointrule_changelist"), form)

    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.points == 3


def district_settings():
    return [
        PointRule.objects.first(),
        WarningRules.current(),
        TermFactory(),
        CongressSessionFactory(),
        StandardItem.objects.first(),
        PeriodicTask.objects.first(),
    ]


def test_street_staff_read_district_settings_but_change_none(staff):
    client = client_as(staff)
    for setting in district_settings():
        label = setting._meta.label
        assert client.get(admin_url(setting, "changelist")).status_code == 200, label
        assert client.get(admin_url(setting, "change")).status_code == 200, label
        assert 'name="_save"' not in client.get(admin_url(setting, "change")).content.decode()
        assert client.post(admin_url(setting, "change"), {}).status_code == 403, label
        assert client.get(admin_url(setting, "add")).status_code == 403, label
        assert client.get(admin_url(setting, "delete")).status_code == 403, label
        assert client.post(admin_url(setting, "delete"), {"post": "yes"}).status_code == 403
        assert type(setting).objects.filter(pk=setting.pk).exists(), label


def test_district_staff_may_change_district_settings(district_staff):
    client = client_as(district_staff)
    for setting in district_settings():
        page = client.get(admin_url(setting, "change")).content.decode()
        assert 'name="_save"' in page, setting._meta.label


def test_street_staff_read_district_units_and_edit_their_streets_own(staff, street):
    district_unit = HandlingUnit.objects.create(name="区住建局", kind="department")
    own_unit = HandlingUnit.objects.create(name="青石社区居委会", kind="residents_committee",
                                           street=street)  # fmt: skip
    client = client_as(staff)

    assert 'name="_save"' not in client.get(admin_url(district_unit, "change")).content.decode()
    assert client.post(admin_url(district_unit, "change"), {"name": "改名"}).status_code == 403
    assert client.post(admin_url(district_unit, "delete"), {"post": "yes"}).status_code == 403
    assert 'name="_save"' in client.get(admin_url(own_unit, "change")).content.decode()
    district_unit.refresh_from_db()
    assert district_unit.name == "区住建局"


def test_street_staff_cannot_run_or_toggle_periodic_tasks(staff, district_staff):
    url = reverse("admin:django_celery_beat_periodictask_changelist")
    task = PeriodicTask.objects.get(task="congress_portal.tasks.sweep_outbox")
    action = {"action": "disable_tasks", "_selected_action": [task.pk]}

    assert get_as(staff, url).context["action_form"] is None
    client_as(staff).post(url, action)
    task.refresh_from_db()
    assert task.enabled

    client_as(district_staff).post(url, action)
    task.refresh_from_db()
    assert not task.enabled
