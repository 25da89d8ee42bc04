"""The suggestion ledger's pages, at city scale."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count

from .models import Suggestion


class SessionPaginator(Paginator):
    """Pages of suggestions, newest session first, then by number. A page finds its
    rows in the sessions it falls in through the index on (session, number), then reads
    them in one query: ordering every suggestion by its session's date instead sorted
    the district's 200,000 for each page (770 ms).
    The count reads the index on (session, state) alone district-wide; a page given
    the `sessions` a worker counted (ledger_sessions) counts nothing."""

    def __init__(self, object_list, per_page, sessions=None):
        super().__init__(object_list, per_page)
        # A session a worker counted may have grown since: a page reads up to a page
        # past its count, so that what was added is not out of reach.
        self.growth = 0
        if sessions is not None:
            self.sessions = [tuple(counted) for counted in sessions]
            self.growth = per_page

    @cached_property
    def sessions(self):
        """[(session pk, how many)] in ledger order: one grouped count."""
        counts = self.object_list.order_by().values_list("session").annotate(n=Count("*"))
        return list(counts.order_by("-session__opens_on", "session"))

    @cached_property
    def count(self):
        return sum(n for _session, n in self.sessions)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        pks, start = [], 0
        for session, n in self.sessions:
            first = max(bottom - start, 0)
            last = min(bottom + self.per_page - start, n + self.growth)
            if first < last:
                in_session = self.object_list.filter(session=session).order_by("number", "-pk")
                pks += in_session.values_list("pk", flat=True)[first:last]
            start += n
        rows = self.object_list.filter(pk__in=pks).in_bulk() if pks else {}
        return self._get_page([rows[pk] for pk in pks], number, self)


def ledger_sessions(street_pk):
    """The sessions of a street's ledger without filters (None: the district's) with
    how many suggestions each holds, kept by congress_portal.kept: counting the
    district's 200,000 took 30-40 ms a page."""
    ledger = Suggestion.objects.in_street(street_pk).exclude(state__in=Suggestion.EDITABLE)
    return SessionPaginator(ledger, 1).sessions
