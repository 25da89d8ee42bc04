import itertools

from django.urls import reverse

from suggestions.models import Suggestion
from tests.deputies.factories import DeputyFactory, TermFactory
from tests.queries import assert_fixed_queries
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory

TERMS = itertools.count(1)


def test_suggestion_list_runs_a_fixed_number_of_queries_whatever_its_sessions(staff, street):
    """Each session is offered as a filter by its term's name: the terms are read with
    the sessions, not one by one."""

    def add_suggestions(count=2):
        for _ in range(count):
            session = CongressSessionFactory(term=TermFactory(number=next(TERMS)))
            SuggestionFactory(
                lead=DeputyFactory(street=street), session=session, state=Suggestion.State.ASSIGNED
            )

    assert_fixed_queries(staff, reverse("admin:suggestions_suggestion_changelist"), add_suggestions)
