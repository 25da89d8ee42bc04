from django import template

register = template.Library()

CLASSES = {"select": "form-select", "selectmultiple": "form-select", "checkbox": "form-check-input"}


@register.filter
def control(field):
    """A field's widget with Bootstrap's class (and is-invalid when refused): the
    ledgers' filters are drawn with this rather than crispy's field template, which
    took more time than the rest of a ledger's filters."""
    css = CLASSES.get(field.widget_type, "form-control")
    return field.as_widget(attrs={"class": f"{css} is-invalid" if field.errors else css})
