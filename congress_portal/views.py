from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from .forms import GuardedPasswordChangeForm
from .roles import Role

HOME_BY_ROLE = {
    Role.STAFF: "admin:index",
    Role.DEPUTY: "deputies:my_duties",
    Role.LEADERSHIP: "reports:home",
}


@login_required
def home(request):
    """Send each role to its own home page."""
    if request.user.role is None:
        raise PermissionDenied
    return redirect(HOME_BY_ROLE[request.user.role])


def locked_out(request, original_response=None, credentials=None):
    """django-axes lockout page: says for how long, in Chinese."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = GuardedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
