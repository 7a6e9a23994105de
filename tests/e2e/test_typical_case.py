"""典型经验 (第十二条) in the browser: a district writes and submits a case, the bureau publishes it,
the public reads it on the portal."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.support.helpers import BODY, recognised

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_district_case_is_published_on_the_portal(page, live_server, sign_in, screenshot, personas, district_x,
                                                    district_y):
    recognised(district_x, personas, name="东湖示范平台")
    recognised(district_y, personas, name="红谷滩示范平台")

    sign_in("officer_x", PASSWORD)
    page.get_by_role("link", name="典型经验（第十二条）").click()
    expect(page.get_by_text("红谷滩示范平台")).to_have_count(0)  # another district's platform is not offered
    page.get_by_role("link", name="为该平台撰写典型经验").click()
    page.get_by_label("标题").fill("打造“线上平台+线下服务站”服务品牌")
    page.get_by_label("摘要").fill("以服务站为抓手，推广成功做法。")
    page.get_by_label("正文").fill("太短")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".field-error")).to_have_text("正文过短：请写明平台的做法和成效（至少50个字）。")
    expect(page.get_by_label("标题")).to_have_value("打造“线上平台+线下服务站”服务品牌")
    page.get_by_label("正文").fill(BODY)
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".message.success")).to_have_text("典型经验已保存为草稿。确认无误后请报送市局。")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="报送市局").click()
    expect(page.locator(".message.success")).to_have_text("典型经验已报送市中小企业服务局。")
    page.get_by_role("button", name="退出").click()

    sign_in("bureau_officer", PASSWORD)
    page.goto(f"{live_server.url}/bureau/support/cases/")
    page.get_by_role("link", name="打造“线上平台+线下服务站”服务品牌").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="在门户网站发布").click()
    expect(page.locator(".message.success")).to_have_text("典型经验已在门户网站发布。")
    page.get_by_role("button", name="退出").click()

    page.goto(f"{live_server.url}/")
    expect(page.locator("#cases-title")).to_have_text("典型经验")
    page.get_by_role("navigation", name="公众门户").get_by_role("link", name="典型经验").click()
    page.get_by_role("link", name="打造“线上平台+线下服务站”服务品牌").click()
    expect(page.get_by_role("heading", name="打造“线上平台+线下服务站”服务品牌")).to_be_visible()
    expect(page.get_by_text("年服务中小企业三百余家", exact=False)).to_be_visible()
    screenshot("typical-case-on-portal")
    page.get_by_role("link", name="东湖示范平台").click()
    expect(page.get_by_role("heading", name="扶持与典型经验")).to_be_visible()
