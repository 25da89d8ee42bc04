from django import template

from congress_portal import health

register = template.Library()


@register.simple_tag
def job_problems():
    """The scheduled jobs that failed or are overdue (see congress_portal.health)."""
    return health.problems()
