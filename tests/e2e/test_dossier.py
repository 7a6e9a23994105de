"""The applicant imports its dossier in the browser and reads the eligibility check."""

import json

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from tests.applications.dossiers import sample_batch, sample_for
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def batch(db):
    return sample_batch()  # 上一年度 2025, the sample's year, whatever today's date


def test_applicant_uploads_the_sample_dossier_and_sees_the_eligibility_panel(
    page, live_server, sign_in, screenshot, personas, org_a, batch, tmp_path
):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    dossier = tmp_path / "甲示范平台-申报材料.json"
    dossier.write_text(json.dumps(sample_for(draft), ensure_ascii=False, indent=2), encoding="utf-8")

    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/")
    panel = page.locator("#eligibility")
    expect(panel.locator(".overall")).to_contain_text("不符合基本条件")  # an empty draft misses everything

    page.get_by_label("导入申报材料（UTF-8 编码的 JSON 文件，不超过 10 MB）").set_input_files(str(dossier))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="导入", exact=True).click()

    expect(page.locator(".message.success")).to_contain_text("附件5 服务企业 120 家")
    expect(panel.locator(".overall")).to_have_text("符合基本条件；另有 4 项须评审人员判断。")
    expect(panel.locator("tbody tr")).to_have_count(18)
    expect(panel.locator('[data-status="pass"]')).to_have_count(14)
    expect(panel.locator('[data-status="review"]')).to_have_count(4)
    expect(panel.locator('tr[data-condition="activities"]')).to_contain_text("信息查询 5 次、技术服务 3 次")
    screenshot("applicant-dossier-imported")


def test_a_bad_file_is_refused_with_the_reason_on_the_page(page, live_server, sign_in, screenshot, personas, org_a,
                                                           batch, tmp_path):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲示范平台")
    data = sample_for(draft)
    data["served_smes"][2]["moblie"] = data["served_smes"][2].pop("mobile")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/")
    page.get_by_label("导入申报材料（UTF-8 编码的 JSON 文件，不超过 10 MB）").set_input_files(str(bad))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="导入", exact=True).click()

    expect(page.locator(".import-errors")).to_contain_text("served_smes[2].moblie: 未知的键")
    expect(page.locator(".import-errors")).to_contain_text("（第 3 行）")
    screenshot("applicant-dossier-refused")
