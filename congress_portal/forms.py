from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordChangeForm,
    SetUnusablePasswordMixin,
    UserChangeForm,
)
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import bounds
from .roles import Role
from .workflow import StepForm


def _remember_label():
    return _("Stay signed in on this phone for %(days)d days") % {
        "days": settings.REMEMBER_DEPUTY_DAYS
    }


class LoginForm(AuthenticationForm):
    """Django's login, with the deputy's choice to stay signed in on their own phone."""

    remember = forms.BooleanField(
        label=lazy(_remember_label, str)(),
        required=False,
        help_text=_("Deputies only, on a phone nobody else uses."),
    )


class GuardedPasswordChangeForm(PasswordChangeForm):
    """The old password is checked through `authenticate`, so that wrong guesses
    count towards the login lockout (django-axes) like failed logins do."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        credentials = {"username": self.user.get_username(), "password": old_password}
        if authenticate(self.request, **credentials) != self.user:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class AccountPasswordForm(AdminPasswordChangeForm):
    """The admin's password page, its warning translated (Django appends it untranslated)."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class UnitAccountCheck:
    """For the admin's account forms: an account in the handling units' group belongs
    to one unit, takes its street and never opens the admin; no other account has a unit."""

    def clean(self):
        cleaned = super().clean()
        groups, unit = cleaned.get("groups") or [], cleaned.get("handling_unit")
        is_unit = any(group.name == Role.UNIT.group_name for group in groups)
        if is_unit and unit is None:
            self.add_error("handling_unit", _("Choose the handling unit the account belongs to."))
        elif unit is not None and not is_unit:
            self.add_error(
                "handling_unit", _("Only accounts in the handling units' group belong to a unit.")
            )
        elif is_unit:
            cleaned["street"], cleaned["is_staff"] = unit.street, False
        return cleaned


class AccountChangeForm(UnitAccountCheck, UserChangeForm):
    pass


class AccountCreationForm(UnitAccountCheck, AdminUserCreationForm):
    pass


class ImproveForm(StepForm):
    """Staff send a unit's answer or reply back after their review."""

    comment = bounds.text_field(_("What the unit should improve"), bounds.TEXT_LENGTH, rows=3)
