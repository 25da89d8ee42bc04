from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError


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
