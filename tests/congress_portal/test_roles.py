from django.contrib.auth.models import Group

from congress_portal.roles import Role


def codenames(role):
    return set(
        Group.objects.get(name=role.group_name).permissions.values_list("codename", flat=True)
    )


def test_migration_creates_one_group_per_role(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"工委工作人员", "人大代表", "领导"}


def test_staff_edit_geography_and_accounts_and_unlock_logins(db):
    granted = codenames(Role.STAFF)

    assert {"add_street", "change_community", "delete_community", "change_user"} <= granted
    assert "delete_loginattempt" in granted
    assert "delete_user" not in granted


def test_leadership_may_only_view(db):
    granted = codenames(Role.LEADERSHIP)

    assert {"view_street", "view_community"} <= granted
    assert all(codename.startswith("view_") for codename in granted)


def test_deputies_hold_no_admin_permission(db):
    assert codenames(Role.DEPUTY) == set()
