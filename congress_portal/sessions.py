"""A signed-in session ends SESSION_IDLE_MINUTES after the last request."""

import time

TOUCHED = "touched_at"
TOUCH_EVERY = 60  # seconds


def keep_alive(get_response):
    """Moves the end of a signed-in session SESSION_COOKIE_AGE past the latest request,
    writing the session at most once a minute: saved on every request, it cost a
    database write (and its commit) on every page view. The session may therefore end
    up to a minute before its idle time is over."""

    def middleware(request):
        response = get_response(request)
        session = request.session
        if not session.is_empty():
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= TOUCH_EVERY:
                session[TOUCHED] = now  # saved by SessionMiddleware, with its new end
        return response

    return middleware
