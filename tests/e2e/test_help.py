"""Help in the browser: an applicant follows a field's hint to the article it cites, opens the help page
of their role from the header, and a form page prints without the navigation."""

import re

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from tests.conftest import PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


def test_a_hint_leads_to_its_article_and_the_header_to_the_roles_help(page, live_server, sign_in, screenshot,
                                                                      personas, draft):
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/scale/")
    field = page.locator(".field").filter(has=page.get_by_label("上年末总资产（万元）"))
    hint = field.locator(".hint")
    expect(hint).to_contain_text("第五条（一）：资产总额 100 万元以上")
    screenshot("help-hint-total-assets")

    hint.get_by_role("link", name="第五条（一）").click()
    expect(page).to_have_url(re.compile(r"/regulation/#article-5-1$"))
    condition = page.locator("#article-5-1")
    expect(condition).to_be_in_viewport()
    expect(condition).to_contain_text("资产总额100万元以上")
    screenshot("help-regulation-article-5-1")

    page.get_by_role("navigation", name="账户").get_by_role("link", name="帮助").click()
    expect(page).to_have_url(f"{live_server.url}/help/applicant/")
    expect(page.get_by_role("heading", level=1)).to_have_text("帮助：申报单位")
    expect(page.get_by_role("heading", level=2, name="常见问题")).to_be_visible()
    expect(page.locator("main")).to_contain_text("每 30 秒自动保存一次")
    screenshot("help-applicant")


def test_a_form_page_prints_without_navigation_and_shows_article_targets(page, live_server, sign_in, personas,
                                                                          draft):
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/scale/")
    expect(page.locator(".steps-nav")).to_be_visible()
    expect(page.get_by_role("button", name="保存本部分")).to_be_visible()

    page.emulate_media(media="print")
    for hidden in (".steps-nav", ".user-nav", ".crumbs", "button.button", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_label("上年末总资产（万元）")).to_be_visible()
    link = page.locator(".field .hint a.article-link").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "/regulation/#article-5-1" in after
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "help-print-section-scale.png"), full_page=True)
    page.emulate_media(media="screen")
    expect(page.locator(".steps-nav")).to_be_visible()
