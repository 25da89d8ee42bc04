import uuid

from django import template
from django.utils.html import format_html

from congress_portal.submissions import FIELD, posted_token

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_token(context):
    """The hidden token of a form answered once: the posted one when the form is
    shown again with its errors, else a new one."""
    token = posted_token(context["request"]) or uuid.uuid4()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)
