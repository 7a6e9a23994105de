"""An official locked out by five wrong passwords calls the bureau; the admin lifts the lock and she signs in."""

import pytest
from axes.models import AccessAttempt
from playwright.sync_api import expect

from shifan.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONFIRM = "解除后，账号“officer_x”在 127.0.0.1 可立即再次登录。请确认已核实来电人的身份。确定解除吗？"


def _sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def test_the_admin_lifts_a_lock_and_the_official_signs_in_at_once(browser, page, live_server, sign_in, screenshot,
                                                                   personas):
    official = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 768})
    official.set_default_timeout(10_000)
    official_page = official.new_page()
    for _ in range(5):
        _sign_in(official_page, live_server, "officer_x", "Wrong-Passw0rd!")
    expect(official_page.get_by_role("heading", name="登录暂时受限")).to_be_visible()
    _sign_in(official_page, live_server, "officer_x", PASSWORD)  # the right password is refused during the lock
    expect(official_page.get_by_role("heading", name="登录暂时受限")).to_be_visible()

    sign_in("bureau_admin", PASSWORD)
    expect(page.get_by_role("heading", name="系统管理", level=1)).to_be_visible()
    page.get_by_role("link", name="登录锁定").click()
    expect(page.get_by_role("heading", name="登录锁定")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="officer_x")
    expect(row).to_contain_text("账号锁定")
    expect(row).to_contain_text("5 次")
    screenshot("lockouts-listed")

    # Dismissing the confirmation lifts nothing.
    page.once("dialog", lambda dialog: dialog.dismiss())
    row.get_by_role("button", name="解除账号“officer_x”在 127.0.0.1 的登录锁定").click()
    expect(row).to_be_visible()
    assert AccessAttempt.objects.filter(username="officer_x").exists()

    messages = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    row.get_by_role("button", name="解除账号“officer_x”在 127.0.0.1 的登录锁定").click()
    expect(page.locator(".message.success")).to_have_text("已解除账号“officer_x”在 127.0.0.1 的登录锁定。")
    expect(page.locator(".empty")).to_have_text("当前没有被锁定的账号或地址。")
    assert messages == [CONFIRM]
    screenshot("lockouts-lifted")
    assert AuditEvent.objects.get(event="accounts.lockout_lifted").data == {
        "kind": "pair", "username": "officer_x", "ip": "127.0.0.1", "failures": 5}

    _sign_in(official_page, live_server, "officer_x", PASSWORD)
    assert official_page.url == f"{live_server.url}/district/"
    official.close()
