"""Past years' suggestions with their answers and evaluations, imported in the admin:
checked in the background (row errors listed, nothing saved), imported once staff
confirm, in their final state, into the staff member's street, with no notice sent;
a sheet imported again updates the same suggestions."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from congress_portal.models import Notice, SheetJob
from deputies.models import PointEntry
from suggestions.models import Answer, CoSignature, Step, Suggestion, UnitAssignment
from suggestions.resources import HEADERS
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.sheets import confirm, import_sheet, upload, workbook
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory

IMPORT = reverse("admin:suggestions_suggestion_import")
TEMPLATE = reverse("sheet_template", args=["past_suggestions_import"])
COLUMNS = [header for header in HEADERS.values() if header != "街道"]
State = SheetJob.State


@pytest.fixture
def session(db):
    return CongressSessionFactory(
        number=2, opens_on=datetime.date(2023, 1, 10), closes_on=datetime.date(2023, 1, 13)
    )


@pytest.fixture
def deputies(street, session):
    """A001 leads, A002 and A003 co-sign: deputies of the street with a seat in the term."""
    deputies = {}
    for number, name in [("A001", "周晓梅"), ("A002", "吴海波"), ("A003", "陈立新")]:
        deputies[number] = DeputyFactory(street=street, number=number, name=name)
        MembershipFactory(deputy=deputies[number], term=session.term)
    return deputies


@pytest.fixture
def unit(db):
    return HandlingUnitFactory(name="区住建局")


def suggestion_row(number=1, **cells):
    """A row of the sheet; `cells`: other columns by field name (HEADERS)."""
    values = {
        "number": number,
        "term": 17,
        "session": 2,
        "title": f"关于老旧小区加装电梯的建议{number}",
        "category": "城建交通",
        "reasons": "老旧小区居民多为老年人，上下楼困难。",
        "proposals": "建议加快推进老旧小区加装电梯工作。",
        "lead": "A001",
        "cosigners": "A002、A003",
        "submitted_on": datetime.date(2023, 1, 11),
        "unit": "区住建局",
        "answered_on": datetime.date(2023, 4, 3),
        "answer": "已列入2023年加装电梯计划。",
        "answer_class": "A",
        "evaluation": "满意",
        **cells,
    }
    return [values[field] for field in HEADERS if field != "street"]


def sheet(*rows, headers=COLUMNS):
    return workbook(headers, *rows)


def template_columns(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(rows) for rows in (book.worksheets[0].values, book.worksheets[1].values)]


def test_admin_users_who_may_only_view_suggestions_cannot_import(leader):
    leader.is_staff = True
    leader.save()

    assert get_as(leader, IMPORT).status_code == 403
    assert get_as(leader, TEMPLATE).status_code == 403


def test_the_blank_sheet_has_the_columns_and_notes(staff):
    assert TEMPLATE in get_as(staff, IMPORT).content.decode()

    headers, notes = template_columns(get_as(staff, TEMPLATE))

    assert list(headers[0]) == COLUMNS and len(headers) == 1
    assert [row[0] for row in notes[1:]] == COLUMNS
    evaluation_note = dict(row for row in notes[1:])["评价"]
    assert "不会向其发送通知" in evaluation_note
    assert "积分" in evaluation_note


def test_the_blank_sheet_of_district_staff_has_the_street_column(district_staff):
    headers, _notes = template_columns(get_as(district_staff, TEMPLATE))

    assert list(headers[0]) == list(HEADERS.values())


def test_a_clean_sheet_is_checked_then_imported_in_its_final_state_without_notices(
    staff, street, session, deputies, unit, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    unevaluated = suggestion_row(2, cosigners=None, answer_class="B", evaluation=None)
    file = sheet(suggestion_row(1), unevaluated)

    job = upload(client, IMPORT, file, capture)

    assert job.state == State.CHECKED, job.row_errors
    assert "新增 2 条" in job.summary
    assert not Suggestion.objects.exists()

    job = confirm(client, job, capture)

    assert job.state == State.READY
    closed, answered = Suggestion.objects.order_by("number")
    assert (closed.street, closed.session, closed.lead) == (street, session, deputies["A001"])
    assert (closed.state, closed.evaluation, closed.closed_on) == (
        Suggestion.State.CLOSED, Suggestion.Evaluation.SATISFIED, datetime.date(2023, 4, 3)
    )  # fmt: skip
    assert closed.kind == Suggestion.Kind.DURING_SESSION
    assert closed.on_paper and closed.created_by == staff
    assert closed.history.get().history_user == staff
    assert set(closed.cosignatures.values_list("deputy__number", "state")) == {
        ("A002", CoSignature.State.CONFIRMED), ("A003", CoSignature.State.CONFIRMED)
    }  # fmt: skip
    part = closed.assignments.get()
    assert (part.unit, part.role) == (unit, UnitAssignment.Role.LEAD)
    answer = closed.answers.get()
    assert (answer.round, answer.text, answer.answer_class, answer.evaluation) == (
        1, "已列入2023年加装电梯计划。", "A", Suggestion.Evaluation.SATISFIED
    )  # fmt: skip
    assert answer.history.get().history_user == staff
    step = closed.steps.get()
    assert (step.name, step.by, step.to_state) == (Step.IMPORTED, staff, Suggestion.State.CLOSED)
    page = get_as(staff, reverse("suggestions:detail", args=[closed.pk])).content.decode()
    assert "从往年记录表导入" in page and "已列入2023年加装电梯计划。" in page
    assert (answered.state, answered.evaluation, answered.closed_on) == (
        Suggestion.State.ANSWERED, "", None
    )  # fmt: skip
    assert not answered.cosignatures.exists()
    assert not Notice.objects.exists()
    assert not PointEntry.objects.exists()


@pytest.mark.parametrize(
    "cells, column",
    [
        ({"submitted_on": "去年"}, "提出日期"),
        ({"submitted_on": None}, "提出日期"),
        ({"submitted_on": datetime.date.today() + datetime.timedelta(days=1)}, "提出日期"),
        ({"answered_on": datetime.date(2023, 1, 5)}, "答复日期"),
        ({"lead": "Z999"}, "领衔代表"),
        ({"cosigners": "A002、Z999"}, "附议代表"),
        ({"cosigners": "A001"}, "附议代表"),
        ({"unit": "区水务局"}, "承办单位"),
        ({"session": 7}, "会议"),
        ({"number": "十二"}, "建议编号"),
        ({"evaluation": "一般"}, "评价"),
        ({"answer_class": "E"}, "答复类别"),
        ({"title": None}, "标题"),
    ],
)
def test_a_sheet_with_one_bad_row_is_refused_naming_the_row_and_column(
    staff, deputies, unit, django_capture_on_commit_callbacks, cells, column
):
    file = sheet(suggestion_row(1), suggestion_row(**{"number": 2, **cells}))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert [error.split("：")[:2] for error in job.row_errors] == [["第 3 行", column]]
    assert not Suggestion.objects.exists() and not Answer.objects.exists()


def test_an_answer_dated_before_the_suggestion_says_so(
    staff, deputies, unit, django_capture_on_commit_callbacks
):
    file = sheet(suggestion_row(1, answered_on=datetime.date(2023, 1, 5)))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.row_errors == ["第 2 行：答复日期：答复日期不能早于提出日期。"]


def test_reimporting_the_sheet_with_one_value_changed_updates_the_same_suggestion(
    staff, deputies, unit, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    HandlingUnitFactory(name="区交通局")
    import_sheet(client, IMPORT, sheet(suggestion_row(1), suggestion_row(2)), capture)
    first = Suggestion.objects.get(number=1)

    changed = suggestion_row(1, unit="区交通局", cosigners="A003", evaluation="不满意")
    job = import_sheet(client, IMPORT, sheet(changed, suggestion_row(2)), capture)

    assert "更新 1 条" in job.summary and "未变 1 条" in job.summary
    assert Suggestion.objects.count() == 2 and Answer.objects.count() == 2
    first.refresh_from_db()
    assert first.evaluation == Suggestion.Evaluation.UNSATISFIED
    assert first.assignments.get().unit.name == "区交通局"
    assert list(first.cosignatures.values_list("deputy__number", flat=True)) == ["A003"]
    assert first.answers.get().evaluation == Suggestion.Evaluation.UNSATISFIED
    assert first.steps.count() == 2


def test_a_number_given_in_the_portal_is_not_changed_by_a_sheet(
    staff, street, session, deputies, unit, django_capture_on_commit_callbacks
):
    live = SuggestionFactory(lead=deputies["A001"], session=session, number=1,
                             state=Suggestion.State.ASSIGNED)  # fmt: skip

    job = upload(client_as(staff), IMPORT, sheet(suggestion_row(1)),
                 django_capture_on_commit_callbacks)  # fmt: skip

    assert [error.split("：")[:2] for error in job.row_errors] == [["第 2 行", "建议编号"]]
    live.refresh_from_db()
    assert live.state == Suggestion.State.ASSIGNED


def test_an_imported_suggestion_evaluated_since_in_the_portal_is_not_changed_by_a_sheet(
    staff, deputies, unit, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    import_sheet(client, IMPORT, sheet(suggestion_row(1, evaluation=None)), capture)
    suggestion = Suggestion.objects.get()
    suggestion.steps.create(name="evaluate", from_state="answered", to_state="closed", by=staff)

    job = upload(client, IMPORT, sheet(suggestion_row(1, title="新标题")), capture)

    assert [error.split("：")[:2] for error in job.row_errors] == [["第 2 行", "建议编号"]]
    suggestion.refresh_from_db()
    assert suggestion.title == "关于老旧小区加装电梯的建议1"


def test_a_number_another_street_has_in_the_session_is_an_error(
    staff, session, deputies, unit, django_capture_on_commit_callbacks
):
    SuggestionFactory(session=session, number=1, lead__street=StreetFactory(name="白鹭街道"))

    job = upload(client_as(staff), IMPORT, sheet(suggestion_row(1)),
                 django_capture_on_commit_callbacks)  # fmt: skip

    assert job.row_errors == ["第 2 行：建议编号：本次会议已有其他建议使用此编号。"]


def test_street_staff_import_into_their_own_street_whatever_the_street_column_says(
    staff, street, deputies, unit, django_capture_on_commit_callbacks
):
    StreetFactory(name="白鹭街道")
    file = sheet(suggestion_row(1) + ["白鹭街道"], headers=list(HEADERS.values()))

    import_sheet(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert Suggestion.objects.get().street == street


def test_a_deputy_number_of_another_street_is_an_error(
    staff, session, deputies, unit, django_capture_on_commit_callbacks
):
    elsewhere = DeputyFactory(street=StreetFactory(name="白鹭街道"), number="B001")
    MembershipFactory(deputy=elsewhere, term=session.term)

    job = upload(client_as(staff), IMPORT, sheet(suggestion_row(1, lead="B001")),
                 django_capture_on_commit_callbacks)  # fmt: skip

    assert job.row_errors == ["第 2 行：领衔代表：本街道没有代表编号为“B001”的代表。"]
    assert not Suggestion.objects.exists()


def test_a_unit_of_another_street_is_an_error(
    district_staff, street, deputies, unit, django_capture_on_commit_callbacks
):
    HandlingUnitFactory(name="白鹭街道办事处", street=StreetFactory(name="白鹭街道"),
                        kind="street_office")  # fmt: skip
    row = suggestion_row(1, unit="白鹭街道办事处") + [street.name]

    job = upload(client_as(district_staff), IMPORT, sheet(row, headers=list(HEADERS.values())),
                 django_capture_on_commit_callbacks)  # fmt: skip

    assert [error.split("：")[:2] for error in job.row_errors] == [["第 2 行", "承办单位"]]


def test_district_staff_import_into_the_street_the_sheet_names(
    street, deputies, unit, district_staff, django_capture_on_commit_callbacks
):
    file = sheet(suggestion_row(1) + [street.name], headers=list(HEADERS.values()))

    import_sheet(client_as(district_staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert Suggestion.objects.get().street == street
