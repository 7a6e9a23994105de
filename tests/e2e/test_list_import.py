"""The applicant imports 附件5 from Excel, reads the report and keeps the valid rows."""

import pytest
from playwright.sync_api import expect

from shifan.applications.enums import Status
from shifan.applications.list_excel import sheet_for
from shifan.applications.models import ServedEnterprise
from shifan.documents.xlsx import export_rows
from tests.applications.test_list_excel import served_rows
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_applicant_imports_the_served_list(page, live_server, sign_in, screenshot, personas, org_a, batch, tmp_path):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    rows = served_rows(150)
    rows[4]["mobile"] = "12345"
    path = tmp_path / "附件5.xlsx"
    path.write_bytes(export_rows(sheet_for("served_smes"), rows))

    sign_in("applicant_a", PASSWORD)
    page.goto(f"{live_server.url}/applicant/applications/{draft.pk}/sections/served/")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 Excel 模板").click()
    assert download.value.suggested_filename == "上一年度服务中小企业（模板）.xlsx"
    page.get_by_label("从 Excel 导入").set_input_files(str(path))
    page.get_by_role("button", name="检查并导入").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入检查结果：上一年度服务中小企业")
    problem = "第 6 行「手机」：手机号码应为以 1 开头的 11 位数字（可带 +86）。"
    expect(page.locator(".import-errors li")).to_have_text([problem])
    screenshot("list-import-report")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="保留 149 行有效数据，替换现有名单").click()
    expect(page.locator(".message.success")).to_have_text("已导入：「上一年度服务中小企业」现有 149 行。")
    expect(page.locator("#list-served_smes .hint").first).to_have_text("共 149 行")
    assert ServedEnterprise.objects.filter(application=draft).count() == 149
