from tests.deputies.conftest import my_deputy, point_rules  # noqa: F401  (shared fixtures)
