from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused a change (an illegal state transition, a
    claim for an inactive rule...). The message is translated and meant for
    the user; nothing was changed."""


def errors_in_words(form):
    """All of a form's errors in one message, for a form posted from a page that
    shows it only as buttons (a step, a supervision) and answers with a redirect; each
    field's errors after its label."""
    said = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        said += [f"{field.label}：{error}" if field else error for error in errors]
    return " ".join(said)
