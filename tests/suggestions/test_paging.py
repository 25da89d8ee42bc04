"""The ledger's pages: newest session first, then by number, read session by session."""

import datetime

import pytest

from suggestions.models import Suggestion, with_ledger_lists
from suggestions.paging import SessionPaginator
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger():
    """Three suggestions of the 2026 session and two of 2025's, numbered out of order,
    and a draft (never in the ledger)."""
    newer = CongressSessionFactory(number=5, opens_on=datetime.date(2026, 1, 10))
    older = CongressSessionFactory(number=4, opens_on=datetime.date(2025, 1, 10),
                                   closes_on=datetime.date(2025, 1, 13))  # fmt: skip
    for session, numbers in [(older, [2, 1]), (newer, [3, 1, 2])]:
        for number in numbers:
            SuggestionFactory(session=session, number=number, state="submitted",
                              title=f"{session.opens_on.year}-{number}")  # fmt: skip
    SuggestionFactory(session=newer, number=None, state="draft", title="draft")
    return Suggestion.objects.exclude(state="draft")


def titles(page):
    return [suggestion.title for suggestion in page]


def test_the_newest_session_comes_first_and_each_session_by_number(ledger):
    pages = SessionPaginator(ledger, 10)

    assert pages.count == 5
    assert titles(pages.page(1)) == ["2026-1", "2026-2", "2026-3", "2025-1", "2025-2"]


def test_a_page_spanning_two_sessions_takes_the_end_of_one_and_the_start_of_the_next(ledger):
    pages = SessionPaginator(ledger, 2)

    assert pages.num_pages == 3
    assert [titles(pages.page(n)) for n in (1, 2, 3)] == [
        ["2026-1", "2026-2"], ["2026-3", "2025-1"], ["2025-2"]]  # fmt: skip
    assert titles(pages.get_page(99)) == ["2025-2"]  # past the end: the last page


def test_a_page_finds_its_rows_in_each_session_it_spans_then_reads_them_once(
    ledger, django_assert_num_queries
):
    pages = SessionPaginator(ledger.for_ledger(), 2)
    with django_assert_num_queries(1 + 2 + 1 + 2):  # count, two sessions, rows, their lists
        page = with_ledger_lists(pages.page(2))
        assert all(suggestion.lead.name for suggestion in page)
        assert [(s.unit_parts, s.cosigners_shown) for s in page] == [([], "")] * 2


def test_an_empty_ledger_has_one_empty_page():
    pages = SessionPaginator(Suggestion.objects.all(), 30)

    assert (pages.count, titles(pages.get_page(1))) == (0, [])


def test_sessions_a_worker_counted_page_without_counting(ledger, django_assert_num_queries):
    counted = SessionPaginator(ledger, 1).sessions
    pages = SessionPaginator(ledger, 2, [list(row) for row in counted])  # as kept in JSON

    with django_assert_num_queries(1 + 1):  # one session, the rows
        assert titles(pages.page(1)) == ["2026-1", "2026-2"]
    assert pages.count == 5


def test_a_suggestion_added_since_the_count_is_within_reach(ledger):
    counted = SessionPaginator(ledger, 1).sessions
    newer, _older = (session for session, _n in counted)
    SuggestionFactory(session_id=newer, number=4, state="submitted", title="2026-4")
    pages = SessionPaginator(ledger, 2, counted)

    listed = [titles(pages.page(n)) for n in range(1, pages.num_pages + 1)]
    assert sum(listed, []) == ["2026-1", "2026-2", "2026-3", "2026-4", "2025-1", "2025-2"]
    assert pages.count == 5  # as counted, until the worker counts again
