"""T15/T16: the TOTP second factor (django-otp), recovery codes, the admin reset and session rotation."""

import re
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shifan.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.SHIFAN_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the throttle has its own test below
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the user's authenticator shows now (or `steps_ahead` steps of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="恢复码", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    StaticToken.objects.create(device=static, token="wxyz6789")
    return device


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def session_key(client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def test_django_rotates_the_session_key_at_password_login(personas):
    client = Client()
    before = client.session.session_key  # an anonymous session planted before login
    client.post("/login/", {"username": "applicant_a", "password": PASSWORD})
    after = session_key(client)
    assert before != after
    assert not SessionStore().exists(before)


def test_a_required_user_without_an_authenticator_is_sent_to_enrol(personas):
    client = password_login("officer_x")
    for path in ("/district/", "/home/inbox/", "/account/security/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/"), path
    response = client.post("/applicant/applications/start/", {"platform_name": "x"})
    assert response.status_code == 302 and response["Location"] == "/account/two-factor/"
    assert client.get("/", follow=False).status_code == 200  # the public portal stays public


def test_enrolment_shows_a_qr_code_and_the_secret_then_ten_recovery_codes_once(personas):
    user = personas["officer_x"]
    client = password_login("officer_x")
    page = client.get("/account/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in page and "<script" not in page.split("<main")[1]
    secret = re.search(r'<code class="totp-secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert "按照信息安全等级保护要求" in page
    response = client.post("/account/two-factor/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    before = session_key(client)
    response = client.post("/account/two-factor/", {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/account/two-factor/recovery-codes/"
    assert session_key(client) != before
    page = client.get("/account/two-factor/recovery-codes/").content.decode()
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/account/two-factor/recovery-codes/")["Location"] == "/account/security/"  # shown once
    assert client.get("/district/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=user).count() == 10
    events = list(AuditEvent.objects.filter(event__startswith="auth.2fa").values_list("event", flat=True))
    assert events == ["auth.2fa_failed", "auth.2fa_enrolled"]


def test_a_user_with_an_authenticator_gives_the_code_and_the_session_key_changes(personas):
    device = enrolled(personas["officer_x"])
    client = password_login("officer_x")
    response = client.get("/district/")
    assert response.status_code == 302 and response["Location"] == "/login/verify/?next=%2Fdistrict%2F"
    before = session_key(client)
    response = client.post("/login/verify/?next=/district/", {"code": code_for(device), "next": "/district/"})
    assert response.status_code == 302 and response["Location"] == "/district/"
    assert session_key(client) != before
    assert not SessionStore().exists(before)
    assert client.get("/district/").status_code == 200


def test_the_same_code_is_refused_a_second_time(personas):
    device = enrolled(personas["officer_x"])
    code = code_for(device)
    first = password_login("officer_x")
    assert first.post("/login/verify/", {"code": code}).status_code == 302
    second = password_login("officer_x")
    response = second.post("/login/verify/", {"code": code})
    assert response.status_code == 400 and "验证码不正确或已使用" in response.content.decode()
    assert second.get("/district/").status_code == 302
    assert AuditEvent.objects.filter(event="auth.2fa_failed").count() == 1


def test_a_wrong_code_is_refused_and_audited(personas):
    device = enrolled(personas["expert_1"])
    client = password_login("expert_1")
    wrong = "123456" if code_for(device) != "123456" else "654321"
    response = client.post("/login/verify/", {"code": wrong})
    assert response.status_code == 400
    assert client.get("/expert/").status_code == 302
    event = AuditEvent.objects.get(event="auth.2fa_failed")
    assert event.actor_label == "expert_1" and event.data == {"stage": "login", "kind": "totp"}


def test_failures_are_throttled(personas, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 10
    device = enrolled(personas["officer_x"])
    client = password_login("officer_x")
    client.post("/login/verify/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    response = client.post("/login/verify/", {"code": code_for(device)})  # right, but too soon
    assert response.status_code == 429 and "验证失败次数过多" in response.content.decode()
    assert client.get("/district/").status_code == 302


def test_a_recovery_code_works_once(personas):
    enrolled(personas["bureau_officer"])
    client = password_login("bureau_officer")
    response = client.post("/login/verify/", {"code": "ABCD-2345"})
    assert response.status_code == 302
    assert client.get("/bureau/").status_code == 200
    event = AuditEvent.objects.get(event="auth.2fa_recovery_used")
    assert event.data == {"remaining": 1}
    again = password_login("bureau_officer")
    assert again.post("/login/verify/", {"code": "abcd2345"}).status_code == 400
    assert again.get("/bureau/").status_code == 302


def test_applicants_need_no_second_factor_but_may_turn_it_on(personas):
    client = password_login("applicant_a")
    assert client.get("/applicant/").status_code == 200
    page = client.get("/account/two-factor/").content.decode()
    assert "开启后，每次登录除密码外" in page
    device = TOTPDevice.objects.get(user=personas["applicant_a"])
    assert client.post("/account/two-factor/", {"code": code_for(device)}).status_code == 302
    later = password_login("applicant_a")
    assert later.get("/applicant/")["Location"].startswith("/login/verify/")
    assert later.post("/login/verify/", {"code": code_for(device, steps_ahead=1)}).status_code == 302
    assert later.get("/applicant/").status_code == 200


def test_the_admin_resets_a_lost_authenticator_with_a_reason(personas, client_for, settings):
    settings.SHIFAN_REQUIRE_2FA = False  # client_for signs in without the second factor
    target = personas["expert_1"]
    enrolled(target)
    url = f"/account/two-factor/reset/{target.pk}/"
    assert client_for("bureau_officer").post(url, {"reason": "丢失"}).status_code == 403
    admin = client_for("bureau_admin")
    response = admin.post(url, {"reason": "  "})
    assert response.status_code == 400 and "请填写重置原因" in response.content.decode()
    assert TOTPDevice.objects.filter(user=target).exists()
    response = admin.post(url, {"reason": "手机丢失，已电话核实本人身份"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    event = AuditEvent.objects.get(event="auth.2fa_reset")
    assert event.actor_label == "bureau_admin" and event.target_id == str(target.pk)
    assert event.data == {"reason": "手机丢失，已电话核实本人身份", "had_device": True}
    settings.SHIFAN_REQUIRE_2FA = True
    client = password_login("expert_1")
    assert client.get("/expert/")["Location"].startswith("/account/two-factor/")


def test_an_enrolled_user_is_asked_even_where_the_role_rule_is_off(personas, settings):
    settings.SHIFAN_REQUIRE_2FA = False
    device = enrolled(personas["officer_x"])
    client = password_login("officer_x")
    assert client.get("/district/")["Location"].startswith("/login/verify/")
    assert client.post("/login/verify/", {"code": code_for(device)}).status_code == 302


def test_the_admin_site_waits_for_the_second_factor_too(personas):
    client = password_login("bureau_admin")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/")
