"""Searching the matters of a million visits for a few Chinese characters.

`LIKE '%噪音%'` reads every row, and trigram indexes (pg_trgm) cannot serve the
two-character words Chinese is mostly made of. On PostgreSQL a matter is indexed by
its character bigrams instead (the SQL function `portal_bigrams` and a GIN index,
made by migration 0016): a search for 噪音扰民 asks for the bigrams 噪音, 音扰, 扰民 in that
order, which the index answers, and the substring test then confirms each match.
Any length from two characters works, with no dictionary to keep. A common term
(噪音: 58,000 of a million) is not looked up in the index: its newest matters are
found by reading the newest visits in order, and it is counted up to 1,000 only. A
term is common when PostgreSQL's statistics put it far past that, or else when its
matches, counted through the index, pass it."""

import json

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func

from congress_portal.paging import (
    CappedCountPaginator,
    past_cap_key,
    remember_past_cap,
    was_past_cap,
)


def bigram_query(term):
    """The tsquery of the term's bigrams in order, or None when it has none to ask for
    (a single character, or spaces and punctuation that the index does not keep)."""
    term = term.lower()
    bigrams = [term[i : i + 2] for i in range(len(term) - 1)]
    if not bigrams or any(not pair.isalnum() for pair in bigrams):
        return None
    return " <-> ".join(
        "'" + pair.replace("'", "''").replace("\\", "\\\\") + "'" for pair in bigrams
    )


def matters_holding(visits, term):
    """(The visits whose matter holds `term`, whether they were counted past
    CappedCountPaginator.CAP): through the bigram index, unless the term is common (in
    more of them than a search counts), whose newest matters are found sooner by
    reading the newest visits in order than by fetching every match to sort them. An
    estimate chooses the way only: the list's count is still a count."""
    holding = (
        visits.filter(matter__contains=term)  # no letter case: PostgreSQL estimates it well
        if term.lower() == term.upper()
        else visits.filter(matter__icontains=term)
    )
    past_cap = past_cap_key(holding)
    if was_past_cap(past_cap):
        return holding, True  # counted past the cap lately: a common word, read in order
    query = bigram_query(term) if connection.vendor == "postgresql" else None
    if query is None:
        return holding, False
    bigrams = Func(F("matter"), function="portal_bigrams", output_field=SearchVectorField())

    def in_index(rows):
        return rows.alias(matter_bigrams=bigrams).filter(
            matter_bigrams=SearchQuery(query, search_type="raw", config="simple")
        )

    common = CappedCountPaginator.CAP
    # The estimate of the bigrams alone: with the substring test it is multiplied down.
    if estimated_rows(in_index(visits)) > SURELY_COMMON * common:
        return holding, False  # no need to count to choose: the statistics know the word
    indexed = in_index(holding)
    if indexed.order_by()[: common + 1].count() > common:
        remember_past_cap(past_cap)
        return holding, True
    return indexed, False


# How far past the cap PostgreSQL's estimate of a word's matches must be to be believed
# without counting them (counting a thousand of 噪音's 58,000 took 27 ms). Its figures
# for a common bigram are close (57,584 for 58,000); it says 1,600 for a word it has
# never seen, so that rare words are always counted.
SURELY_COMMON = 10


def estimated_rows(queryset):
    """PostgreSQL's estimate of the rows of `queryset` (its plan, not a count)."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]
