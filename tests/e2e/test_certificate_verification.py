"""Someone holding a certificate checks it on a phone: types the code on /verify/ and reads the status."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.factories import ApplicationFactory, BatchFactory
from tests.recognition_factories import PUBLIC_REASON, make_recognition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A phone-sized page (390 × 844, touch), signed in as nobody."""
    context = browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def recognitions(personas, org_a, batch):
    officer, head = personas["bureau_officer"], personas["bureau_head"]
    valid = make_recognition(ApplicationFactory(organization=org_a, batch=batch, platform_name="甲科技创新服务平台"),
                             officer=officer, head=head, verification_code="VAXD2345ABCD")
    revoked = make_recognition(
        ApplicationFactory(organization=org_a, batch=BatchFactory(year=batch.year - 1), platform_name="甲往年平台"),
        officer=officer, head=head, verification_code="REVK2D345678", revoked=True,
    )
    return valid, revoked


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_phone_user_verifies_a_valid_and_a_revoked_certificate(phone, live_server, recognitions):
    valid, revoked = recognitions
    phone.goto(f"{live_server.url}/verify/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("证书验证")
    assert fits_the_screen(phone)
    shot(phone, "verify-phone-form")

    phone.get_by_label("证书验证码").fill("vaxd 2345 abcd")  # as read off the paper, in lower case
    phone.get_by_role("button", name="验证").click()
    expect(phone).to_have_url(f"{live_server.url}/verify/VAXD2345ABCD/")
    expect(phone.locator("#verify-status")).to_have_text("有效")
    expect(phone.get_by_text("该证书真实有效")).to_be_visible()
    expect(phone.get_by_text("甲科技创新服务平台").first).to_be_visible()
    expect(phone.get_by_text(valid.decision.number)).to_be_visible()
    assert fits_the_screen(phone)
    shot(phone, "verify-phone-valid")

    phone.get_by_label("证书验证码").fill("REVK2D345678")
    phone.get_by_role("button", name="验证").click()
    expect(phone.locator("#verify-status")).to_have_text("已撤销")
    expect(phone.locator("#revocation-reason")).to_have_text(PUBLIC_REASON)
    expect(phone.get_by_text(revoked.revocations.get().number).first).to_be_visible()
    assert fits_the_screen(phone)
    shot(phone, "verify-phone-revoked")


def test_a_mistyped_code_says_so_and_keeps_the_form(phone, live_server, recognitions):
    phone.goto(f"{live_server.url}/verify/")
    phone.get_by_label("证书验证码").fill("VAXD2345ABCE")
    phone.get_by_role("button", name="验证").click()
    expect(phone.get_by_role("alert")).to_have_text("未找到该验证码对应的证书，请核对后重试。")
    expect(phone.get_by_label("证书验证码")).to_have_value("VAXD2345ABCE")
    shot(phone, "verify-phone-not-found")
