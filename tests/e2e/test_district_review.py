"""A full district review in the browser: inbox → USCC check → survey of 12 → 附件1 texts → recommend."""

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.models import Application, ServedEnterprise
from shifan.district_review.models import SurveyResponse
from tests.conftest import PASSWORD
from tests.e2e.year_steps import check_uscc_and_survey_twelve
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_district_reviews_and_recommends(page, live_server, sign_in, screenshot, personas, org_a, batch):
    application = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED,
                                     platform_name="甲示范平台")
    ServedEnterprise.objects.bulk_create([
        ServedEnterprise(application=application, name=f"被服务企业{i:02d}", contact=f"联系人{i}", position="经理",
                         mobile=f"1380000{i:04d}", service="咨询", satisfied=True, seq=i) for i in range(1, 41)
    ])
    sign_in("officer_x", PASSWORD)
    page.get_by_role("link", name="甲示范平台").click()
    page.get_by_role("link", name="初审：查验、抽样测评、填写推荐表").click()
    expect(page.get_by_text("尚未抽取测评企业（须随机抽取 12 家以上）。")).to_be_visible()

    check_uscc_and_survey_twelve(page, checked_on="2026-11-20", served=40)

    page.get_by_label("对区域中小企业发展的影响和作用").fill("服务辖区企业四十家，带动明显。")
    page.get_by_label("示范性").fill("线上线下结合。")
    page.get_by_role("textbox", name="推荐意见").fill("同意推荐。")
    page.get_by_role("button", name="保存推荐表内容").click()
    expect(page.get_by_text("查验、测评和推荐意见均已完成")).to_be_visible()
    screenshot("district-review-complete")

    page.get_by_role("link", name="前往办理（推荐 / 退回修改 / 不予推荐）").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="推荐", exact=True).click()
    expect(page.locator(".message.success")).to_have_text("办理成功，申报当前状态：县区已推荐。")
    assert Application.objects.get(pk=application.pk).status == Status.RECOMMENDED
    assert SurveyResponse.objects.filter(satisfied=True).count() == 12
