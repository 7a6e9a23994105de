"""A visitor finds a recognised platform in the public directory, opens it, and reads the rule it meets."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.factories import OrganizationFactory
from tests.portal.helpers import CONTACT_MOBILE, CONTACT_NAME, OFFICE_PHONE, make_decision, make_recognition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def platforms(batch, personas, org_a, org_b, district_y):
    officer = personas["bureau_officer"]
    decision = make_decision(batch, officer)
    make_recognition(batch=batch, officer=officer, decision=decision, organization=org_a,
                     platform_name="赣江科技创新服务平台", functions=("technology", "quality"), code="TECH23456789")
    make_recognition(batch=batch, officer=officer, decision=decision, organization=org_b,
                     platform_name="红谷滩融资服务平台", functions=("financing",), code="MNY234567892")
    make_recognition(batch=batch, officer=officer, decision=decision,
                     organization=OrganizationFactory(name="丙培训学校", jurisdiction=district_y),
                     platform_name="洪城职业培训服务平台", functions=("training",), code="TRN234567892")


def results(page):
    return page.locator(".platform-item h3")


def test_search_by_name_and_function_then_open_a_platform_and_its_rule(page, live_server, screenshot, platforms):
    page.goto(f"{live_server.url}/")
    expect(page.locator(".platform-item")).to_have_count(3)
    screenshot("portal-home")
    page.get_by_role("navigation", name="公众门户").get_by_role("link", name="示范平台名录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("南昌市中小企业公共服务示范平台名录")
    expect(results(page)).to_have_count(3)

    page.get_by_label("平台或单位名称").fill("科技")
    page.get_by_role("button", name="查找").click()
    expect(results(page)).to_have_text(["赣江科技创新服务平台"])

    page.get_by_role("link", name="清除条件").click()
    page.get_by_label("服务功能").select_option(label="融资服务")
    page.get_by_role("button", name="查找").click()
    expect(results(page)).to_have_text(["红谷滩融资服务平台"])
    screenshot("portal-directory-by-function")

    page.get_by_role("link", name="红谷滩融资服务平台").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("红谷滩融资服务平台")
    assert page.url == f"{live_server.url}/platforms/MNY234567892/"
    expect(page.locator("main")).to_contain_text(OFFICE_PHONE)
    expect(page.locator("main")).not_to_contain_text(CONTACT_NAME)
    expect(page.locator("main")).not_to_contain_text(CONTACT_MOBILE)

    page.get_by_role("link", name="第五条").click()
    expect(page).to_have_url(re.compile(r"/regulation/#article-5$"))
    article = page.locator("#article-5")
    expect(article).to_be_in_viewport()
    expect(article).to_contain_text("市级示范平台认定需同时满足以下基本条件")
    screenshot("portal-regulation-article-5")


def test_the_directory_works_on_a_phone(browser, live_server, platforms):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/platforms/")
        page.get_by_label("所在辖区").select_option(label="红谷滩区")
        page.get_by_role("button", name="查找").click()
        expect(results(page)).to_have_text(["洪城职业培训服务平台", "红谷滩融资服务平台"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("link", name="洪城职业培训服务平台").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("洪城职业培训服务平台")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "portal-platform-phone.png"), full_page=True)
        page.get_by_role("link", name="认定管理办法", exact=True).click()
        expect(page.locator("#article-5")).to_contain_text("第五条")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(SCREENSHOTS / "portal-regulation-phone.png"), full_page=False)
    finally:
        context.close()
