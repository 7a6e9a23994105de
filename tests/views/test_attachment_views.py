"""The applicant's upload pages, the download's headers, and submitting with the missing-items list."""

import email.message
import email.utils
import html
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shifan.applicant.attachments import MAX_UPLOAD_BYTES
from shifan.applications.attachments import SLOTS
from shifan.applications.enums import Status
from shifan.applications.models import Application, Attachment
from shifan.audit.models import AuditEvent
from tests.documents import bad_files as make
from tests.factories import MINIMAL_PDF, SUBMITTABLE_PROFILE, ApplicationFactory, AttachmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


def text(response) -> str:
    return html.unescape(response.content.decode())


def section_url(application, code: str) -> str:
    return f"/applicant/applications/{application.pk}/sections/{code}/"


def upload_url(application, slot: str) -> str:
    return f"/applicant/applications/{application.pk}/attachments/{slot}/upload/"


def pdf_file(name="营业执照.pdf", data=MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_each_slot_shows_its_rule_and_an_upload_form(client_for, draft):
    page = text(client_for("applicant_a").get(section_url(draft, "certificates")))
    assert "依据：第八条（二）。可上传 PDF、JPG、PNG 格式，单个文件不超过 20 MB，最多 3 个。" in page
    assert "依据：第八条（四）。可上传 PDF 格式，单个文件不超过 20 MB，最多 3 个。" in page
    assert f'action="{upload_url(draft, "licence")}"' in page
    assert 'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"' in page
    assert page.count("尚未上传。") == 3
    declaration = text(client_for("applicant_a").get(section_url(draft, "declaration")))
    assert 'id="slot-declaration_scan"' in declaration and 'name="declaration_signed_by"' in declaration


def test_the_step_order_follows_article_8(client_for, draft):
    from shifan.applications.sections import SECTIONS

    codes = [section.code for section in SECTIONS]
    assert codes.index("report") < codes.index("certificates") < codes.index("equipment")
    assert codes.index("served") < codes.index("materials") < codes.index("declaration")
    assert {code for section in SECTIONS for code in section.uploads} == {slot.code for slot in SLOTS}


def test_an_upload_is_listed_with_who_and_when_and_can_be_downloaded_and_deleted(client_for, draft):
    client = client_for("applicant_a")
    response = client.post(upload_url(draft, "licence"), {"file": pdf_file()})
    assert response.status_code == 302
    assert response["Location"] == section_url(draft, "certificates") + "#slot-licence"
    page = text(client.get(response["Location"]))
    attachment = Attachment.objects.get()
    assert "已上传「营业执照.pdf」到「法人证书或营业执照副本复印件」。" in page
    assert "营业执照.pdf" in page and "甲用户" in page
    assert f'href="/applicant/applications/{draft.pk}/attachments/{attachment.pk}/"' in page
    assert f'action="/applicant/applications/{draft.pk}/attachments/{attachment.pk}/delete/"' in page

    response = client.post(f"/applicant/applications/{draft.pk}/attachments/{attachment.pk}/delete/")
    assert response.status_code == 302
    assert "已删除「营业执照.pdf」。" in text(client.get(response["Location"]))
    assert not Attachment.objects.exists()


def test_a_refused_file_is_explained_on_the_page(client_for, draft):
    client = client_for("applicant_a")
    response = client.post(upload_url(draft, "licence"), {"file": pdf_file("执照.jpg")})
    page = text(client.get(response["Location"]))
    assert ("未能上传到「法人证书或营业执照副本复印件」：文件内容与扩展名不符：文件名是 .jpg，内容却是 PDF 文档。"
            "请确认文件后重新上传。") in page
    assert not Attachment.objects.exists()


def test_no_file_chosen_is_explained(client_for, draft):
    client = client_for("applicant_a")
    response = client.post(upload_url(draft, "premises"))
    assert "请选择要上传的文件。" in text(client.get(response["Location"]))


def test_an_oversized_upload_is_cut_while_read_and_explained(client_for, draft):
    client = client_for("applicant_a")
    big = SimpleUploadedFile("审计报告.pdf", b"%PDF-" + b"\0" * MAX_UPLOAD_BYTES, content_type="application/pdf")
    response = client.post(upload_url(draft, "audit_report"), {"file": big})
    assert "未能上传到「上一年度包含服务收支情况的审计报告」：文件超过上限 20 MB，请压缩或拆分后上传。" in text(
        client.get(response["Location"]))
    assert not Attachment.objects.exists()


def test_a_submitted_application_lists_files_without_upload_or_delete(client_for, org_a, batch, personas):
    submitted = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    attachment = AttachmentFactory(application=submitted, uploaded_by=personas["applicant_a"])
    page = text(client_for("applicant_a").get(section_url(submitted, "certificates")))
    assert "营业执照.pdf" in page
    assert f"/attachments/{attachment.pk}/delete/" not in page
    assert "/upload/" not in page
    client = client_for("applicant_a")
    response = client.post(f"/applicant/applications/{submitted.pk}/attachments/{attachment.pk}/delete/")
    assert response.status_code == 302
    assert "申报当前状态为「待县区初审」，不能修改；退回修改后方可编辑。" in text(client.get(response["Location"]))
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_full_slot_offers_no_more_upload(client_for, draft, personas):
    slot = next(s for s in SLOTS if s.code == "declaration_scan")
    for _ in range(slot.max_files):
        AttachmentFactory(application=draft, slot=slot.code, uploaded_by=personas["applicant_a"])
    page = text(client_for("applicant_a").get(section_url(draft, "declaration")))
    assert upload_url(draft, slot.code) not in page
    assert f"本项已达到 {slot.max_files} 个文件的上限；如需更换，请先删除不需要的文件。" in page


# --- the download ----------------------------------------------------------------------------


def _download(client, application, attachment):
    response = client.get(f"/applicant/applications/{application.pk}/attachments/{attachment.pk}/")
    body = b"".join(response.streaming_content)
    return response, body


def test_the_download_is_an_attachment_with_safe_headers(client_for, draft, personas):
    attachment = AttachmentFactory(application=draft, name='营业执照 副本; "x".pdf',
                                   uploaded_by=personas["applicant_a"])
    response, body = _download(client_for("applicant_a"), draft, attachment)
    assert response.status_code == 200
    assert body == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    header = email.message.Message()
    header["Content-Disposition"] = response["Content-Disposition"]
    assert header.get_content_disposition() == "attachment"
    params = header.get_params(header="content-disposition")
    assert ("filename", "attachment.pdf") in params  # the ASCII fallback: no CJK, quote or semicolon in it
    encoded = next(value for key, value in params if key == "filename" and isinstance(value, tuple))
    assert email.utils.collapse_rfc2231_value(encoded) == '营业执照 副本; "x".pdf'
    assert "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]


def test_an_ascii_name_is_its_own_fallback(client_for, draft, personas):
    attachment = AttachmentFactory(application=draft, name="licence 2025.pdf", uploaded_by=personas["applicant_a"])
    response, _ = _download(client_for("applicant_a"), draft, attachment)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="licence 2025.pdf"; filename*=UTF-8\'\'')
    assert unquote(disposition.split("''", 1)[1]) == "licence 2025.pdf"


def test_images_are_served_with_their_checked_type(client_for, draft, personas):
    client = client_for("applicant_a")
    client.post(upload_url(draft, "activities"), {"file": SimpleUploadedFile("照片.png", make.image("png"))})
    attachment = Attachment.objects.get()
    response, body = _download(client, draft, attachment)
    assert response["Content-Type"] == "image/png"
    assert body.startswith(b"\x89PNG")


def test_every_download_is_audited(client_for, draft, personas):
    attachment = AttachmentFactory(application=draft, uploaded_by=personas["applicant_a"])
    _download(client_for("applicant_a2"), draft, attachment)
    event = AuditEvent.objects.get(event="application.attachment_downloaded")
    assert (event.actor, event.data["attachment"]) == (personas["applicant_a2"], attachment.pk)


def test_a_file_missing_from_storage_is_a_404(client_for, draft, personas):
    attachment = AttachmentFactory(application=draft, uploaded_by=personas["applicant_a"])
    attachment.file.storage.delete(attachment.file.name)
    response = client_for("applicant_a").get(f"/applicant/applications/{draft.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 404


# --- submitting -------------------------------------------------------------------------------


def test_submission_is_refused_with_every_missing_item_then_accepted(client_for, draft, personas):
    client = client_for("applicant_a")
    page = text(client.get(f"/applicant/applications/{draft.pk}/"))
    assert "提交前还需补齐" in page and "尚未上传第八条（四）「上一年度包含服务收支情况的审计报告」。" in page

    response = client.post(f"/applicant/applications/{draft.pk}/act/", {"action": "submit", "reason": ""})
    assert response.status_code == 400
    page = text(response)
    for item in ("申请表「一、平台基本情况」尚未填写：单位性质、注册日期、法定代表人、联系人、联系人手机。",
                 "附件6 申报材料真实性声明函尚未填写：法定代表人（签字）、声明日期。",
                 "尚未上传第八条（十）「申报材料真实性声明函（附件6）签字盖章扫描件」。"):
        assert item in page
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT

    basics = {"version": draft.version, **{k: v for k, v in SUBMITTABLE_PROFILE.items() if not k.startswith("declar")}}
    client.post(section_url(draft, "basics"), basics)
    draft.refresh_from_db()
    client.post(section_url(draft, "declaration"), {
        "version": draft.version, "declaration_signed_by": "张三", "declaration_signed_on": "2026-04-20"})
    for slot in SLOTS:
        if slot.required:
            client.post(upload_url(draft, slot.code), {"file": pdf_file(f"{slot.code}.pdf")})
    page = text(client.get(f"/applicant/applications/{draft.pk}/"))
    assert "申请表基本信息、声明函和必传材料均已齐全，可以提交申报。" in page

    response = client.post(f"/applicant/applications/{draft.pk}/act/", {"action": "submit", "reason": ""})
    assert response.status_code == 302
    assert Application.objects.get(pk=draft.pk).status == Status.SUBMITTED


# --- officials -----------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "prefix"), [("officer_x", "district"), ("bureau_officer", "bureau"),
                                                 ("bureau_head", "bureau")])
def test_officials_see_the_files_on_the_section_page_and_their_downloads_are_audited(
    client_for, org_a, batch, personas, persona, prefix
):
    submitted = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    attachment = AttachmentFactory(application=submitted, uploaded_by=personas["applicant_a"])
    client = client_for(persona)
    page = text(client.get(f"/{prefix}/applications/{submitted.pk}/sections/certificates/"))
    url = f"/{prefix}/applications/{submitted.pk}/attachments/{attachment.pk}/"
    assert "法人证书或营业执照副本复印件" in page and "营业执照.pdf" in page
    assert f'href="{url}"' in page
    assert "/delete/" not in page and "/upload/" not in page

    response = client.get(url)
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    event = AuditEvent.objects.get(event="application.attachment_downloaded")
    assert (event.actor, event.target_id, event.data["slot"]) == (personas[persona], str(submitted.pk), "licence")


def test_an_attachment_id_of_another_application_is_a_404_even_when_both_are_visible(client_for, org_a, org_b,
                                                                                       batch, personas):
    mine = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    other = ApplicationFactory(organization=org_b, batch=batch, status=Status.SUBMITTED)
    theirs = AttachmentFactory(application=other, uploaded_by=personas["applicant_b"])
    response = client_for("bureau_officer").get(f"/bureau/applications/{mine.pk}/attachments/{theirs.pk}/")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event="application.attachment_downloaded").exists()
