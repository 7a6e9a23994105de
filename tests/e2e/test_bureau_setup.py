"""The bureau sets up a year: a new policy version, then a batch that uses it."""

import pytest
from playwright.sync_api import expect

from shifan.batches.models import Batch
from shifan.policies.models import Policy
from tests.conftest import PASSWORD
from tests.factories import shipped_policy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_adds_a_policy_version_and_an_officer_opens_a_batch_under_it(page, live_server, sign_in, screenshot,
                                                                            personas):
    current = shipped_policy("nanchang-2022")
    sign_in("bureau_admin", PASSWORD)
    page.get_by_role("link", name="认定办法版本").first.click()
    page.get_by_role("link", name="南昌市中小企业公共服务示范平台认定管理办法").click()
    page.get_by_role("link", name="基于此版本新建版本").click()
    page.get_by_label("新版本代码").fill("nanchang-2027")
    page.get_by_label("文号").fill("洪企服规〔2027〕1号")
    page.get_by_label("专职从业人员下限（人）").fill("12")
    screenshot("policy-successor-form")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".message.success")).to_contain_text("已创建新版本草稿")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="启用").click()
    expect(page.locator(".message.success")).to_have_text("已启用该版本。")
    screenshot("policy-activated")
    assert Policy.objects.get(pk=current.pk).status == "superseded"
    page.get_by_role("button", name="退出").click()

    sign_in("bureau_officer", PASSWORD)
    page.get_by_role("link", name="申报批次").click()
    page.get_by_role("link", name="新建批次").click()
    page.get_by_label("年度").fill("2027")
    page.get_by_label("批次名称").fill("2027年度南昌市中小企业公共服务示范平台认定")
    expect(page.get_by_label("适用认定办法版本")).to_have_value(str(Policy.objects.get(code="nanchang-2027").pk))
    page.get_by_label("申报开始时间").fill("2027-04-01T09:00")
    page.get_by_label("申报截止时间").fill("2027-05-31T17:30")
    page.get_by_label("县区推荐截止时间").fill("2027-06-15T17:30")
    page.get_by_label("评审开始日期").fill("2027-06-20")
    page.get_by_label("评审结束日期").fill("2027-07-10")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".message.success")).to_contain_text("已创建申报批次")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="开启申报").click()
    expect(page.locator(".message.success")).to_have_text("已开启申报。")
    screenshot("batch-opened")
    batch = Batch.objects.get(year=2027)
    assert (batch.state, batch.policy.code) == ("open", "nanchang-2027")
