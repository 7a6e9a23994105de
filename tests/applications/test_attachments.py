"""Attachments of 第八条: stored privately, checked, audited; and the submission guard (第八条)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from shifan.applications.attachments import SLOTS
from shifan.applications.domain.attachments import (
    add_attachment,
    attachments_for,
    open_attachment,
    remove_attachment,
)
from shifan.applications.domain.content import save_profile_section
from shifan.applications.domain.transitions import transition
from shifan.applications.enums import Action, Status
from shifan.applications.errors import TransitionBlocked
from shifan.applications.guards import application_complete
from shifan.applications.models import Application, Attachment
from shifan.audit.models import AuditEvent
from shifan.documents.files.storage import private_storage
from tests.documents import bad_files as make
from tests.factories import MINIMAL_PDF, ApplicationFactory, AttachmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org_a, batch):
    return ApplicationFactory(organization=org_a, batch=batch, status=Status.DRAFT, platform_name="甲平台")


def _stored_path(attachment: Attachment) -> Path:
    return Path(attachment.file.path)


def test_an_upload_is_stored_privately_under_a_random_name_and_audited(draft, personas):
    attachment = add_attachment(draft, "licence", MINIMAL_PDF, "../营业执照（副本）.pdf", actor=personas["applicant_a"])

    attachment.refresh_from_db()
    path = _stored_path(attachment)
    private = Path(settings.MEDIA_ROOT) / "private"
    assert path.is_relative_to(private)
    assert path.read_bytes() == MINIMAL_PDF
    assert "营业执照" not in path.name and path.suffix == ".pdf" and len(path.stem) == 32
    assert (attachment.name, attachment.kind, attachment.content_type, attachment.size) == (
        "营业执照(副本).pdf", "pdf", "application/pdf", len(MINIMAL_PDF))  # NFKC: full-width brackets fold
    assert attachment.uploaded_by == personas["applicant_a"]
    event = AuditEvent.objects.get(event="application.attachment_added")
    assert event.data == {"slot": "licence", "attachment": attachment.pk, "kind": "pdf",
                          "size": len(MINIMAL_PDF), "sha256": attachment.sha256}
    assert "营业执照" not in str(event.data)


def test_stored_files_are_outside_every_public_url(draft, personas, client_for):
    attachment = add_attachment(draft, "licence", MINIMAL_PDF, "a.pdf", actor=personas["applicant_a"])
    path = _stored_path(attachment)
    public_roots = [Path(settings.STATIC_ROOT), *(Path(d) for d in settings.STATICFILES_DIRS)]
    assert not any(path.is_relative_to(root) for root in public_roots)
    with pytest.raises(ValueError):
        private_storage().url(attachment.file.name)
    # No URL maps onto MEDIA_ROOT: a guessed path is a 404 even for the uploader.
    guessed = f"/media/private/{attachment.file.name}"
    assert client_for("applicant_a").get(guessed).status_code == 404
    assert client_for("applicant_a").get(f"/private/{attachment.file.name}").status_code == 404


def test_images_are_stored_re_encoded_without_exif(draft, personas):
    photo = make.image("jpg", exif_gps=True)
    attachment = add_attachment(draft, "activities", photo, "活动现场.jpg", actor=personas["applicant_a"])
    stored = _stored_path(attachment).read_bytes()
    assert b"Exif" not in stored and stored != photo
    assert attachment.size == len(stored)


def test_a_refused_file_stores_nothing_and_records_why(draft, personas):
    with pytest.raises(ValidationError) as refused:
        add_attachment(draft, "licence", b"<html><script>x</script></html>", "执照.pdf", actor=personas["applicant_a"])
    assert refused.value.messages == ["文件内容是网页或脚本（HTML、SVG 等），出于安全原因不能上传。"]
    assert not Attachment.objects.exists()
    assert not list((Path(settings.MEDIA_ROOT)).rglob("*.pdf"))
    event = AuditEvent.objects.get(event="application.attachment_refused")
    assert event.data["slot"] == "licence" and event.data["reason"].startswith("文件内容是网页或脚本")


def test_a_failed_audit_write_leaves_neither_row_nor_file(draft, personas):
    with override_settings(AUDIT_HMAC_KEY="not-hex"), pytest.raises(ValueError):
        add_attachment(draft, "licence", MINIMAL_PDF, "a.pdf", actor=personas["applicant_a"])
    assert not Attachment.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_each_slot_applies_its_own_allowlist(draft, personas):
    with pytest.raises(ValidationError) as refused:
        add_attachment(draft, "audit_report", make.image("png"), "审计报告.png", actor=personas["applicant_a"])
    assert refused.value.messages == ["本项不接受 .png 格式的文件，只接受：PDF。"]
    assert add_attachment(draft, "activities", make.docx(), "总结.docx", actor=personas["applicant_a"]).kind == "docx"


def test_a_full_slot_refuses_one_more_file(draft, personas):
    slot = next(s for s in SLOTS if s.code == "declaration_scan")
    for _ in range(slot.max_files):
        add_attachment(draft, slot.code, MINIMAL_PDF, "声明函.pdf", actor=personas["applicant_a"])
    with pytest.raises(ValidationError) as refused:
        add_attachment(draft, slot.code, MINIMAL_PDF, "声明函.pdf", actor=personas["applicant_a"])
    assert refused.value.messages == [
        f"「{slot.title}」最多上传 {slot.max_files} 个文件，请先删除不需要的文件。"]
    assert Attachment.objects.filter(slot=slot.code).count() == slot.max_files


def test_an_unknown_slot_is_refused(draft, personas):
    with pytest.raises(ValidationError) as refused:
        add_attachment(draft, "anything", MINIMAL_PDF, "a.pdf", actor=personas["applicant_a"])
    assert refused.value.messages == ["没有这一材料项。"]


def test_a_submitted_application_takes_no_upload_and_loses_no_file(org_a, batch, personas):
    submitted = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    attachment = AttachmentFactory(application=submitted, uploaded_by=personas["applicant_a"])
    message = "申报当前状态为「待县区初审」，不能修改；退回修改后方可编辑。"
    with pytest.raises(ValidationError) as refused:
        add_attachment(submitted, "licence", MINIMAL_PDF, "a.pdf", actor=personas["applicant_a"])
    assert refused.value.messages == [message]
    with pytest.raises(ValidationError) as refused:
        remove_attachment(submitted, attachment, actor=personas["applicant_a"])
    assert refused.value.messages == [message]
    assert Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize("outsider", ["applicant_b", "officer_x", "bureau_officer"])
def test_only_the_applicant_organisation_uploads_or_removes(draft, personas, outsider):
    with pytest.raises(PermissionDenied):
        add_attachment(draft, "licence", MINIMAL_PDF, "a.pdf", actor=personas[outsider])
    attachment = AttachmentFactory(application=draft, uploaded_by=personas["applicant_a"])
    with pytest.raises(PermissionDenied):
        remove_attachment(draft, attachment, actor=personas[outsider])


def test_removal_deletes_the_row_then_the_file_after_commit_and_is_audited(
    draft, personas, django_capture_on_commit_callbacks
):
    attachment = add_attachment(draft, "licence", MINIMAL_PDF, "a.pdf", actor=personas["applicant_a2"])
    path, attachment_id = _stored_path(attachment), attachment.pk
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(draft, attachment, actor=personas["applicant_a"])
    assert not Attachment.objects.exists()
    assert not path.exists()
    event = AuditEvent.objects.get(event="application.attachment_removed")
    assert event.data == {"slot": "licence", "attachment": attachment_id, "sha256": attachment.sha256}


def test_an_attachment_of_another_application_cannot_be_removed_through_this_one(draft, org_a, personas):
    other = ApplicationFactory(organization=org_a, status=Status.DRAFT, batch__year=2020)
    attachment = AttachmentFactory(application=other, uploaded_by=personas["applicant_a"])
    with pytest.raises(ValidationError):
        remove_attachment(draft, attachment, actor=personas["applicant_a"])


def test_attachments_for_lists_every_slot_in_table_order(draft, personas):
    add_attachment(draft, "premises", MINIMAL_PDF, "合同.pdf", actor=personas["applicant_a"])
    files = attachments_for(draft)
    assert list(files) == [slot.code for slot in SLOTS]
    assert [a.name for a in files["premises"]] == ["合同.pdf"] and files["licence"] == []


def test_a_download_is_audited_and_needs_the_right_to_see_the_application(org_a, batch, personas):
    submitted = ApplicationFactory(organization=org_a, batch=batch, status=Status.SUBMITTED)
    attachment = AttachmentFactory(application=submitted, uploaded_by=personas["applicant_a"])
    with open_attachment(attachment, actor=personas["officer_x"]) as handle:
        assert handle.read() == MINIMAL_PDF
    event = AuditEvent.objects.get(event="application.attachment_downloaded")
    assert (event.actor, event.data["attachment"]) == (personas["officer_x"], attachment.pk)
    for outsider in ("officer_y", "applicant_b", "expert_1"):
        with pytest.raises(PermissionDenied):
            open_attachment(attachment, actor=personas[outsider])


def test_every_slot_names_only_kinds_the_checks_know():
    from shifan.documents.files import KINDS

    assert all(slot.kinds <= KINDS.keys() and slot.max_files > 0 for slot in SLOTS)


# --- the submission guard ------------------------------------------------------------------------

MISSING_ALL = [
    "申请表「一、平台基本情况」尚未填写：单位性质、注册日期、法定代表人、联系人、联系人手机。",
    "附件6 申报材料真实性声明函尚未填写：法定代表人（签字）、声明日期。",
    "尚未上传第八条（二）「法人证书或营业执照副本复印件」。",
    "尚未上传第八条（三）「固定经营服务场所产权证或租赁合同复印件」。",
    "尚未上传第八条（四）「上一年度包含服务收支情况的审计报告」。",
    "尚未上传第八条（八）「开展相关服务活动的材料（通知、照片、总结等）」。",
    "尚未上传第八条（十）「申报材料真实性声明函（附件6）签字盖章扫描件」。",
]


def test_an_empty_application_cannot_be_submitted_and_is_told_every_missing_item(draft, personas):
    with pytest.raises(TransitionBlocked) as blocked:
        transition(draft, Action.SUBMIT, actor=personas["applicant_a"])
    assert blocked.value.problems == MISSING_ALL
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_submission_is_accepted_once_the_minimum_is_filled_through_the_domain(draft, personas):
    user = personas["applicant_a"]
    save_profile_section(draft, actor=user, version=draft.version, changes={
        "nature": "企业法人", "legal_representative_name": "张三", "contact_name": "李四",
    })
    with pytest.raises(TransitionBlocked) as blocked:
        transition(draft, Action.SUBMIT, actor=user)
    assert blocked.value.problems[0] == "申请表「一、平台基本情况」尚未填写：注册日期、联系人手机。"
    assert "尚未上传第八条（二）「法人证书或营业执照副本复印件」。" in blocked.value.problems

    save_profile_section(draft, actor=user, version=draft.version, changes={
        "registered_on": "2018-03-01", "contact_mobile": "13900001111"})
    save_profile_section(draft, actor=user, version=draft.version, changes={
        "declaration_signed_by": "张三", "declaration_signed_on": "2026-04-20"})
    for slot in SLOTS:
        if slot.required:
            add_attachment(draft, slot.code, MINIMAL_PDF, f"{slot.title}.pdf", actor=user)
    assert application_complete(draft) == []

    submitted = transition(draft, Action.SUBMIT, actor=user)
    assert submitted.status == Status.SUBMITTED


def test_optional_slots_are_not_required():
    assert [slot.code for slot in SLOTS if not slot.required] == ["qualifications"]


def test_a_returned_application_is_checked_again_on_resubmission(org_a, batch, personas):
    returned = ApplicationFactory(organization=org_a, batch=batch, status=Status.RETURNED)
    with pytest.raises(TransitionBlocked) as blocked:
        transition(returned, Action.SUBMIT, actor=personas["applicant_a"])
    assert blocked.value.problems == MISSING_ALL
