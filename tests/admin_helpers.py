"""Helpers to assert that admin lists cost the same queries for few and many rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import get_as


def list_queries(user, url):
    with CaptureQueriesContext(connection) as queries:
        assert get_as(user, url).status_code == 200
    return len(queries)


def assert_fixed_queries(user, url, add_rows):
    """Loading `url` costs the same number of queries after `add_rows()` adds many rows."""
    add_rows()
    few = list_queries(user, url)
    add_rows(30)
    assert list_queries(user, url) == few
