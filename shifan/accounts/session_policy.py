"""Session timeouts (DESIGN.md §9, 等保 8.1.4.1 b): idle 30 minutes for staff, experts and agencies,
2 hours for applicants, and 12 hours from login whatever the activity.

The login time and the last activity live in the session. An expired session is logged out and sent
to the login page with a message; drafts autosave, and ``static/js/session.js`` warns two minutes before
the idle limit with a button that pings ``home:keepalive``.
"""

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from shifan.accounts.roles import Role
from shifan.audit.recorder import record

LOGIN_AT = "shifan_login_at"
LAST_SEEN = "shifan_last_seen"
STAFF_IDLE = 30 * 60
APPLICANT_IDLE = 2 * 3600
ABSOLUTE = 12 * 3600
WARN_BEFORE = 120
# Writing the session on every request would cost a database write per click; the last activity is
# refreshed at most this often (seconds), which only ever shortens the idle limit by that much.
TOUCH_EVERY = 15
EXPIRED_MESSAGE = "因长时间未操作，已自动退出，请重新登录。"


def idle_limit(user) -> int:
    """Seconds of inactivity after which this user's session ends."""
    return APPLICANT_IDLE if getattr(user, "role", None) == Role.APPLICANT else STAFF_IDLE


def start(session, now: float | None = None) -> None:
    """Stamp a fresh login. Side effects: writes the login time and last activity into the session."""
    now = int(now if now is not None else time.time())
    session[LOGIN_AT] = now
    session[LAST_SEEN] = now


def touch(session, now: float | None = None) -> None:
    """Record activity now. Side effects: writes the last activity into the session."""
    session[LAST_SEEN] = int(now if now is not None else time.time())


def remaining(session, user, now: float | None = None) -> int:
    """Seconds until the session ends if the user does nothing more (the idle or the absolute limit)."""
    now = now if now is not None else time.time()
    login_at = session.get(LOGIN_AT, now)
    last_seen = session.get(LAST_SEEN, now)
    return int(min(last_seen + idle_limit(user), login_at + ABSOLUTE) - now)


@receiver(user_logged_in)
def _stamp_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        start(request.session)


class SessionPolicyMiddleware:
    """Log out an idle or too old session; otherwise refresh its last activity.

    Sets ``request.session_remaining`` (seconds) for the page's expiry warning.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            if LOGIN_AT not in session:
                start(session, now)  # a session from before this policy: the clock starts now
            if remaining(session, user, now) <= 0:
                idle = session.get(LAST_SEEN, now) + idle_limit(user) <= now
                record("auth.session_expired", actor=user, target=user, data={"reason": "idle" if idle else "absolute"})
                logout(request)
                messages.info(request, EXPIRED_MESSAGE)
                login = reverse("home:login")
                nxt = request.get_full_path() if request.method == "GET" else ""
                return redirect(f"{login}?{urlencode({'next': nxt})}" if nxt else login)
            if now - session.get(LAST_SEEN, 0) >= TOUCH_EVERY:
                touch(session, now)
            request.session_remaining = remaining(session, user, now)
            request.session_warn_before = WARN_BEFORE
        return self.get_response(request)
