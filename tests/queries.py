"""Helpers to assert that a page costs the same queries for few and many rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.access import client_as


def list_queries(user, url):
    """Queries of a second GET, so that one-off work (creating a settings row) is not counted."""
    client = client_as(user)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def assert_fixed_queries(user, url, add_rows):
    """Loading `url` costs the same number of queries after `add_rows()` adds many rows."""
    add_rows()
    few = list_queries(user, url)
    add_rows(30)
    assert list_queries(user, url) == few
