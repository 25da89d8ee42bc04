"""Strings that installed apps show staff but ship no Chinese for (django-axes),
or Chinese that misleads (Django).
Listed here so that makemessages keeps them in our catalogue, which
translates them for the whole site."""

from django.utils.translation import gettext_noop as _

AXES = [
    _("access attempt"), _("access attempts"), _("access log"), _("access logs"),
    _("access failure"), _("access failures"), _("Access Attempt"),
    _("access attempt expiration"), _("access attempt expirations"),
    _("User Agent"), _("IP Address"), _("Username"), _("HTTP Accept"), _("Path"),
    _("Attempt Time"), _("Access lock out"), _("GET Data"), _("POST Data"),
    _("Failed Logins"), _("Logout Time"), _("Session key hash (sha256)"),
    _("Locked Out"), _("Form Data"), _("Meta Data"), _("Clean up expired attempts"),
    _("Not set"), _("Attempt Remaining"), _("Expires At"),
    _("The time when access attempt expires and is no longer valid."),
]  # fmt: skip

# Django's own Chinese for these says something else (an empty string is allowed).
DJANGO = [_("Null characters are not allowed.")]
