"""Every import of the admin (the roster, publicity, past years' records): its page and
its blank sheet are for the staff who may add the model; everyone else is refused."""

import pytest
from django.contrib import admin
from django.urls import reverse

from congress_portal.admin import BackgroundImportMixin
from tests.access import LOGIN, assert_outcome, get_as

IMPORTS = sorted(
    (model._meta.app_label, model._meta.model_name, model_admin.import_name)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, BackgroundImportMixin)
)


def test_every_past_record_has_its_import():
    assert {name for *_model, name in IMPORTS} >= {
        "deputy_roster_import", "past_activities_import", "point_entries_import",
        "visit_ledger_import", "past_suggestions_import",
    }  # fmt: skip


@pytest.fixture
def users(personas, other_unit_account):
    return {**personas, "unit": other_unit_account}


@pytest.mark.parametrize("app, model, name", IMPORTS)
@pytest.mark.parametrize(
    "persona, page, sheet",
    [("staff", 200, 200), ("deputy", LOGIN, 403), ("leadership", LOGIN, 403),
     ("unit", LOGIN, 403), ("anonymous", LOGIN, LOGIN)],
)  # fmt: skip
def test_the_import_page_and_blank_sheet_are_for_staff_only(
    users, app, model, name, persona, page, sheet
):
    import_page = get_as(users[persona], reverse(f"admin:{app}_{model}_import"))
    template = reverse("sheet_template", args=[name])

    if page == LOGIN:  # the admin's own login page
        assert import_page.status_code == 302
        assert import_page.url.startswith(reverse("admin:login"))
    else:
        assert import_page.status_code == page and template in import_page.content.decode()
    assert_outcome(get_as(users[persona], template), sheet)
