"""The bureau adds an expert and e-mails the activation link; the expert activates the account
through it, signs in and declares a relationship with an organisation."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from shifan.experts.models import Expert, Relationship
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_adds_an_expert_who_activates_and_declares_a_relationship(page, live_server, sign_in, screenshot,
                                                                              personas):
    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="专家库", exact=True).click()
    page.get_by_role("link", name="新增专家").click()
    page.get_by_label("姓名").fill("王磊")
    page.get_by_role("textbox", name="工作单位", exact=True).fill("南昌大学")
    page.get_by_label("专业技术职称").fill("教授")
    page.get_by_label("职称级别").select_option(label="正高级")
    page.get_by_label("技术服务").check()
    page.get_by_label("质量管理").check()
    page.get_by_label("手机").fill("138 0013 8000")
    page.get_by_label("电子邮箱").fill("wanglei@example.test")
    screenshot("expert-pool-form")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".message.success")).to_contain_text("已将「王磊」加入专家库")
    expect(page.get_by_role("heading", level=1)).to_have_text("王磊")
    expect(page.locator("#contact")).to_contain_text("138****8000")
    expect(page.locator("#contact")).not_to_contain_text("13800138000")

    page.get_by_role("button", name="发送激活链接").click()
    expect(page.locator(".message.success")).to_contain_text("已向 w***@example.test 发送激活链接")
    screenshot("expert-pool-activation-sent")
    message = mail.outbox[-1]
    assert message.to == ["wanglei@example.test"]
    token = re.search(r"/expert/activate/([\w-]+)/", message.body).group(1)
    page.get_by_role("button", name="退出").click()

    page.goto(f"{live_server.url}/expert/activate/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("激活专家账号：王磊")
    page.get_by_label("用户名").fill("wanglei")
    page.locator("#id_password1").fill("Lei-Passw0rd!")
    page.get_by_label("再次输入密码").fill("Lei-Passw0rd!")
    screenshot("expert-pool-activate")
    page.get_by_role("button", name="激活账号").click()
    expect(page.locator(".message.success")).to_contain_text("专家账号已激活")

    sign_in("wanglei", "Lei-Passw0rd!")
    assert page.url == f"{live_server.url}/expert/"
    page.get_by_role("link", name="我的专家信息与利害关系申报").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的专家信息")
    expect(page.locator("dl.facts")).to_contain_text("138****8000")
    page.get_by_label("单位名称").fill("甲服务机构有限公司")
    page.get_by_label("关系类型").select_option(label="任职或兼职")
    page.get_by_label("说明").fill("担任技术顾问")
    page.get_by_role("button", name="申报", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("已申报该利害关系")
    expect(page.locator("#relationships table")).to_contain_text("甲服务机构有限公司")
    screenshot("expert-pool-relationship-declared")

    expert = Expert.objects.get(name="王磊")
    assert expert.user.username == "wanglei"
    relationship = Relationship.objects.get(expert=expert)
    assert (relationship.organization_name, relationship.kind) == ("甲服务机构有限公司", "employment")
