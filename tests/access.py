"""Persona matrix helpers: what one persona gets when it opens one page."""

from django.test import Client
from django.urls import reverse

LOGIN = "login redirect"


def client_as(user):
    """A fresh test client logged in as `user` (None: anonymous)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def get_as(user, url):
    return client_as(user).get(url)


def assert_outcome(response, outcome):
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == outcome
