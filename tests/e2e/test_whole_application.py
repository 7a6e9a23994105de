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
from tests.e2e.year_steps import SAMPLE_LISTS, fill_sample_sections, fill_section
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

    fill_sample_sections(page, base)
    for section, kind, key in SAMPLE_LISTS:
        _import(page, base, section, kind, sample[key], tmp_path)
    expect(page.locator('[data-condition="satisfaction"] .badge')).to_have_text("通过")

    fill_section(page, base, "declaration", {"法定代表人（签字）": "张三", "声明日期": "2026-04-20"})
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
