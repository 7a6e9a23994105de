"""The applicant fills a section and a list row in the browser."""

import re

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.models import ApplicationProfile, StaffMember
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_applicant_fills_scale_and_adds_staff(page, live_server, sign_in, screenshot, personas, org_a, batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/scale/")
    page.get_by_label("上年末总资产（万元）").fill("-5")
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".field-error").first).to_have_text("确保该值大于或等于0。")
    page.get_by_label("上年末总资产（万元）").fill("320.5")
    page.get_by_label("服务场地面积：自有（平方米）").fill("100")
    page.get_by_label("服务场地面积：租用（平方米）").fill("80")
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success")).to_have_text("已保存「资产、设备与服务场地」。")

    page.get_by_role("link", name="附件4 主要从业人员情况表").click()
    page.get_by_text("添加一行").click()
    page.get_by_label("姓名").fill("王工")
    page.get_by_label("学历").select_option(label="大学本科")
    page.get_by_label("职称等级").select_option(label="中级")
    page.get_by_label("联系方式").fill("13800001234")
    page.get_by_role("button", name="添加").click()
    expect(page.locator("#list-staff tbody tr")).to_have_count(1)
    expect(page.locator("#list-staff tbody tr")).to_contain_text("大学本科")
    screenshot("section-staff")
    assert str(ApplicationProfile.objects.get(application=draft).total_assets) == "320.50"
    assert StaffMember.objects.get(application=draft).contact == "13800001234"


def test_typed_work_is_autosaved_and_survives_a_reload(page, live_server, sign_in, personas, org_a, batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/report/")
    page.get_by_label("四、管理运营情况").fill("建立了服务质量保证体系。")
    page.evaluate("window.shifanAutosaveNow()")
    expect(page.locator(".autosave-status")).to_contain_text("自动保存")
    page.get_by_label("八、下一步发展设想").fill("拓展数字化服务。")
    page.evaluate("window.shifanAutosaveNow()")
    expect(page.locator(".autosave-status")).to_have_text(re.compile(r"已于 \d\d:\d\d 自动保存。"))
    page.reload()
    expect(page.get_by_label("四、管理运营情况")).to_have_value("建立了服务质量保证体系。")
    expect(page.get_by_label("八、下一步发展设想")).to_have_value("拓展数字化服务。")
    assert ApplicationProfile.objects.get(application=draft).report_plans == "拓展数字化服务。"


def test_an_autosave_after_the_session_ended_says_so_and_keeps_the_text(page, live_server, sign_in, personas, org_a,
                                                                         batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/report/")
    page.context.clear_cookies()  # the session is gone, as after a timeout
    page.get_by_label("四、管理运营情况").fill("建立了服务质量保证体系。")
    page.evaluate("window.shifanAutosaveNow()")
    expect(page.locator(".autosave-status")).to_contain_text("登录已超时，本次未能自动保存")
    expect(page.get_by_label("四、管理运营情况")).to_have_value("建立了服务质量保证体系。")
    assert not ApplicationProfile.objects.filter(application=draft).exclude(report_management="").exists()
