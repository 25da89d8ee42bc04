"""Counting and listing what a list shows, at city scale (the admin's lists included)."""

import hashlib
from functools import cached_property
from urllib.parse import quote as url_quote

from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

# What reverse() leaves unquoted in a URL.
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Below this many rows an exact count is cheap: the estimate is not used.
ESTIMATE_ABOVE = 100_000


class EstimatedCountPaginator(Paginator):
    """Counts a filtered list exactly, but takes PostgreSQL's estimate of a whole
    table's rows (pg_class.reltuples, kept by autovacuum) instead of reading millions
    of rows to count them: a district-wide admin list opens without a full scan, and
    its last page number is close, not exact."""

    @cached_property
    def count(self):
        estimate = whole_table_estimate(self.object_list)
        return estimate if estimate > ESTIMATE_ABOVE else super().count


class CountedPaginator(Paginator):
    """Pages of a list whose size is counted elsewhere: from grouped counts the page
    shows anyway, or by a worker some minutes ago (congress_portal.kept). Rows added
    since are not out of reach: the last page reads up to a whole page past the count."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


class FilteredLinksChangeList(ChangeList):
    """Django's admin list, whose rows link to their pages with the list's filters and
    search (to come back to them) put into the query once for the page: Django worked
    them out again for each row, resolving its URL each time, about 6 of a searched
    list's 35 ms. The change page's URL is reversed once too, its key put in for each
    row (as Django's related-field widgets do with "__fk__")."""

    KEY = "__pk__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        context = {"preserved_filters": self.preserved_filters, "opts": self.opts}
        self.preserved_query = add_preserved_filters(context, "")  # "?…", or ""
        self.preserved_filters = ""  # what the rows' links add: already in the URL
        self.change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[self.KEY],
            current_app=self.model_admin.admin_site.name,
        )

    def url_for_result(self, result):
        # Quoted as the admin quotes keys, then as reverse() quotes a URL.
        key = url_quote(str(quote(getattr(result, self.pk_attname))), safe=URL_SAFE)
        return self.change_url.replace(self.KEY, key, 1) + self.preserved_query


def whole_table_estimate(queryset):
    """PostgreSQL's estimate of the rows of `queryset`'s table when the queryset
    reads all of it (no filter, no slice), else 0."""
    query = getattr(queryset, "query", None)
    connection = connections[getattr(queryset, "db", "default")]
    if query is None or query.where or query.is_sliced or connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    return max(row[0], 0) if row else 0


class CappedCountPaginator(Paginator):
    """Counts a search's matches up to `CAP` and no further: a word found in tens of
    thousands of rows is not counted one by one (the list says "more than 1,000" and
    pages through the newest), and a narrower search is counted exactly."""

    CAP = 1000

    def __init__(self, *args, past_cap=False, **kwargs):
        """past_cap: the caller counted more rows than the cap: they are not counted
        again."""
        super().__init__(*args, **kwargs)
        if past_cap:
            self.counted_past_cap = self.CAP + 1

    @cached_property
    def counted_past_cap(self):
        """The matches counted up to one past the cap, in no order: for a common word,
        the first rows of a scan of the table. PostgreSQL starts a scan where another
        has got to (synchronize_seqscans), so that one count after another walked on
        into the rows where the word is rare (0.5 to 1.6 s instead of 6 ms): this one
        starts at the beginning."""
        matches = self.object_list.order_by()
        key = past_cap_key(matches)
        if key is None:
            return 0  # a filter no row can meet
        if was_past_cap(key):
            return self.CAP + 1
        with transaction.atomic(using=matches.db):
            if connections[matches.db].vendor == "postgresql":
                with connections[matches.db].cursor() as cursor:
                    cursor.execute("SET LOCAL synchronize_seqscans = off")
            counted = matches[: self.CAP + 1].count()
        if counted > self.CAP:
            remember_past_cap(key)
        return counted

    @property
    def capped(self):
        return self.counted_past_cap > self.CAP

    @cached_property
    def count(self):
        return min(self.counted_past_cap, self.CAP)


# How long this process remembers a search counted past the cap: paging through its
# matches, or searching it again, does not count a thousand of them again (8 of the 35 ms
# a list of 噪音's took, up to 27 ms through the bigram index). Matches come with the
# visits registered since; they are not taken away.
PAST_CAP_REMEMBERED = 600


def was_past_cap(key):
    """Whether this process counted the search of `key` (past_cap_key) past the cap
    lately."""
    return key is not None and caches["local"].get(key, False)


def remember_past_cap(key):
    if key is not None:
        caches["local"].set(key, True, PAST_CAP_REMEMBERED)


def past_cap_key(matches):
    """The key of a search: the SQL and parameters of its rows' ids, which hold its
    scope, filters and words, not its order or the related rows a list reads with it
    (the search and the paginator share it). None for a filter no row can meet."""
    try:
        query = repr(matches.order_by().values("pk").query.sql_with_params()).encode()
    except EmptyResultSet:
        return None
    return f"past-cap:{hashlib.sha256(query).hexdigest()}"
