"""Password expiry (DESIGN.md §9, 等保 8.1.4.1 a 定期更换; deviation from ASVS 6.2.10 recorded there).

Staff, expert and agency passwords expire ``PASSWORD_MAX_AGE`` (180 days) after they were last set;
applicants' never do. ``User.set_password`` stamps ``password_changed_at``. A signed-in user whose
password has expired is sent to the change-password page until they change it.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone

from shifan.accounts.roles import STAFF_ROLES
from shifan.audit.recorder import record

PASSWORD_MAX_AGE = timedelta(days=180)
EXPIRED_MESSAGE = "您的密码已超过 180 天未修改。按照信息安全等级保护要求，请先修改密码后再继续使用系统。"
# Pages an expired user may still reach: changing the password, the second factor, signing out.
ALLOWED_URL_NAMES = frozenset({
    "home:password-change", "home:login", "home:logout", "home:2fa-verify", "home:2fa-enrol",
    "home:2fa-recovery-codes", "home:keepalive",
})


def password_expires(user) -> bool:
    """Whether this user's role has expiring passwords (applicants' never expire)."""
    return getattr(user, "role", None) in STAFF_ROLES


def password_expires_at(user) -> datetime | None:
    """When the password expires; None when it never does. An unknown change time counts from joining."""
    if not password_expires(user):
        return None
    changed = user.password_changed_at or user.date_joined
    return changed + PASSWORD_MAX_AGE


def is_password_expired(user, now: datetime | None = None) -> bool:
    expires_at = password_expires_at(user)
    return expires_at is not None and (now or timezone.now()) >= expires_at


class PasswordExpiryMiddleware:
    """Send a signed-in user with an expired password to the change-password page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_password_expired(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_URL_NAMES:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages
        return redirect("home:password-change")


@transaction.atomic
def change_password(user, raw_password: str, *, actor) -> None:
    """Set a new password (already validated by the form) and restart its 180-day clock.

    Side effects: saves the password hash and ``password_changed_at``; records ``auth.password_changed``.
    """
    user.set_password(raw_password)
    user.save(update_fields=["password", "password_changed_at"])
    record("auth.password_changed", actor=actor, target=user)
