"""In the browser: a district officer binds an authenticator, signs in with it, and sees the expiry warning."""

import base64
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django_otp.oath import TOTP
from playwright.sync_api import expect

from shifan.accounts.session_policy import LAST_SEEN, STAFF_IDLE
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def code_from_secret(secret: str, steps_ahead: int = 0) -> str:
    """What the phone's authenticator shows for the secret typed in by hand."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_enrol_totp_then_sign_in_with_it(page, live_server, sign_in, screenshot, personas, settings):
    settings.SHIFAN_REQUIRE_2FA = True
    sign_in("officer_x", PASSWORD)
    assert page.url.startswith(f"{live_server.url}/account/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("绑定身份验证器")
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator(".totp-secret").inner_text()
    screenshot("2fa-enrol")
    page.get_by_label("验证码").fill(code_from_secret(secret))
    page.get_by_role("button", name="完成绑定").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("身份验证器已绑定")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="我已保存，继续").click()
    assert page.url == f"{live_server.url}/district/"

    page.get_by_role("button", name="退出").click()
    sign_in("officer_x", PASSWORD)
    assert page.url.startswith(f"{live_server.url}/login/verify/")
    page.get_by_label("验证码").fill("000000" if code_from_secret(secret, 1) != "000000" else "111111")
    page.get_by_role("button", name="验证").click()
    expect(page.locator(".field-error")).to_contain_text("验证码不正确或已使用")
    # The enrolment used up the current 30-second step: the phone's next code is accepted (tolerance 1 step).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    page.get_by_label("验证码").fill(code_from_secret(secret, 1))
    page.get_by_role("button", name="验证").click()
    assert page.url == f"{live_server.url}/district/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("东湖区")


def test_the_expiry_warning_keeps_the_session_alive(page, live_server, sign_in, screenshot, personas):
    sign_in("officer_x", PASSWORD)
    page.clock.install()  # the browser's clock, fast-forwarded below; the server keeps real time
    page.goto(f"{live_server.url}/district/")
    banner = page.locator(".session-warning")
    page.clock.fast_forward("27:00")
    expect(banner).to_be_hidden()
    page.clock.fast_forward("01:30")  # 28:30 idle: less than two minutes left
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("自动退出")
    screenshot("session-warning")
    cookie = next(c for c in page.context.cookies() if c["name"] == django_settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    session[LAST_SEEN] = int(time.time()) - (STAFF_IDLE - 90)  # the server agrees: 90 seconds left
    session.save()
    banner.get_by_role("button", name="继续使用").click()
    expect(banner).to_be_hidden()
    assert time.time() - SessionStore(session_key=cookie["value"])[LAST_SEEN] < 10
    page.clock.fast_forward("27:00")
    expect(banner).to_be_hidden()  # a fresh 30 minutes from the keep-alive
