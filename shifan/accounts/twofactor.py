"""Second factor (DESIGN.md §9, 等保 8.1.4.1 d): TOTP through django-otp, with one-time recovery codes.

District, bureau, expert, agency, auditor and admin accounts must have a confirmed authenticator
(``SHIFAN_REQUIRE_2FA``, on by default); applicants may turn one on. After the password, a user with a
confirmed authenticator is asked for the 6-digit code or a recovery code; a user who must have one and
has none is sent to enrolment. ``TwoFactorMiddleware`` lets nothing else through until then.
Replay: django-otp refuses a code of a time step at or before the last accepted one (``last_t``), and
throttles failures with an exponential back-off.
"""

import base64
import re
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shifan.accounts.roles import STAFF_ROLES
from shifan.accounts.rules import is_bureau_admin
from shifan.audit.recorder import record

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"
# Pages reachable between the password and the second factor.
ALLOWED_URL_NAMES = frozenset({
    "home:login", "home:logout", "home:2fa-verify", "home:2fa-enrol", "home:2fa-recovery-codes",
})
_CODE = re.compile(r"^\d{6}$")


def requires_two_factor(user) -> bool:
    """Whether the user's role must use a second factor (off only where SHIFAN_REQUIRE_2FA is off)."""
    return bool(getattr(settings, "SHIFAN_REQUIRE_2FA", True)) and getattr(user, "role", None) in STAFF_ROLES


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_recovery_device(device) -> bool:
    return isinstance(device, StaticDevice)


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def begin_enrolment(user) -> TOTPDevice:
    """The user's unconfirmed authenticator, created on first call; refused when one is confirmed.

    Side effects: may insert an unconfirmed TOTPDevice (no audit event until it is confirmed).
    """
    if has_second_factor(user):
        raise ValidationError("您已绑定身份验证器。如需更换，请联系系统管理员重置。")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The shared secret in base32, in groups of four, for typing into an authenticator by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// provisioning URI as an inline SVG QR code (no script, no style attribute)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title="身份验证器二维码")


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, token: str, *, actor) -> list[str] | None:
    """Confirm an authenticator with a code it shows; returns the 10 new recovery codes, or None if wrong.

    Side effects: on success marks the device confirmed (its time step is used up), replaces the
    user's recovery codes and records ``auth.2fa_enrolled``; on failure counts a throttled failure
    and records ``auth.2fa_failed``.
    """
    token = (token or "").strip()
    if device.confirmed or device.user_id != actor.pk:
        raise ValidationError("该身份验证器不可确认。")
    if not _CODE.match(token) or not device.verify_token(token):
        record("auth.2fa_failed", actor=actor, target=actor, data={"stage": "enrolment"})
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(actor)
    record("auth.2fa_enrolled", actor=actor, target=actor, data={"device": "totp"})
    return codes


def throttle_wait(user) -> int:
    """Seconds until the user's authenticator accepts another try (0 when it does now)."""
    device = confirmed_totp(user)
    if device is None:
        return 0
    allowed, info = device.verify_is_allowed()
    if allowed or not info or not info.get("locked_until"):
        return 0
    return max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)


@transaction.atomic
def verify_second_factor(user, code: str):
    """Check a 6-digit TOTP code or a recovery code; returns the device that accepted it, or None.

    Side effects: on a TOTP success stores the used time step (the same code cannot be used again);
    a recovery code is deleted when used and ``auth.2fa_recovery_used`` records how many are left;
    a failure is counted by the device's throttle and recorded as ``auth.2fa_failed``.
    """
    code = re.sub(r"[\s-]", "", code or "").lower()
    if _CODE.match(code):
        device = confirmed_totp(user)
        if device is not None and device.verify_token(code):
            record("auth.2fa_verified", actor=user, target=user, data={"device": "totp"})
            return device
        kind = "totp"
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None and code and device.verify_token(code):
            record("auth.2fa_recovery_used", actor=user, target=user,
                   data={"remaining": remaining_recovery_codes(user)})
            return device
        kind = "recovery"
    record("auth.2fa_failed", actor=user, target=user, data={"stage": "login", "kind": kind})
    return None


def mark_verified(request, device) -> None:
    """Bind the verified device to the session and give the session a new key (no fixation across the step).

    Side effects: writes the session; the old session key stops working.
    """
    otp_login(request, device)
    request.session.cycle_key()


@transaction.atomic
def reset_second_factor(user, *, actor, reason: str) -> None:
    """Remove a user's authenticator and recovery codes (a lost phone); the next login enrols again.

    Side effects: deletes the user's TOTP and recovery-code devices; records ``auth.2fa_reset`` with the reason.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写重置原因。"})
    if not is_bureau_admin(actor):
        raise ValidationError("只有系统管理员可以重置双因素认证。")
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    StaticDevice.objects.filter(user=user).delete()
    record("auth.2fa_reset", actor=actor, target=user, data={"reason": reason[:500], "had_device": bool(removed)})


class TwoFactorMiddleware:
    """Until the second factor is given, a signed-in user reaches only the login, 2FA and logout pages.

    Needs django_otp's OTPMiddleware before it (``request.user.is_verified``). Public pages stay public.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_URL_NAMES:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if has_second_factor(user):
            target = "home:2fa-verify"
        elif requires_two_factor(user):
            target = "home:2fa-enrol"
        else:
            return None
        nxt = request.get_full_path() if request.method == "GET" else ""
        url = reverse(target)
        return redirect(f"{url}?{urlencode({'next': nxt})}" if nxt else url)
