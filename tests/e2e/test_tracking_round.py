"""A tracking round in the browser: the officer opens it → the platform files its figures, imports its
附件5 list in the application's template (a file with a bad row first: nothing imported) and submits →
the officer sees who failed which conditions and issues a rectification notice → the platform replies
with a file → the officer reads the reply, downloads the file and closes the rectification."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.factories import MINIMAL_PDF
from tests.tracking.helpers import FAILING, recognised, served_rows, served_workbook

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _confirm(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def _workbook(rows) -> dict:
    return {"name": "附件5.xlsx", "mimeType": XLSX, "buffer": served_workbook(rows)}


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

    # 附件5: the application's template; a bad row refuses the whole file, the draft stays.
    with page.expect_download() as template:
        page.get_by_role("link", name="下载附件5模板（.xlsx）").click()
    assert template.value.suggested_filename.endswith("（模板）.xlsx")
    bad = served_rows(120, satisfied=80)
    bad[4]["mobile"] = "12345"
    page.get_by_label("服务企业名单（附件5，.xlsx）").set_input_files(_workbook(bad))
    page.get_by_role("button", name="导入名单").click()
    expect(page.locator("#served-import-errors")).to_contain_text("名单未导入：1 行有问题")
    expect(page.locator("#served-import-errors")).to_contain_text("第 6 行「手机」：手机号码应为以 1 开头的 11 位数字")
    expect(page.locator("#id_total_assets")).to_have_value("50.00")
    page.get_by_label("服务企业名单（附件5，.xlsx）").set_input_files(_workbook(served_rows(120, satisfied=80)))
    page.get_by_role("button", name="导入名单").click()
    expect(page.locator(".message.success")).to_contain_text("已导入服务企业名单（附件5）共 120 家")
    expect(page.locator("#served-total")).to_have_text("120")
    expect(page.locator("#id_served_satisfied")).to_be_disabled()
    expect(page.locator("#id_served_satisfied")).to_have_value("80")
    screenshot("tracking-served-list")
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
    page.get_by_role("button", name="退出").click()

    # The platform answers the rectification with a file.
    sign_in("applicant_a", PASSWORD)
    page.get_by_role("link", name=f"甲示范平台 · {today.year - 1}年度报告").click()
    page.get_by_label("整改情况说明").fill("已逐户回访不满意企业，补充了资产证明。")
    page.locator('input[name="files"]').set_input_files(
        {"name": "回访记录.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF})
    page.get_by_role("button", name="报送整改情况").click()
    expect(page.locator(".message.success")).to_contain_text("整改情况已报送")
    expect(page.locator("[data-reply]").first).to_contain_text("已逐户回访不满意企业")
    page.get_by_role("button", name="退出").click()

    # The officer reads the reply, downloads its file and closes the rectification.
    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="动态跟踪").click()
    page.get_by_role("link", name=f"{today.year - 1}年度示范平台动态跟踪").click()
    page.locator("#tracking-overview").get_by_role("link", name="甲示范平台").click()
    rectification = page.locator('[data-rectification="open"]')
    expect(rectification).to_contain_text("已逐户回访不满意企业，补充了资产证明。")
    with page.expect_download() as reply_file:
        rectification.get_by_role("link", name="回访记录.pdf").click()
    assert reply_file.value.suggested_filename == "回访记录.pdf"
    screenshot("tracking-rectification-reply")
    rectification.get_by_label("整改情况").fill("平台已提交回访记录，整改到位。")
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before an irreversible step
    rectification.get_by_role("button", name="结束整改").click()
    expect(page.locator(".message.success")).to_contain_text("整改已结束")
    expect(page.locator('[data-rectification="closed"]')).to_contain_text("平台已提交回访记录")
