"""The applicant uploads the 第八条 materials, sees them listed, fills the minimum and submits."""

import pytest
from playwright.sync_api import expect

from shifan.applications.attachments import SLOTS
from shifan.applications.enums import Status
from shifan.applications.models import Application, Attachment
from shifan.applications.sections import SECTIONS
from tests.conftest import PASSWORD
from tests.factories import MINIMAL_PDF, ApplicationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _upload(page, base: str, slot_code: str, name: str) -> None:
    section = next(s.code for s in SECTIONS if slot_code in s.uploads)
    page.goto(f"{base}/sections/{section}/")
    card = page.locator(f"#slot-{slot_code}")
    card.locator("input[type=file]").set_input_files({"name": name, "mimeType": "application/pdf",
                                                      "buffer": MINIMAL_PDF})
    card.get_by_role("button", name="上传").click()
    expect(page.locator(".message.success")).to_contain_text(f"已上传「{name}」")


def test_applicant_uploads_materials_and_submits(page, live_server, sign_in, screenshot, personas, org_a, batch):
    draft = ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")
    base = f"{live_server.url}/applicant/applications/{draft.pk}"
    sign_in("applicant_a", PASSWORD)

    _upload(page, base, "licence", "营业执照副本.pdf")
    row = page.locator("#slot-licence tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("营业执照副本.pdf")
    expect(row).to_contain_text("甲用户")
    expect(row.get_by_role("link", name="下载")).to_be_visible()
    screenshot("attachments-licence")

    page.goto(f"{base}/")
    expect(page.locator("#missing")).to_contain_text("尚未上传第八条（三）")

    page.goto(f"{base}/sections/basics/")
    page.get_by_label("单位性质").fill("企业法人")
    page.get_by_label("注册日期").fill("2018-03-01")
    page.get_by_label("法定代表人", exact=True).fill("张三")
    page.get_by_label("联系人", exact=True).fill("李四")
    page.get_by_label("联系人手机").fill("13900001111")
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success")).to_have_text("已保存「一、平台基本情况」。")

    page.goto(f"{base}/sections/declaration/")
    page.get_by_label("法定代表人（签字）").fill("张三")
    page.get_by_label("声明日期").fill("2026-04-20")
    page.get_by_role("button", name="保存本部分").click()
    expect(page.locator(".message.success")).to_contain_text("已保存「附件6")

    for slot in SLOTS:
        if slot.required and slot.code != "licence":
            _upload(page, base, slot.code, f"材料-{slot.code}.pdf")

    page.goto(f"{base}/")
    expect(page.locator("#missing")).to_have_text("申请表基本信息、声明函和必传材料均已齐全，可以提交申报。")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交申报").click()
    expect(page.locator(".message.success")).to_contain_text("待县区初审")
    screenshot("attachments-submitted")
    assert Application.objects.get(pk=draft.pk).status == Status.SUBMITTED
    assert Attachment.objects.filter(application=draft).count() == sum(slot.required for slot in SLOTS)
