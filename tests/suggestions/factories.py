import datetime

import factory

from suggestions.models import CongressSession, Suggestion
from tests.deputies.factories import DeputyFactory, TermFactory


class CongressSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressSession
        django_get_or_create = ["term", "number"]

    term = factory.SubFactory(TermFactory)
    number = 5
    opens_on = datetime.date(2026, 1, 10)
    closes_on = datetime.date(2026, 1, 13)


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A draft; take it further with suggestions.services, or set the state
    and its fields directly for list and statistics fixtures."""

    class Meta:
        model = Suggestion

    lead = factory.SubFactory(DeputyFactory)
    street = factory.SelfAttribute("lead.street")
    session = factory.SubFactory(CongressSessionFactory)
    kind = Suggestion.Kind.DURING_SESSION
    title = factory.Sequence(lambda n: f"关于改善老旧小区加装电梯的建议{n}")
    category = Suggestion.Category.URBAN
    reasons = "老旧小区居民多为老年人，上下楼困难。"
    proposals = "建议加快推进老旧小区加装电梯工作。"
