"""An organisation registers, its first user invites a colleague, the colleague joins."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import JurisdictionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_register_invite_and_join(page, live_server, sign_in, screenshot):
    JurisdictionFactory(code="360102")
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="注册").click()
    page.get_by_label("单位名称").fill("南昌新星服务有限公司")
    page.get_by_label("统一社会信用代码").fill("９１１１０１０８５５１３８５０８２ｑ")
    page.get_by_label("所在辖区").select_option(label="东湖区")
    page.get_by_label("姓名").fill("王新")
    page.get_by_label("用户名").fill("wangxin")
    page.get_by_label("电子邮箱").fill("wangxin@example.test")
    page.locator("#id_password1").fill("Xin-Passw0rd!")
    page.get_by_label("再次输入密码").fill("Xin-Passw0rd!")
    screenshot("register-form")
    page.get_by_role("button", name="注册").click()
    expect(page.locator(".message.success")).to_have_text("注册成功。登记类型：企业。请登录后开始申报。")

    sign_in("wangxin", "Xin-Passw0rd!")
    expect(page.locator("dd.mono")).to_have_text("91110108551385082Q")
    page.get_by_role("link", name="本单位用户与邀请同事").click()
    page.get_by_label("同事的电子邮箱").fill("lina@example.test")
    page.get_by_role("button", name="发送邀请").click()
    expect(page.locator(".message.success")).to_contain_text("已向 lina@example.test 发送邀请")
    token = re.search(r"/invite/([\w-]+)/", mail.outbox[-1].body).group(1)
    page.get_by_role("button", name="退出").click()

    page.goto(f"{live_server.url}/invite/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("加入「南昌新星服务有限公司」")
    page.get_by_label("姓名").fill("李娜")
    page.get_by_label("用户名").fill("lina")
    page.locator("#id_password1").fill("Lina-Passw0rd!")
    page.get_by_label("再次输入密码").fill("Lina-Passw0rd!")
    page.get_by_role("button", name="创建账号").click()
    expect(page.locator(".message.success")).to_contain_text("账号已创建")
    sign_in("lina", "Lina-Passw0rd!")
    expect(page.get_by_text("南昌新星服务有限公司").first).to_be_visible()
    screenshot("colleague-joined")
