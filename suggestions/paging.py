"""The suggestion ledger's pages, at city scale."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count


class SessionPaginator(Paginator):
    """Pages of suggestions, newest session first, then by number. A page finds its
    rows in the sessions it falls in through the index on (session, number), then reads
    them (with what the queryset prefetches) in one query: ordering every suggestion by
    its session's date instead sorted the district's 200,000 for each page (770 ms).
    The count reads the index on (session, state) alone district-wide."""

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
            first, last = max(bottom - start, 0), min(bottom + self.per_page - start, n)
            if first < last:
                in_session = self.object_list.filter(session=session).order_by("number", "-pk")
                pks += in_session.values_list("pk", flat=True)[first:last]
            start += n
        rows = self.object_list.filter(pk__in=pks).in_bulk() if pks else {}
        return self._get_page([rows[pk] for pk in pks], number, self)
