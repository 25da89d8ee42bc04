"""The suggestion pages for each persona: who may open what, what they see, and
the fixed number of queries of the lists."""

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from congress_portal.models import SheetJob
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from suggestions.models import Answer, Attachment, CoSignature, Suggestion, UnitAssignment
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.queries import assert_fixed_queries
from tests.sheets import export_url, run_export, sheet_rows
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory

pytestmark = pytest.mark.usefixtures("point_rules")
TODAY = datetime.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def session(db):
    return CongressSessionFactory()


@pytest.fixture
def cosigner(other_deputy, street):
    return DeputyFactory(name="王丽", street=street, user=other_deputy)


@pytest.fixture
def suggestion(my_deputy, cosigner, session):
    suggestion = SuggestionFactory(lead=my_deputy, session=session, title="关于增设公交站点的建议")
    CoSignature.objects.create(suggestion=suggestion, deputy=cosigner)
    return suggestion


@pytest.fixture
def assigned(suggestion, staff):
    """The suggestion accepted and assigned to a unit."""
    suggestion.cosignatures.update(state=CoSignature.State.CONFIRMED)
    Suggestion.objects.filter(pk=suggestion.pk).update(state=Suggestion.State.SUBMITTED)
    take_step(suggestion, "accept", staff)
    unit = HandlingUnitFactory(name="区交通运输局")
    return take_step(
        suggestion, "assign", staff, lead_unit=unit, person_responsible="赵科长", contact="88001234"
    )


def url(name, *args):
    return reverse(f"suggestions:{name}", args=args)


@pytest.fixture
def outsider(db):
    """A deputy who neither leads nor co-signs the suggestion."""
    user = UserFactory(username="deputy3", role=Role.DEPUTY)
    DeputyFactory(user=user)
    return user


READERS_ONLY = [("staff", 200), ("leadership", 200), ("deputy", 403), ("anonymous", LOGIN)]
DEPUTY_ONLY = [("staff", 403), ("leadership", 403), ("deputy", 200), ("anonymous", LOGIN)]


@pytest.mark.parametrize("name", ["ledger", "statistics", "signals"])
@pytest.mark.parametrize("persona, outcome", READERS_ONLY)
def test_ledger_statistics_and_signals_are_for_staff_and_leadership(
    personas, my_deputy, name, persona, outcome
):
    assert_outcome(get_as(personas[persona], url(name)), outcome)


@pytest.mark.parametrize("name", ["mine", "new"])
@pytest.mark.parametrize("persona, outcome", DEPUTY_ONLY)
def test_my_suggestions_and_the_form_are_for_deputies(
    personas, my_deputy, session, name, persona, outcome
):
    assert_outcome(get_as(personas[persona], url(name)), outcome)


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 200), ("cosigner", 200),
     ("outsider", 404), ("anonymous", LOGIN)],
)  # fmt: skip
def test_suggestion_page_per_persona(personas, suggestion, other_deputy, outsider, persona,
                                     outcome):  # fmt: skip
    users = {**personas, "cosigner": other_deputy, "outsider": outsider}
    assert_outcome(get_as(users[persona], url("detail", suggestion.pk)), outcome)


def test_staff_of_another_street_do_not_see_the_suggestion(suggestion):
    neighbour = UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道"))

    assert get_as(neighbour, url("detail", suggestion.pk)).status_code == 404
    assert suggestion.title not in get_as(neighbour, url("ledger")).content.decode()


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("cosigner", 404), ("staff", 403), ("leadership", 403),
     ("anonymous", LOGIN)],
)  # fmt: skip
def test_only_the_lead_revises_a_draft(personas, suggestion, other_deputy, persona, outcome):
    users = {**personas, "cosigner": other_deputy}
    assert_outcome(get_as(users[persona], url("edit", suggestion.pk)), outcome)


def test_deputy_drafts_with_cosigners_and_attachments(deputy, my_deputy, cosigner, session):
    MembershipFactory(deputy=my_deputy, term=session.term)
    MembershipFactory(deputy=cosigner, term=session.term)
    form = {
        "title": "关于学校周边交通疏导的建议",
        "kind": Suggestion.Kind.BETWEEN_SESSIONS,
        "session": session.pk,
        "category": Suggestion.Category.URBAN,
        "reasons": "上下学高峰拥堵。",
        "proposals": "增设临时停车带。",
        "cosigners": [cosigner.pk],
        "files": [SimpleUploadedFile("调研报告.pdf", b"%PDF-1.4 report")],
    }

    response = client_as(deputy).post(url("new"), form)

    suggestion = Suggestion.objects.get(title="关于学校周边交通疏导的建议")
    assert response.url == url("detail", suggestion.pk)
    assert suggestion.state == Suggestion.State.DRAFT and suggestion.lead == my_deputy
    assert suggestion.street == my_deputy.street and suggestion.created_by == deputy
    assert list(suggestion.cosigners.all()) == [cosigner]
    assert suggestion.attachments.get().file.read() == b"%PDF-1.4 report"


def test_a_bad_attachment_is_refused_and_nothing_is_saved(deputy, my_deputy, session):
    MembershipFactory(deputy=my_deputy, term=session.term)
    form = {
        "title": "关于某事的建议",
        "kind": Suggestion.Kind.BETWEEN_SESSIONS,
        "session": session.pk,
        "category": Suggestion.Category.OTHER,
        "reasons": "理由",
        "proposals": "建议",
        "files": [SimpleUploadedFile("script.exe", b"MZ")],
    }

    response = client_as(deputy).post(url("new"), form)

    assert response.status_code == 200
    assert "文件扩展“exe”是不被允许" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_submitted_suggestion_cannot_be_revised(deputy, suggestion):
    Suggestion.objects.filter(pk=suggestion.pk).update(state=Suggestion.State.SUBMITTED)

    response = client_as(deputy).post(url("edit", suggestion.pk), {"title": "改了"})

    assert response.url == url("detail", suggestion.pk)
    suggestion.refresh_from_db()
    assert suggestion.title == "关于增设公交站点的建议"


def test_my_suggestions_lists_led_and_cosigned_only(deputy, other_deputy, suggestion, cosigner):
    other = SuggestionFactory(lead=cosigner, title="别人领衔的建议", session=suggestion.session)
    CoSignature.objects.create(suggestion=other, deputy=suggestion.lead)
    SuggestionFactory(lead=cosigner, title="与我无关的建议", session=suggestion.session)

    page = get_as(deputy, url("mine")).content.decode()

    assert "关于增设公交站点的建议" in page and "别人领衔的建议" in page
    assert "与我无关的建议" not in page


def test_cosigner_confirms_from_their_login(other_deputy, suggestion):
    response = client_as(other_deputy).post(
        url("answer_invitation", suggestion.pk), {"answer": "confirm"}
    )

    assert response.url == url("detail", suggestion.pk)
    assert suggestion.cosignatures.get().state == CoSignature.State.CONFIRMED


@pytest.mark.parametrize(
    "persona, outcome", [("staff", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_only_deputies_answer_invitations(personas, suggestion, persona, outcome):
    response = client_as(personas[persona]).post(
        url("answer_invitation", suggestion.pk), {"answer": "confirm"}
    )

    assert_outcome(response, outcome)
    assert suggestion.cosignatures.get().state == CoSignature.State.INVITED


def test_a_deputy_not_invited_cannot_cosign(outsider, suggestion):
    response = client_as(outsider).post(
        url("answer_invitation", suggestion.pk), {"answer": "confirm"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 302), ("leadership", 403), ("deputy", 403), ("cosigner", 403),
     ("outsider", 404), ("anonymous", LOGIN)],
)  # fmt: skip
def test_staff_steps_are_for_staff(personas, suggestion, other_deputy, outsider, persona,
                                   outcome):  # fmt: skip
    Suggestion.objects.filter(pk=suggestion.pk).update(state=Suggestion.State.SUBMITTED)
    users = {**personas, "cosigner": other_deputy, "outsider": outsider}
    data = {"return_for_revision-comment": "请补充调研数据"}

    response = client_as(users[persona]).post(
        url("step", suggestion.pk, "return_for_revision"), data
    )

    assert_outcome(response, outcome)
    suggestion.refresh_from_db()
    returned = suggestion.state == Suggestion.State.RETURNED
    assert returned == (persona == "staff")


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 302), ("cosigner", 403), ("staff", 403), ("leadership", 403)],
)
def test_only_the_lead_submits(personas, suggestion, other_deputy, persona, outcome):
    users = {**personas, "cosigner": other_deputy}

    response = client_as(users[persona]).post(url("step", suggestion.pk, "submit"))

    assert_outcome(response, outcome)
    suggestion.refresh_from_db()
    assert (suggestion.state == Suggestion.State.SUBMITTED) == (persona == "deputy")


def test_an_illegal_step_shows_a_clear_error_and_changes_nothing(staff, suggestion):
    response = client_as(staff).post(url("step", suggestion.pk, "accept"), follow=True)

    assert "不能" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DRAFT and suggestion.number is None


def test_invalid_step_form_shows_the_error(staff, suggestion):
    Suggestion.objects.filter(pk=suggestion.pk).update(state=Suggestion.State.SUBMITTED)

    response = client_as(staff).post(url("step", suggestion.pk, "return_for_revision"), follow=True)

    assert "这个字段是必填项" in response.content.decode()
    assert Suggestion.objects.get(pk=suggestion.pk).state == Suggestion.State.SUBMITTED


def test_the_lead_evaluates_from_the_suggestion_page(deputy, staff, assigned):
    take_step(assigned, "answer", staff, text="已列入明年计划。", answer_class="A",
                       answered_on=TODAY)  # fmt: skip
    page = get_as(deputy, url("detail", assigned.pk)).content.decode()
    assert "evaluate-evaluation" in page

    client_as(deputy).post(
        url("step", assigned.pk, "evaluate"), {"evaluate-evaluation": "satisfied"}
    )

    assigned.refresh_from_db()
    assert assigned.state == Suggestion.State.CLOSED
    assert assigned.evaluation == Suggestion.Evaluation.SATISFIED


def test_staff_record_an_answer_with_its_letter(staff, assigned):
    data = {
        "answer-text": "已完成站点增设。",
        "answer-answer_class": "A",
        "answer-answered_on": "2026-11-21",
        "answer-attachment": SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 letter"),
    }

    client_as(staff).post(url("step", assigned.pk, "answer"), data)

    answer = Answer.objects.get(suggestion=assigned)
    assert answer.answered_on == TODAY
    assert answer.attachment.read() == b"%PDF-1.4 letter"


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 200), ("deputy", 200), ("cosigner", 200),
     ("outsider", 404), ("anonymous", LOGIN)],
)  # fmt: skip
def test_attachments_download_for_those_who_see_the_suggestion(
    personas, suggestion, other_deputy, outsider, persona, outcome
):
    users = {**personas, "cosigner": other_deputy, "outsider": outsider}
    file = SimpleUploadedFile("附件.pdf", b"%PDF-1.4 x")
    attachment = Attachment.objects.create(suggestion=suggestion, file=file)

    response = get_as(users[persona], url("download", suggestion.pk, "attachment", attachment.pk))

    assert_outcome(response, outcome)


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 302), ("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_only_staff_record_supervision(personas, assigned, persona, outcome):
    data = {"method": "written", "supervised_by": "区人大常委会主任", "on": "2026-11-20"}

    response = client_as(personas[persona]).post(url("supervise", assigned.pk), data)

    assert_outcome(response, outcome)
    assert assigned.supervisions.exists() == (persona == "staff")


def test_ledger_filters_by_unit_state_and_overdue(staff, assigned, my_deputy, session):
    late = SuggestionFactory(lead=my_deputy, session=session, title="已超期的建议", number=9,
                             state="assigned", deadline=datetime.date(2026, 11, 1))  # fmt: skip
    SuggestionFactory(lead=my_deputy, session=session, title="草稿建议")
    UnitAssignment.objects.create(suggestion=late, unit=HandlingUnitFactory(name="区城管局"),
                                  role="lead", assigned_on=datetime.date(2026, 8, 1))  # fmt: skip
    unit = assigned.assignments.get().unit

    by_unit = get_as(staff, url("ledger") + f"?unit={unit.pk}").content.decode()
    overdue = get_as(staff, url("ledger") + "?signal=overdue").content.decode()
    everything = get_as(staff, url("ledger")).content.decode()

    assert "关于增设公交站点的建议" in by_unit and "已超期的建议" not in by_unit
    assert "已超期的建议" in overdue and "关于增设公交站点的建议" not in overdue
    assert "草稿建议" not in everything  # a draft is still the deputy's own


def test_drafts_stay_out_of_the_ledger_and_its_export(
    staff, my_deputy, session, django_capture_on_commit_callbacks
):
    SuggestionFactory(lead=my_deputy, session=session, title="草稿建议")
    SuggestionFactory(lead=my_deputy, session=session, title="退回修改的建议", state="returned")
    SuggestionFactory(lead=my_deputy, session=session, title="待审核的建议", state="submitted")

    page = get_as(staff, url("ledger") + "?state=draft").content.decode()
    job = run_export(staff, "suggestion_ledger", "", django_capture_on_commit_callbacks)

    assert "草稿建议" not in page and "退回修改的建议" not in page
    exported = str(sheet_rows(job))
    assert (
        "待审核的建议" in exported
        and "草稿建议" not in exported
        and "退回修改的建议" not in exported
    )


def test_a_ledger_row_lists_its_confirmed_cosigners_and_its_active_lead_unit(
    staff, assigned, street
):
    later = DeputyFactory(name="丁一", street=street)  # listed after 王丽, who signed first
    CoSignature.objects.create(suggestion=assigned, deputy=later, state=CoSignature.State.CONFIRMED)
    CoSignature.objects.create(
        suggestion=assigned, deputy=DeputyFactory(name="钱多", street=street)
    )
    UnitAssignment.objects.create(suggestion=assigned, unit=HandlingUnitFactory(name="区城管局"),
                                  role=UnitAssignment.Role.LEAD, assigned_on=TODAY,
                                  returned_on=TODAY)  # fmt: skip

    page = get_as(staff, url("ledger")).content.decode()
    rows = page[page.index('<ul class="list-group') :]  # the filters offer every unit

    assert "（附议 王丽、丁一）" in rows and "钱多" not in rows  # the confirmed, in order
    assert "· 区交通运输局 赵科长" in rows and "区城管局" not in rows  # given back


def test_ledger_filters_by_deputy_lead_or_cosigner(staff, assigned, cosigner, session):
    SuggestionFactory(lead=cosigner, session=session, title="王丽领衔的建议", state="submitted")

    page = get_as(staff, url("ledger") + "?deputy=王丽").content.decode()

    assert "王丽领衔的建议" in page and "关于增设公交站点的建议" in page  # co-signed


def test_excel_export_has_the_committee_columns(
    staff, assigned, django_capture_on_commit_callbacks
):
    job = run_export(staff, "suggestion_ledger", "", django_capture_on_commit_callbacks)

    rows = sheet_rows(job)
    assert rows[0][:3] == ("编号", "类型", "领衔代表")
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["领衔代表"] == "李建国" and row["附议代表"] == "王丽"
    assert row["标题"] == "关于增设公交站点的建议" and row["主办单位"] == "区交通运输局"
    assert row["责任人"] == "赵科长" and row["办理期限"].date() == datetime.date(2027, 2, 21)
    assert row["状态"] == "办理中"


def test_statistics_page_shows_rates_per_unit(staff, leader, assigned):
    take_step(assigned, "answer", staff, text="已办理。", answer_class="A",
                       answered_on=TODAY)  # fmt: skip
    take_step(assigned, "evaluate", assigned.lead.user, evaluation="basically")

    page = get_as(leader, url("statistics")).content.decode()

    assert "区交通运输局" in page and '<td class="text-end">100%</td>' in page


def test_statistics_export_has_a_row_per_unit_and_the_total(
    staff, leader, assigned, django_capture_on_commit_callbacks
):
    take_step(assigned, "answer", staff, text="已办理。", answer_class="A",
                       answered_on=TODAY)  # fmt: skip
    take_step(assigned, "evaluate", assigned.lead.user, evaluation="basically")
    unit = assigned.assignments.get().unit

    job = run_export(leader, "unit_statistics", f"unit={unit.pk}",
                     django_capture_on_commit_callbacks)  # fmt: skip

    header, *rows = sheet_rows(job)
    assert header[:4] == ("主办单位", "已交办", "已答复", "答复率（%）")
    assert [row[:4] for row in rows] == [("区交通运输局", 1, 1, 100), ("合计", 1, 1, 100)]
    assert rows[0][5] == 100  # first-time satisfaction, counting 基本满意


def test_the_league_table_prints_as_a_pdf(
    staff, leader, assigned, django_capture_on_commit_callbacks
):
    take_step(assigned, "answer", staff, text="已办理。", answer_class="A", answered_on=TODAY)

    job = run_export(leader, "unit_statistics_pdf", "", django_capture_on_commit_callbacks)

    assert job.file.name.endswith(".pdf")
    with job.file.open("rb") as file:
        reader = PdfReader(file)
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert "承办单位办理情况统计" in text and "见面率" in text and "区交通运输局11" in text


@pytest.mark.parametrize("persona, outcome", [("deputy", 403), ("unit", 403), ("anonymous", LOGIN)])
def test_only_readers_have_the_league_table_printed(personas, persona, outcome):
    unit = UserFactory(role=Role.UNIT, handling_unit=HandlingUnitFactory(name="区住建局"))
    user = {**personas, "unit": unit}[persona]

    assert_outcome(client_as(user).post(export_url("unit_statistics_pdf")), outcome)
    assert not SheetJob.objects.exists()


def test_statistics_page_offers_the_export_of_the_filtered_figures(leader, assigned):
    page = get_as(leader, url("statistics") + "?kind=during").content.decode()

    assert f'action="{export_url("unit_statistics", "kind=during")}"' in page


def test_signals_count_suggestions_by_time_left(staff, my_deputy, session):
    for days, title in [(-1, "超期"), (10, "红灯"), (20, "黄灯"), (60, "绿灯")]:
        SuggestionFactory(lead=my_deputy, session=session, title=title,
                          state=Suggestion.State.ASSIGNED,
                          deadline=TODAY + datetime.timedelta(days=days))  # fmt: skip

    response = get_as(staff, url("signals") + "?signal=red")

    assert [count for _s, _l, count in response.context["lights"]] == [1, 1, 1, 1]
    page = response.content.decode()
    assert "红灯" in page and "黄灯" not in page


def test_the_traffic_light_pages_by_the_lights_it_counted(staff, my_deputy, session):
    """Its pages, 30 rows each, are counted from the lights (kept by a worker), not by
    counting the list again."""
    SuggestionFactory.create_batch(
        51, lead=my_deputy, session=session, state=Suggestion.State.ASSIGNED,
        deadline=TODAY + datetime.timedelta(days=10),
    )  # fmt: skip
    SuggestionFactory(lead=my_deputy, session=session, state=Suggestion.State.ASSIGNED,
                      deadline=TODAY + datetime.timedelta(days=60))  # fmt: skip

    every, red, green = (
        get_as(staff, url("signals") + query).context["suggestions"]
        for query in ("", "?signal=red", "?signal=green")
    )

    assert (every.paginator.count, red.paginator.count, green.paginator.count) == (52, 51, 1)
    assert (every.paginator.num_pages, green.paginator.num_pages) == (2, 1)
    assert len(get_as(staff, url("signals") + "?signal=red&page=2").context["suggestions"]) == 21


def test_the_traffic_light_names_the_co_handling_views_overdue(staff, my_deputy, session):
    late = SuggestionFactory(lead=my_deputy, session=session, title="协办意见逾期",
                             state=Suggestion.State.ASSIGNED, deadline=TODAY)  # fmt: skip
    filed = SuggestionFactory(lead=my_deputy, session=session, title="协办意见已送",
                              state=Suggestion.State.ASSIGNED, deadline=TODAY)  # fmt: skip
    for suggestion, filed_on in [(late, None), (filed, TODAY)]:
        UnitAssignment.objects.create(
            suggestion=suggestion, unit=HandlingUnitFactory(name=f"{suggestion.title}单位"),
            role="co", assigned_on=TODAY - datetime.timedelta(days=40),
            view_due=TODAY - datetime.timedelta(days=9), view_filed_on=filed_on,
        )  # fmt: skip

    page = get_as(staff, url("signals")).content.decode()

    assert "1份协办意见已逾期" in page and "协办意见逾期单位" in page
    assert "协办意见已送单位" not in page


def test_archive_lists_the_deputys_suggestions(staff, assigned, cosigner):
    archive = reverse("deputies:archive", args=[cosigner.pk]) + "?year=2026"

    page = get_as(staff, archive).content.decode()

    assert "关于增设公交站点的建议" in page and "附议" in page


def test_deputy_home_asks_for_the_evaluation(deputy, staff, assigned):
    take_step(assigned, "answer", staff, text="已办理。", answer_class="A",
                       answered_on=TODAY)  # fmt: skip

    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "关于增设公交站点的建议" in page and "#evaluate" in page


def add_suggestions(lead, session, unit):
    def add(count=1):
        for _ in range(count):
            suggestion = SuggestionFactory(lead=lead, session=session, state="assigned",
                                           deadline=TODAY)  # fmt: skip
            CoSignature.objects.create(suggestion=suggestion, deputy=DeputyFactory(),
                                       state=CoSignature.State.CONFIRMED)  # fmt: skip
            UnitAssignment.objects.create(suggestion=suggestion, unit=unit, role="lead",
                                          assigned_on=TODAY)  # fmt: skip

    return add


@pytest.mark.parametrize("name", ["ledger", "statistics", "signals"])
def test_lists_run_a_fixed_number_of_queries(staff, my_deputy, session, name):
    add = add_suggestions(my_deputy, session, HandlingUnitFactory())

    assert_fixed_queries(staff, url(name), add)


def test_my_suggestions_runs_a_fixed_number_of_queries(deputy, my_deputy, session):
    add = add_suggestions(my_deputy, session, HandlingUnitFactory())

    assert_fixed_queries(deputy, url("mine"), add)
