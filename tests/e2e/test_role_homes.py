"""Each role signs in through the browser and lands on a home page that says what needs doing."""

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory, make_recommendable

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HOMES = [
    ("applicant_a", "/applicant/", "申报单位工作台"),
    ("officer_x", "/district/", "东湖区 · 初审推荐"),
    ("bureau_officer", "/bureau/", "市局后台"),
    ("bureau_head", "/bureau/", "市局后台"),
    ("bureau_admin", "/bureau/system/", "系统管理"),
    ("expert_1", "/expert/", "专家工作台"),
    ("agency", "/agency/", "第三方评审机构工作台"),
    ("auditor", "/oversight/", "审计日志"),
]


def test_each_role_signs_in_and_sees_its_home(page, live_server, sign_in, screenshot, personas, org_a, batch):
    ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED, platform_name="甲示范平台")
    for username, path, heading in HOMES:
        sign_in(username, PASSWORD)
        assert page.url == f"{live_server.url}{path}"
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator(".user-nav .who")).to_contain_text(personas[username].display_name)
        screenshot(f"home-{username}")
        page.get_by_role("button", name="退出").click()
        expect(page.get_by_role("link", name="登录", exact=True)).to_be_visible()


def test_a_wrong_password_is_refused_in_chinese(page, sign_in, personas):
    sign_in("officer_x", "not-the-password")
    expect(page.get_by_role("alert")).to_have_text("请输入一个正确的用户名和密码。注意，两者都区分大小写。")


def test_district_recommends_from_its_inbox(page, live_server, sign_in, screenshot, personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED,
                                     platform_name="甲示范平台")
    make_recommendable(application, personas["officer_x"])
    sign_in("officer_x", PASSWORD)
    page.get_by_role("link", name="甲示范平台").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="推荐", exact=True).click()
    expect(page.locator(".message.success")).to_have_text("办理成功，申报当前状态：县区已推荐。")
    expect(page.locator(".timeline")).to_contain_text("推荐")
    screenshot("district-recommended")


def test_the_public_portal_works_on_a_phone(browser, live_server, batch):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="当前申报")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    context.close()
