"""District-wide settings (point rules, warning rules, terms, congress sessions,
standard items, district handling units, periodic tasks): street staff read
them, only district-level accounts add, change, delete or revert them. Point
rules, warning rules and handling units are the district's rows that a street's
own rows override or join: those street staff add and edit for their street."""

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from congress_portal.models import HandlingUnit
from congress_portal.scoping import declaration
from deputies.models import PointRule, WarningRules
from liaison_stations.models import StandardItem
from tests.access import client_as, get_as
from tests.deputies.factories import TermFactory
from tests.factories import StreetFactory
from tests.suggestions.factories import CongressSessionFactory

pytestmark = pytest.mark.usefixtures("point_rules")
# The admin's answer for a row the user does not see, or may not delete.
NOT_THERE = {302, 403, 404}


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
    ]


def test_street_staff_read_district_settings_but_change_none(staff):
    client = client_as(staff)
    for setting in district_settings():
        label = setting._meta.label
        assert client.get(admin_url(setting, "changelist")).status_code == 200, label
        assert client.get(admin_url(setting, "change")).status_code == 200, label
        assert 'name="_save"' not in client.get(admin_url(setting, "change")).content.decode()
        assert client.post(admin_url(setting, "change"), {}).status_code == 403, label
        if not declaration(type(setting), "district_rows_shared"):
            assert client.get(admin_url(setting, "add")).status_code == 403, label
        assert client.get(admin_url(setting, "delete")).status_code == 403, label
        assert client.post(admin_url(setting, "delete"), {"post": "yes"}).status_code == 403
        assert type(setting).objects.filter(pk=setting.pk).exists(), label


def test_street_staff_do_not_open_the_periodic_tasks(staff):
    client = client_as(staff)
    task = PeriodicTask.objects.first()

    assert client.get(admin_url(task, "changelist")).status_code == 403
    assert client.get(admin_url(task, "change")).status_code == 403
    assert "django_celery_beat" not in client.get(reverse("admin:index")).content.decode()


def test_district_staff_may_change_district_settings(district_staff):
    client = client_as(district_staff)
    for setting in [*district_settings(), PeriodicTask.objects.first()]:
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

    assert get_as(staff, url).status_code == 403
    client_as(staff).post(url, action)
    task.refresh_from_db()
    assert task.enabled

    client_as(district_staff).post(url, action)
    task.refresh_from_db()
    assert not task.enabled


@pytest.fixture
def other_street(db):
    return StreetFactory(name="白鹭街道")


def test_street_staff_override_a_district_rule_for_their_street(staff, street):
    rule = PointRule.objects.get(code="publicity")

    form = rule_form(rule, 5) | {"street": street.pk}

    response = client_as(staff).post(admin_url(rule, "add"), form)

    assert response.status_code == 302
    assert PointRule.objects.for_street(street).get(code="publicity").points == 5
    rule.refresh_from_db()
    assert (rule.street, rule.points) == (None, 2)


def test_street_staff_edit_and_delete_their_streets_own_rule(staff, street):
    own = PointRule.objects.create(
        street=street, code="publicity", name="宣传", category="publicity", points=5
    )
    client = client_as(staff)

    assert client.post(admin_url(own, "change"), rule_form(own, 6)).status_code == 302
    own.refresh_from_db()
    assert own.points == 6
    assert client.post(admin_url(own, "delete"), {"post": "yes"}).status_code == 302
    assert PointRule.objects.for_street(street).get(code="publicity").street is None


def test_street_staff_cannot_touch_another_streets_rules(staff, other_street):
    theirs = PointRule.objects.create(street=other_street, code="publicity", name="宣传",
                                      category="publicity", points=5)  # fmt: skip
    thresholds = WarningRules.objects.create(street=other_street, min_points=3)
    client = client_as(staff)

    for row, form in [(theirs, rule_form(theirs, 9)), (thresholds, {"min_points": 9})]:
        assert client.get(admin_url(row, "change")).status_code in NOT_THERE
        assert client.post(admin_url(row, "change"), form).status_code in NOT_THERE
        assert client.post(admin_url(row, "delete"), {"post": "yes"}).status_code in NOT_THERE
    theirs.refresh_from_db()
    thresholds.refresh_from_db()
    assert (theirs.points, thresholds.min_points) == (5, 3)


def test_street_staff_cannot_add_a_rule_for_another_street(staff, other_street):
    rule = PointRule.objects.get(code="publicity")
    form = rule_form(rule, 9) | {"street": other_street.pk}

    response = client_as(staff).post(admin_url(rule, "add"), form)

    assert response.status_code == 200 and "street" in response.context["adminform"].form.errors
    assert not PointRule.objects.filter(street=other_street).exists()


def test_street_staff_set_their_streets_own_thresholds(staff, street):
    district = WarningRules.current()
    client = client_as(staff)
    form = {"street": street.pk, "min_points": 5, "months_without_duty": 3}

    assert client.post(admin_url(district, "add"), form).status_code == 302
    assert WarningRules.in_force()[street.pk].min_points == 5
    assert client.get(admin_url(district, "add")).status_code == 403  # one set per street
    district.refresh_from_db()
    assert district.min_points == 20


def test_a_built_in_rule_is_deactivated_but_never_deleted(district_staff):
    rule = PointRule.objects.get(code="station_duty")
    client = client_as(district_staff)

    assert client.post(admin_url(rule, "delete"), {"post": "yes"}).status_code == 403
    deactivated = rule_form(rule, 2)
    del deactivated["active"]
    assert client.post(admin_url(rule, "change"), deactivated).status_code == 302
    rule.refresh_from_db()
    assert not rule.active


def test_the_delete_action_keeps_built_in_rules_and_says_so(district_staff):
    built_in = PointRule.objects.get(code="station_duty")
    own = PointRule.objects.create(code="volunteering", name="志愿服务", category="activity",
                                   points=1)  # fmt: skip
    action = {"action": "delete_selected", "_selected_action": [built_in.pk, own.pk]}
    client = client_as(district_staff)

    page = client.post(admin_url(own, "changelist"), action, follow=True).content.decode()
    client.post(admin_url(own, "changelist"), {**action, "_selected_action": [own.pk],
                                               "post": "yes"})  # fmt: skip

    assert "未删除：代表联络站值班" in page
    assert PointRule.objects.filter(pk=built_in.pk).exists()
    assert not PointRule.objects.filter(pk=own.pk).exists()
