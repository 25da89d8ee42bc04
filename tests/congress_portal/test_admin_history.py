"""django-simple-history's pages in the admin: read and revert only what the
change page shows, revert only with the right to change, through the form."""

import pytest
from django.urls import reverse

from congress_portal.roles import Role
from suggestions.models import Suggestion
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory
from tests.suggestions.factories import SuggestionFactory


def history_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])


def version_url(record, version=None):
    opts = record._meta
    version = version or record.history.earliest()
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[record.pk, version.history_id],
    )


@pytest.fixture
def neighbours_suggestion(db):
    lead = DeputyFactory(street=StreetFactory(name="白鹭街道"), phone="13900001111")
    return SuggestionFactory(lead=lead, title="关于白鹭菜市场改造的建议")


def test_another_streets_history_is_not_found(staff, neighbours_suggestion):
    deputy = neighbours_suggestion.lead

    for url in [history_url(deputy), version_url(deputy), version_url(neighbours_suggestion)]:
        response = get_as(staff, url)
        assert response.status_code == 404
        assert "13900001111" not in response.content.decode()


def test_another_streets_record_cannot_be_reverted(staff, neighbours_suggestion):
    form = {"title": "改掉的标题", "kind": neighbours_suggestion.kind,
            "session": neighbours_suggestion.session_id, "category": "urban",
            "reasons": "理由", "proposals": "建议"}  # fmt: skip

    response = client_as(staff).post(version_url(neighbours_suggestion), form)

    assert response.status_code == 404
    neighbours_suggestion.refresh_from_db()
    assert neighbours_suggestion.title == "关于白鹭菜市场改造的建议"


def test_another_streets_deputy_cannot_be_moved_by_a_revert(staff, street):
    deputy = DeputyFactory(street=StreetFactory(name="白鹭街道"))
    form = {"street": street.pk, "name": deputy.name, "gender": deputy.gender}

    response = client_as(staff).post(version_url(deputy), form)

    assert response.status_code == 404
    deputy.refresh_from_db()
    assert deputy.street.name == "白鹭街道"


def test_a_deleted_record_keeps_its_history_in_its_street(staff, street):
    deleted_here = DeputyFactory(street=street)
    deleted_there = DeputyFactory(street=StreetFactory(name="白鹭街道"))
    urls = {}
    for deputy in [deleted_here, deleted_there]:
        urls[deputy.name] = [history_url(deputy), version_url(deputy)]
        deputy.delete()

    assert [get_as(staff, url).status_code for url in urls[deleted_here.name]] == [200, 200]
    assert [get_as(staff, url).status_code for url in urls[deleted_there.name]] == [404, 404]


def test_district_staff_read_every_streets_history(neighbours_suggestion):
    district_staff = UserFactory(role=Role.STAFF, street=None)

    assert get_as(district_staff, history_url(neighbours_suggestion)).status_code == 200
    assert get_as(district_staff, version_url(neighbours_suggestion)).status_code == 200


def test_a_revert_changes_only_the_forms_fields(staff, street):
    suggestion = SuggestionFactory(lead=DeputyFactory(street=street), title="旧标题")
    first = suggestion.history.get()
    suggestion.title = "新标题"
    suggestion.state = Suggestion.State.SUBMITTED
    suggestion.save()
    form = {"title": "旧标题", "kind": suggestion.kind, "session": suggestion.session_id,
            "category": suggestion.category, "reasons": suggestion.reasons,
            "proposals": suggestion.proposals}  # fmt: skip

    response = client_as(staff).post(version_url(suggestion, first), form)

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.title, suggestion.state) == ("旧标题", Suggestion.State.SUBMITTED)


def test_a_revert_cannot_move_a_record_into_another_street(staff, street):
    deputy = DeputyFactory(street=street)
    elsewhere = StreetFactory(name="白鹭街道")
    form = {"street": elsewhere.pk, "name": deputy.name, "gender": deputy.gender}

    response = client_as(staff).post(version_url(deputy), form, follow=True)

    assert "未能恢复到该版本" in response.content.decode()
    deputy.refresh_from_db()
    assert deputy.street == street


@pytest.mark.usefixtures("point_rules")
def test_a_read_only_record_is_viewed_in_history_but_never_reverted(staff, street):
    entry = PointEntryFactory(deputy=DeputyFactory(street=street), description="视察")
    form = {"deputy": entry.deputy_id, "rule": entry.rule_id, "occurred_on": "2020-01-01"}

    page = get_as(staff, version_url(entry))
    revert = client_as(staff).post(version_url(entry), form)

    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert revert.status_code == 403
    entry.refresh_from_db()
    assert str(entry.occurred_on) == "2026-05-12"


def test_a_deleted_record_is_not_recreated_by_a_revert(staff, street):
    deputy = DeputyFactory(street=street, name="周晓梅")
    url = version_url(deputy)
    deputy.delete()
    form = {"street": street.pk, "name": "周晓梅", "gender": "female"}

    assert client_as(staff).post(url, form).status_code == 403
    assert not street.deputies.exists()


@pytest.mark.parametrize("version", ["abc", "999999"])
def test_an_unknown_version_is_not_found(staff, street, version):
    deputy = DeputyFactory(street=street)
    url = reverse("admin:deputies_deputy_simple_history", args=[deputy.pk, version])

    assert get_as(staff, url).status_code == 404
    assert get_as(staff, reverse("admin:deputies_deputy_history", args=["abc"])).status_code == 404
