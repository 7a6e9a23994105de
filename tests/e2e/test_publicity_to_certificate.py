"""From publication to a verified certificate, in the browser: publish → object → dismiss → decide → verify."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile
from shifan.city_review.models import ProposedEntry, ProposedList
from shifan.publicity.models import Publicity
from shifan.recognition.models import Recognition
from shifan.workdays.models import CalendarYear
from tests.conftest import PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _confirm(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def test_publication_objection_decision_and_a_verified_certificate(page, browser, live_server, sign_in, screenshot,
                                                                   personas, org_a, batch):
    today = timezone.localdate()
    for year in (today.year, today.year + 1):  # keeps the test running after the seeded years
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试", "complete": True})
    plist = ProposedList.objects.create(batch=batch, state="approved", prepared_by=personas["bureau_officer"],
                                        decided_by=personas["bureau_head"], decided_at=timezone.now())
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.PROPOSED,
                                     platform_name="甲示范平台")
    ApplicationProfile.objects.create(application=application, service_functions=["technology"])
    ProposedEntry.objects.create(proposed_list=plist, application=application, rank=1, score=Decimal(88),
                                 selected=True)

    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="公示与认定").click()
    page.get_by_label("异议受理联系方式").fill("创新创业服务科 0791-83869992")
    _confirm(page)
    page.get_by_role("button", name="发布公示").click()
    expect(page.locator(".message.success")).to_contain_text("已发布公示")
    page.get_by_role("button", name="退出").click()

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    try:
        _object_and_verify(page, phone.new_page(), live_server, sign_in, screenshot, today)
    finally:
        phone.close()  # a context left open keeps talking to the live server after the test


def _object_and_verify(page, public, live_server, sign_in, screenshot, today):
    public.goto(f"{live_server.url}/publicity/")
    expect(public.get_by_role("cell", name="甲示范平台")).to_be_visible()
    public.get_by_role("link", name="在线提出异议（实名）").click()
    public.get_by_label("对哪个平台提出异议").select_option(label="甲示范平台")
    public.get_by_label("真实姓名").fill("王某")
    public.get_by_label("联系电话（手机）").fill("13800138000")
    public.get_by_label("异议内容").fill("该平台的服务企业名单与实际不符，请核实。")
    public.once("dialog", lambda dialog: dialog.accept())  # the confirmation before an irreversible step
    public.get_by_role("button", name="提交异议").click()
    expect(public.get_by_role("heading", name="异议已受理")).to_be_visible()

    sign_in("bureau_officer", PASSWORD)
    page.goto(f"{live_server.url}/bureau/publicity/{Publicity.objects.get().pk}/")
    page.get_by_role("link", name="调查处理").click()
    page.get_by_label("异议不成立").check()
    page.get_by_label("调查核实情况和处理意见").fill("经抽查名单中 20 家企业，均确认接受过服务。")
    _confirm(page)
    page.get_by_role("button", name="提交处理结果").click()
    expect(page.locator(".message.success")).to_have_text("异议处理结果已记录。")
    # Time passes: the window ends (moved 30 days back rather than waiting).
    Publicity.objects.update(published_on=today - dt.timedelta(days=30), starts_on=today - dt.timedelta(days=30),
                             ends_on=today - dt.timedelta(days=20))
    page.reload()
    _confirm(page)
    page.get_by_role("button", name="报领导审批").click()
    expect(page.locator(".message.success")).to_have_text("认定决定已报领导审批。")
    page.get_by_role("button", name="退出").click()

    sign_in("bureau_head", PASSWORD)
    page.goto(f"{live_server.url}/bureau/publicity/{Publicity.objects.get().pk}/")
    _confirm(page)
    page.get_by_role("button", name="审批通过并发文").click()
    expect(page.locator(".message.success")).to_contain_text("示范平台认定生效")
    screenshot("decision-approved")
    code = Recognition.objects.get().verification_code

    public.goto(f"{live_server.url}/verify/")
    public.get_by_role("textbox").first.fill(code)
    public.get_by_role("button").filter(has_text="验证").first.click()
    expect(public.get_by_text("有效", exact=True).first).to_be_visible()
    expect(public.get_by_text("甲示范平台").first).to_be_visible()
    public.screenshot(path=str(SCREENSHOTS / "certificate-verified-phone.png"), full_page=True)
