"""The exports and imports a SheetJob can do (congress_portal.sheets), by name:
each app registers its own when it is ready, and a job row finds its kind here."""

_kinds = {}


def register(kind):
    _kinds[kind.name] = kind


def kind_names():
    return list(_kinds)


def kind_named(name):
    """The registered Export or Import called `name` (KeyError if none)."""
    return _kinds[name]
