"""Point rules as settings: the built-in rules are declared in code and never deleted."""

from deputies.models import AUTOMATIC_RULES, PointRule, RuleCode


def test_the_declared_codes_are_those_the_migrations_create(point_rules):
    assert set(PointRule.objects.values_list("code", flat=True)) == set(RuleCode.values)
    assert AUTOMATIC_RULES < set(RuleCode)
