"""Issue 4's main path in one browser session: a draft becomes a complete application.

The lists come in by Excel import, the materials by upload; the eligibility panel turns from
不符合 to 符合基本条件 as the applicant saves; then the application is submitted to its district.
"""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from shifan.applications.attachments import SLOTS
from shifan.applications.enums import Status
from shifan.applications.list_excel import sheet_for
from shifan.applications.models import Application
from shifan.documents.xlsx import export_rows
from tests.applications.dossiers import SAMPLE_PATH
from tests.conftest import PASSWORD
from tests.e2e.test_attachments import _upload
from tests.factories import ApplicationFactory, BatchFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATE_FIELDS = {"date", "purchased_on"}
DECIMAL_FIELDS = {"total_assets", "revenue", "service_revenue", "profit", "price"}


def _typed(row: dict) -> dict:
    return {key: date.fromisoformat(value) if key in DATE_FIELDS else Decimal(value) if key in DECIMAL_FIELDS
            else value for key, value in row.items()}


def _import(page, base: str, section: str, kind: str, rows: list[dict], tmp_path) -> None:
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(export_rows(sheet_for(kind), [_typed(row) for row in rows]))
    page.goto(f"{base}/sections/{section}/")
    page.locator(f"#file-{kind}").set_input_files(str(path))
    page.locator(f"#list-{kind}").get_by_role("button", name="检查并导入").click()
    expect(page.locator(".import-errors")).to_have_count(0)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=f"保留 {len(rows)} 行有效数据，替换现有名单").click()
    expect(page.locator(".message.success")).to_contain_text(f"现有 {len(rows)} 行")


def _fill(page, base: str, section: str, values: dict) -> None:
    page.goto(f"{base}/sections/{section}/")
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success").first).to_contain_text("已保存")


def test_a_draft_becomes_a_complete_eligible_application_and_is_submitted(
    page, live_server, sign_in, screenshot, personas, org_a, tmp_path
):
    sample = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    # Opened on 2026-04-01 (上一年度 2025, the sample's year) and still open for submissions.
    batch = BatchFactory(year=2026, opens_at=datetime(2026, 4, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
                         applicant_deadline=timezone.now() + timedelta(days=20),
                         district_deadline=timezone.now() + timedelta(days=30))
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    base = f"{live_server.url}/applicant/applications/{draft.pk}"
    sign_in("applicant_a", PASSWORD)
    page.goto(f"{base}/")
    expect(page.locator("[data-eligible]")).to_have_attribute("data-eligible", "false")

    _fill(page, base, "basics", {"单位性质": "企业法人", "注册日期": "2018-03-15", "法定代表人": "张三",
                                 "联系人": "李四", "联系人手机": "13900001111"})
    _fill(page, base, "scale", {"上年末总资产（万元）": "260", "服务场地面积：自有（平方米）": "80",
                                "服务场地面积：租用（平方米）": "120.5"})
    page.goto(f"{base}/sections/capability/")
    for label in ("信息查询", "技术服务", "培训服务"):
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success").first).to_contain_text("已保存")

    _import(page, base, "operations", "operating_years", sample["operations"], tmp_path)
    _import(page, base, "capability", "partners", sample["partners"], tmp_path)
    _import(page, base, "capability", "activities", sample["activities"], tmp_path)
    _import(page, base, "staff", "staff", sample["staff"], tmp_path)
    _import(page, base, "served", "served_smes", sample["served_smes"], tmp_path)
    expect(page.locator('[data-condition="satisfaction"] .badge')).to_have_text("通过")

    _fill(page, base, "declaration", {"法定代表人（签字）": "张三", "声明日期": "2026-04-20"})
    for slot in SLOTS:
        if slot.required:
            _upload(page, base, slot.code, f"材料-{slot.code}.pdf")

    page.goto(f"{base}/")
    expect(page.locator("[data-eligible]")).to_have_attribute("data-eligible", "true")
    expect(page.locator("#missing")).to_contain_text("均已齐全")
    screenshot("whole-application-eligible")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交申报").click()
    expect(page.locator(".message.success")).to_have_text("办理成功，申报当前状态：待县区初审。")
    assert Application.objects.get(pk=draft.pk).status == Status.SUBMITTED
