from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a message our catalogue translates: Django 5.2 reworded
    its own and its zh_Hans catalogue still has only the old wording."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(count)d character.",
            "This password is too short. It must contain at least %(count)d characters.",
            self.min_length,
        ) % {"count": self.min_length}


class CharacterClassValidator:
    """At least `min_classes` of: upper case, lower case, digits, symbols
    (the complexity that MLPS 2.0, 等保2.0, asks of passwords)."""

    CLASSES = (str.isupper, str.islower, str.isdigit, lambda c: not c.isalnum())

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        used = sum(any(test(c) for c in password) for test in self.CLASSES)
        if used < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must contain at least %(count)d of these: upper-case letters, "
            "lower-case letters, digits and symbols."
        ) % {"count": self.min_classes}


phone_validator = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
    gettext_lazy("Enter an 11-digit mobile number or a landline such as 0571-88886666."),
    code="invalid_phone",
)

mobile_validator = RegexValidator(
    r"^1[3-9]\d{9}$",
    gettext_lazy("Enter an 11-digit mobile number, such as 13812345678."),
    code="invalid_mobile",
)


def mask_phone(phone):
    """138****1234: enough to tell numbers apart, not to call them."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else "****" if phone else ""
