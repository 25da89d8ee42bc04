from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain refused a change (an illegal state transition, a
    claim for an inactive rule...). The message is translated and meant for
    the user; nothing was changed."""
