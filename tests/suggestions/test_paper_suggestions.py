"""Staff enter a suggestion a deputy handed in on paper (书面建议代录): the lead deputy
chosen with the deputy picker among their street's deputies, the co-signers who
signed the paper; recorded as entered on paper, it then goes through the usual steps."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from suggestions.models import CoSignature, Suggestion
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import StreetFactory, UserFactory
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory
from tests.suggestions.states import S, suggestion_in

pytestmark = pytest.mark.usefixtures("point_rules")
PAPER = reverse("suggestions:paper")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def session(db):
    return CongressSessionFactory()


@pytest.fixture
def lead(street, session):
    """A deputy with no login of their own, who handed the suggestion in on paper."""
    deputy = DeputyFactory(name="陈志远", street=street)
    MembershipFactory(deputy=deputy, term=session.term)
    return deputy


@pytest.fixture
def cosigner(street, session):
    deputy = DeputyFactory(name="王丽", street=street)
    MembershipFactory(deputy=deputy, term=session.term)
    return deputy


def paper_form(lead, session, cosigners=(), **changes):
    return {
        "lead": lead.pk,
        "title": "关于增设社区养老食堂的建议",
        "kind": Suggestion.Kind.BETWEEN_SESSIONS,
        "session": session.pk,
        "category": Suggestion.Category.LIVELIHOOD,
        "reasons": "社区老年人就餐不便。",
        "proposals": "在社区服务中心增设养老食堂。",
        "cosigners": [deputy.pk for deputy in cosigners],
        **changes,
    }


def test_staff_enter_a_paper_suggestion_for_a_deputy_of_their_street(
    staff, lead, cosigner, session
):
    response = client_as(staff).post(PAPER, paper_form(lead, session, [cosigner]))

    suggestion = Suggestion.objects.get()
    assert response.url == reverse("suggestions:detail", args=[suggestion.pk])
    assert suggestion.on_paper and suggestion.created_by == staff
    assert suggestion.lead == lead and suggestion.street == lead.street
    assert suggestion.state == Suggestion.State.DRAFT
    # The co-signers signed the paper: no invitation waits for a login they may not have.
    assert suggestion.cosignatures.get().state == CoSignature.State.CONFIRMED
    assert suggestion.history.latest().history_user == staff


def test_the_form_offers_the_deputy_picker_for_the_lead(staff, session):
    page = get_as(staff, PAPER).content.decode()

    assert "代录书面建议" in page
    assert 'name="lead"' in page and 'data-picker-url="/deputies/pick/"' in page


def test_a_deputy_of_another_street_is_refused_as_lead(staff, session):
    stranger = DeputyFactory(name="外街代表", street=StreetFactory(name="白鹭街道"))
    MembershipFactory(deputy=stranger, term=session.term)

    response = client_as(staff).post(PAPER, paper_form(stranger, session))

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_cosigner_of_another_street_is_refused(db, session, lead):
    district = UserFactory(role=Role.STAFF, street=None)
    stranger = DeputyFactory(name="外街代表", street=StreetFactory(name="白鹭街道"))
    MembershipFactory(deputy=stranger, term=session.term)

    response = client_as(district).post(PAPER, paper_form(lead, session, [stranger]))

    assert "附议人须是领衔代表所在街道的其他代表：外街代表" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_session_outside_the_leads_terms_is_refused(staff, lead):
    other_term_session = CongressSessionFactory(term__number=16, number=1)

    response = client_as(staff).post(PAPER, paper_form(lead, other_term_session))

    assert "领衔代表在该会议所属届次中没有代表资格" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_staff_of_another_street_get_a_404_for_a_paper_suggestion(staff, lead, session):
    client_as(staff).post(PAPER, paper_form(lead, session))
    suggestion = Suggestion.objects.get()
    neighbour = UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道"))

    for name in ["suggestions:edit_paper", "suggestions:detail"]:
        assert get_as(neighbour, reverse(name, args=[suggestion.pk])).status_code == 404


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("deputy", 403), ("leadership", 403), ("unit", 403), ("anonymous", LOGIN)],
)
def test_only_staff_use_the_paper_entry_page(personas, other_unit_account, persona, outcome):
    users = {**personas, "unit": other_unit_account}

    assert_outcome(get_as(users[persona], PAPER), outcome)


def test_a_deputys_own_draft_is_not_revised_on_the_paper_page(staff, my_deputy, session):
    own = SuggestionFactory(lead=my_deputy, session=session)

    assert get_as(staff, reverse("suggestions:edit_paper", args=[own.pk])).status_code == 404


def test_the_lead_deputy_does_not_revise_a_paper_suggestion_or_sign_for_others(
    staff, deputy, street, cosigner, session
):
    lead = DeputyFactory(name="陈志远", street=street, user=deputy)
    MembershipFactory(deputy=lead, term=session.term)
    client_as(staff).post(PAPER, paper_form(lead, session))
    suggestion = Suggestion.objects.get()
    edit = reverse("suggestions:edit", args=[suggestion.pk])

    page = get_as(deputy, reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    revised = client_as(deputy).post(edit, paper_form(lead, session, [cosigner]))

    assert edit not in page
    assert revised.status_code == 404 and not suggestion.cosignatures.exists()


def test_paper_suggestion_is_shown_as_such_and_staff_submit_it(staff, leader, lead, session):
    client_as(staff).post(PAPER, paper_form(lead, session))
    suggestion = Suggestion.objects.get()
    detail = reverse("suggestions:detail", args=[suggestion.pk])

    page = get_as(staff, detail).content.decode()
    assert "书面建议" in page and "代为录入" in page
    assert reverse("suggestions:edit_paper", args=[suggestion.pk]) in page
    assert "提交阅看" in page  # staff take the deputy's submit step for a paper suggestion

    step = reverse("suggestions:step", args=[suggestion.pk, "submit"])
    client_as(staff).post(step)

    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.SUBMITTED
    trail = suggestion.steps.get()
    assert trail.by == staff and "书面提交" in trail.comment and "陈志远" in trail.comment
    ledger = get_as(leader, reverse("suggestions:ledger")).content.decode()
    assert "书面" in ledger.split(suggestion.title)[1].split("</li>")[0]
    assert (
        "书面"
        in get_as(staff, f"/admin/suggestions/suggestion/{suggestion.pk}/change/").content.decode()
    )


def test_after_submission_the_usual_review_steps_follow(staff, lead, cosigner, session):
    client_as(staff).post(PAPER, paper_form(lead, session, [cosigner]))
    suggestion = take_step(Suggestion.objects.get(), "submit", staff)

    returned = take_step(suggestion, "return_for_revision", staff, comment="请补充调研数据。")
    assert returned.state == Suggestion.State.RETURNED
    revised = paper_form(lead, session, [cosigner], reasons="补充：辖区60岁以上老人2300人。")
    client_as(staff).post(reverse("suggestions:edit_paper", args=[suggestion.pk]), revised)
    suggestion.refresh_from_db()
    assert suggestion.reasons.startswith("补充") and suggestion.cosignatures.count() == 1

    take_step(suggestion, "submit", staff)
    accepted = take_step(suggestion, "accept", staff)

    assert accepted.state == Suggestion.State.ACCEPTED and accepted.number == 1
    points = {entry.deputy: entry.rule.code for entry in accepted.lead.point_entries.all()}
    assert points == {lead: "suggestion_lead"}
    assert cosigner.point_entries.get().rule.code == "suggestion_cosign"


def test_staff_may_not_submit_a_deputys_own_draft(staff, my_deputy, session):
    own = SuggestionFactory(lead=my_deputy, session=session)

    with pytest.raises(DomainError):
        take_step(own, "submit", staff)


def test_a_submitted_paper_suggestion_is_no_longer_revised(staff, lead, session):
    client_as(staff).post(PAPER, paper_form(lead, session))
    suggestion = take_step(Suggestion.objects.get(), "submit", staff)
    url = reverse("suggestions:edit_paper", args=[suggestion.pk])

    response = client_as(staff).post(url, paper_form(lead, session, title="改了"))

    assert response.url == reverse("suggestions:detail", args=[suggestion.pk])
    suggestion.refresh_from_db()
    assert suggestion.title == "关于增设社区养老食堂的建议"


def test_staff_record_the_evaluation_of_a_paper_suggestion_and_not_of_a_deputys_own(
    staff, lead, my_deputy
):
    paper = suggestion_in(S.ANSWERED, lead=lead, on_paper=True)
    own = suggestion_in(S.ANSWERED, lead=my_deputy)

    evaluated = take_step(paper, "evaluate", staff, evaluation=Suggestion.Evaluation.SATISFIED)

    assert evaluated.state in {S.CLOSED, S.FOLLOW_UP}
    assert evaluated.steps.get(name="evaluate").by == staff
    with pytest.raises(DomainError):
        take_step(own, "evaluate", staff, evaluation=Suggestion.Evaluation.SATISFIED)
    assert Suggestion.objects.get(pk=own.pk).state == S.ANSWERED


def test_a_paper_suggestion_moved_to_another_streets_lead_moves_to_that_street(
    district_staff, lead, session
):
    client_as(district_staff).post(PAPER, paper_form(lead, session))
    suggestion = Suggestion.objects.get()
    elsewhere = DeputyFactory(name="李强", street=StreetFactory(name="白鹭街道"))
    MembershipFactory(deputy=elsewhere, term=session.term)

    url = reverse("suggestions:edit_paper", args=[suggestion.pk])
    client_as(district_staff).post(url, paper_form(elsewhere, session))

    suggestion.refresh_from_db()
    assert (suggestion.lead, suggestion.street) == (elsewhere, elsewhere.street)
