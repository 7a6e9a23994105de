"""The system administrator's 登录锁定 page: the locks in force, and lifting one."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from shifan.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

IP_A = "203.0.113.10"
IP_B = "198.51.100.20"
WRONG = "Wrong-Passw0rd!"
URL = "/bureau/system/lockouts/"
LIFT = "/bureau/system/lockouts/lift/"


def fail(username: str, ip: str, times: int = 5) -> None:
    for _ in range(times):
        Client().post("/login/", {"username": username, "password": WRONG}, REMOTE_ADDR=ip,
                      HTTP_USER_AGENT="Mozilla/5.0 (secret-agent)")


def _page(response) -> str:
    return response.content.decode()


def test_the_page_lists_each_lock_with_a_confirmed_lift_button(client_for):
    fail("officer_x", IP_A)
    for n in range(30):
        Client().post("/login/", {"username": f"guess{n}", "password": WRONG}, REMOTE_ADDR=IP_B)
    response = client_for("bureau_admin").get(URL)
    page = _page(response)
    assert response.status_code == 200
    assert "<th scope=\"col\">类型</th><th scope=\"col\">账号与地址</th><th scope=\"col\">失败次数</th>" in page
    assert "账号锁定" in page and "officer_x · 203.0.113.10" in page and "5 次" in page
    assert "地址锁定" in page and "所有账号 · 198.51.100.20" in page and "30 次" in page
    until = AccessAttempt.objects.get(username="officer_x").attempt_time + timezone.timedelta(minutes=30)
    assert timezone.localtime(until).strftime("%Y-%m-%d %H:%M") in page
    assert ('data-confirm="解除后，账号“officer_x”在 203.0.113.10 可立即再次登录。'
            '请确认已核实来电人的身份。确定解除吗？"') in page
    assert ('<input type="hidden" name="username" value="officer_x">'
            '<input type="hidden" name="ip" value="203.0.113.10">') in page
    assert page.count(">解除锁定</button>") == 2
    # What the attempts posted or sent is not shown: no password, no user agent.
    assert WRONG not in page and "secret-agent" not in page and "********" not in page
    assert "当前没有被锁定的账号或地址。" not in page


def test_without_locks_the_page_says_so(client_for):
    fail("officer_x", IP_A, times=4)
    page = _page(client_for("bureau_admin").get(URL))
    assert "当前没有被锁定的账号或地址。" in page and "officer_x" not in page


def test_the_system_page_links_to_it(client_for):
    page = _page(client_for("bureau_admin").get("/bureau/system/"))
    assert f'<a href="{URL}">登录锁定</a>：查看被锁定的账号和地址，核实身份后解除' in page


def test_lifting_redirects_back_with_the_message_and_the_user_signs_in(client_for):
    fail("officer_x", IP_A)
    fail("officer_y", IP_A)
    admin = client_for("bureau_admin")
    response = admin.post(LIFT, {"username": "officer_x", "ip": IP_A})
    assert response.status_code == 302 and response["Location"] == URL
    page = _page(admin.get(URL))
    assert "已解除账号“officer_x”在 203.0.113.10 的登录锁定。" in page
    assert "officer_y · 203.0.113.10" in page and "officer_x · " not in page
    assert AuditEvent.objects.get(event="accounts.lockout_lifted").data == {
        "kind": "pair", "username": "officer_x", "ip": IP_A, "failures": 5}
    response = Client().post("/login/", {"username": "officer_x", "password": PASSWORD}, REMOTE_ADDR=IP_A)
    assert response.status_code == 302


def test_lifting_an_address(client_for):
    for n in range(30):
        Client().post("/login/", {"username": f"guess{n}", "password": WRONG}, REMOTE_ADDR=IP_B)
    admin = client_for("bureau_admin")
    assert admin.post(LIFT, {"username": "", "ip": IP_B}).status_code == 302
    page = _page(admin.get(URL))
    assert "已解除网络地址 198.51.100.20 的登录锁定。" in page and "当前没有被锁定的账号或地址。" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"username": "officer_x", "ip": IP_B},
     "账号“officer_x”在 198.51.100.20 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。"),
    ({"username": "nobody", "ip": IP_A},
     "账号“nobody”在 203.0.113.10 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。"),
    ({"ip": IP_A}, "网络地址 203.0.113.10 当前没有被锁定（可能已到期自动解除或已被解除），无需解除。"),
    ({"username": "officer_x", "ip": ""}, "请填写被锁定的网络地址。"),
    ({"username": "officer_x"}, "请填写被锁定的网络地址。"),
    ({"username": "officer_x", "ip": "not-an-ip"}, "“not-an-ip”不是有效的网络地址（IP 地址）。"),
])
def test_a_bad_lift_shows_the_page_again_with_the_reason(client_for, data, message):
    fail("officer_x", IP_A)
    response = client_for("bureau_admin").post(LIFT, data)
    page = _page(response)
    assert response.status_code == 400
    assert f'<div class="errors" role="alert"><p>{message}</p></div>' in page
    assert "officer_x · 203.0.113.10" in page  # the real lock is still listed, and still in force
    assert AccessAttempt.objects.get(username="officer_x").failures_since_start == 5
    assert not AuditEvent.objects.filter(event="accounts.lockout_lifted").exists()


@pytest.mark.parametrize("persona", ["bureau_officer", "bureau_head", "auditor", "officer_x"])
def test_no_one_else_sees_or_lifts_locks(client_for, persona):
    fail("officer_x", IP_A)
    client = client_for(persona)
    response = client.get(URL)
    assert response.status_code == 403 and "203.0.113.10" not in _page(response)
    assert client.post(LIFT, {"username": "officer_x", "ip": IP_A}).status_code == 403
    assert AccessAttempt.objects.get(username="officer_x").failures_since_start == 5
