from django import template

register = template.Library()


@register.filter
def signal_on(suggestion, today):
    """The suggestion's traffic light on `today` ("" when no answer is due)."""
    return suggestion.signal(today)
