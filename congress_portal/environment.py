"""Strict reading of settings from the environment.

django-environ guesses at values it does not understand ("maybe" becomes a
false boolean, an unknown database scheme fails deep inside Django). Here
every bad value stops the start with a message naming the variable.
"""

import re
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured


class StrictEnv(environ.Env):
    BOOL_WORDS = {
        "true": True, "yes": True, "on": True, "1": True,
        "false": False, "no": False, "off": False, "0": False,
    }  # fmt: skip

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        try:
            return super().get_value(var, cast, default, parse_default)
        except (ValueError, TypeError) as exc:
            raise self.invalid(var, exc) from exc

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool and isinstance(value, str):
            try:
                return cls.BOOL_WORDS[value.strip().lower()]
            except KeyError:
                raise ValueError("expected true or false") from None
        return super().parse_value(value, cast)

    def invalid(self, var, reason):
        return ImproperlyConfigured(
            f"Environment variable {var}={self.ENVIRON.get(var, '')!r} is invalid: {reason}"
        )

    def positive_int(self, var, default):
        value = self.int(var, default=default)
        if value <= 0:
            raise self.invalid(var, "expected a whole number greater than 0")
        return value

    def non_negative_int(self, var, default):
        value = self.int(var, default=default)
        if value < 0:
            raise self.invalid(var, "expected a whole number, 0 or more")
        return value

    def rate(self, var, default):
        """A rate limit as django-ratelimit reads it: a count per period, e.g. 10/h."""
        value = self.str(var, default=default)
        if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", value):
            raise self.invalid(var, "expected a count per period such as 10/h (s, m, h or d)")
        return value

    def list(self, var, cast=None, default=environ.Env.NOTSET):
        """A comma-separated list, blanks around items ignored."""
        return [item.strip() for item in super().list(var, cast, default) if item.strip()]

    def choice(self, var, choices, default):
        value = self.str(var, default=default)
        if value not in choices:
            raise self.invalid(var, f"use one of {', '.join(choices)}")
        return value

    def db_url(self, var="DATABASE_URL", default=environ.Env.NOTSET, engine=None):
        url = self.str(var, default=default)
        if urlsplit(url).scheme not in self.DB_SCHEMES:
            raise self.invalid(var, f"unknown scheme, use one of {', '.join(self.DB_SCHEMES)}")
        return self.db_url_config(url, engine=engine)

    def email_url(self, var="EMAIL_URL", default=environ.Env.NOTSET, backend=None):
        url = self.str(var, default=default)
        if urlsplit(url).scheme not in self.EMAIL_SCHEMES:
            raise self.invalid(var, f"unknown scheme, use one of {', '.join(self.EMAIL_SCHEMES)}")
        return self.email_url_config(url, backend=backend)

    def redis_url(self, var="REDIS_URL", default=""):
        """The Redis URL, or "" when unset (then Celery runs tasks eagerly)."""
        url = self.str(var, default=default)
        if url and urlsplit(url).scheme not in ("redis", "rediss"):
            raise self.invalid(var, "expected redis://host:port/db")
        return url
