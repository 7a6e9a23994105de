"""A tracking round in the browser: the officer opens it → the platform files its figures and submits →
the officer sees who failed which conditions and issues a rectification notice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.tracking.helpers import FAILING, recognised

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _confirm(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def test_tracking_round(page, live_server, sign_in, screenshot, personas, org_a):
    today = timezone.localdate()
    recognised(org_a, officer=personas["bureau_officer"], head=personas["bureau_head"], year=today.year - 2,
               starts_on=today - timedelta(days=30), platform_name="甲示范平台")

    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="动态跟踪").click()
    page.get_by_label("报送截止日期").fill((today + timedelta(days=30)).isoformat())
    _confirm(page)
    page.get_by_role("button", name="开启").click()
    expect(page.locator(".message.success")).to_contain_text("1 个示范平台需报送")
    page.get_by_role("button", name="退出").click()

    sign_in("applicant_a", PASSWORD)
    page.get_by_role("link", name=f"甲示范平台 · {today.year - 1}年度报告").click()
    for name, value in FAILING.items():
        if value is not None:
            page.locator(f"#id_{name}").fill(str(value))
    page.get_by_label("大型服务活动（技术服务，次）").fill("2")
    page.get_by_label("大型服务活动（信息查询，次）").fill("4")
    page.get_by_label("年度工作总结").fill("本年度组织技术服务活动两次，信息发布四次。")
    page.get_by_role("button", name="保存并核查").click()
    expect(page.locator(".message.success")).to_contain_text("核查结果已更新")
    expect(page.locator('tr[data-condition="total_assets"] [data-status]')).to_have_attribute("data-status", "fail")
    expect(page.locator('tr[data-condition="staff_count"] [data-status]')).to_have_attribute("data-status", "pass")
    _confirm(page)
    page.get_by_role("button", name="提交年度报告").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")
    screenshot("tracking-applicant-submitted")
    page.get_by_role("button", name="退出").click()

    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="动态跟踪").click()
    page.get_by_role("link", name=f"{today.year - 1}年度示范平台动态跟踪").click()
    row = page.locator("#tracking-overview tbody tr")
    expect(row).to_contain_text("不符合 未通过：资产总额、服务满意度")
    screenshot("tracking-overview")
    row.get_by_role("link", name="甲示范平台").click()
    page.get_by_label("整改要求").fill("请于期限内补充资产证明并提高服务满意度。")
    page.get_by_label("整改期限").fill((today + timedelta(days=60)).isoformat())
    _confirm(page)
    page.get_by_role("button", name="发出整改通知").click()
    expect(page.locator(".message.success")).to_contain_text("整改通知已发出")
    expect(page.locator('[data-rectification="open"]')).to_contain_text("请于期限内补充资产证明")
    expect(page.get_by_label("撤销理由（事实和依据）")).to_have_value(
        f"{today.year - 1}年度动态跟踪（第十三条）核查，该平台不再符合《认定管理办法》第五条规定的以下条件："
        "资产总额、服务满意度。")
    screenshot("tracking-rectification")
