"""Who may open which page: one decorator, used by every portal view."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def role_required(*roles):
    """Anonymous → login page (saying so when the session ended); signed in with
    another role → 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
                    say_session_ended(request)
                return redirect_to_login(request.get_full_path())
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def say_session_ended(request):
    """The browser still holds a session the server has ended (signing out deletes the
    cookie): it timed out."""
    messages.warning(request, _(
        "Your session has ended. Sign in again to go on: a form you were filling in keeps "
        "its text on this device."
    ))  # fmt: skip


def client_address(request):
    """The client's IP address for login lockouts. Behind TRUSTED_PROXY_COUNT
    proxies it is the X-Forwarded-For entry the outermost proxy added; entries
    further left come from the client and may be forged."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [address.strip() for address in forwarded if address.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")
