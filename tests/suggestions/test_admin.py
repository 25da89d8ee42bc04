import itertools

from django.urls import reverse

from suggestions.models import CongressSession, Suggestion
from tests.access import get_as
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

    url = reverse("admin:suggestions_suggestion_changelist")
    assert_fixed_queries(staff, url, add_suggestions)

    filters = get_as(staff, url).context["cl"].filter_specs
    sessions = next(f for f in filters if getattr(f, "field_path", "") == "session")
    assert sessions.lookup_choices == [  # newest first, named with their terms
        (session.pk, str(session)) for session in CongressSession.objects.order_by("-opens_on")
    ]
