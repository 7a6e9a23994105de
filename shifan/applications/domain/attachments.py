"""Uploading, removing and reading the attachments of an application (第八条; DESIGN §9 uploads).

Uploads and removals lock the application row, as a submission does (``transition`` checks its
guards under the same lock): the per-slot file count holds under concurrent uploads, and a
submission's completeness check never races an upload or a removal.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from shifan.applications.attachments import SLOTS, SLOTS_BY_CODE, Slot
from shifan.applications.domain.content import ensure_editable, mark_rows_changed
from shifan.applications.models import Application, Attachment
from shifan.applications.rules import applicant_of_application
from shifan.audit.recorder import record
from shifan.documents.files import FileRefused, check_upload

VIEW_PERMISSION = "applications.view_application"


def slot_of(code: str) -> Slot:
    if code not in SLOTS_BY_CODE:
        raise ValidationError("没有这一材料项。")
    return SLOTS_BY_CODE[code]


def _check_editor(application: Application, actor) -> None:
    if not applicant_of_application.test(actor, application):
        raise PermissionDenied("只有本申报单位的用户可以上传或删除附件。")
    ensure_editable(application)


def _lock_editable(application: Application) -> None:
    """Lock the application's row until the transaction ends; refuse if it is no longer editable."""
    ensure_editable(Application.objects.select_for_update().get(pk=application.pk))


def add_attachment(application: Application, slot: str, data: bytes, filename: str, *, actor) -> Attachment:
    """Check an uploaded file and store it in one of the application's slots.

    Refused with ValidationError (a Chinese message, nothing stored) when the application is not
    editable, the slot is unknown or full, or the file fails ``documents.files.check_upload``;
    PermissionDenied when the actor is not a user of the applicant organisation.

    Side effects: writes the checked bytes (images re-encoded) to private storage under a random
    name; inserts an Attachment; stamps the application (``mark_rows_changed``); records
    ``application.attachment_added`` (slot, id, kind, size, sha256; never the file name, which may be
    personal). A file refused by the checks records
    ``application.attachment_refused`` with the reason instead. If the database write fails, the
    stored file is removed again.
    """
    _check_editor(application, actor)
    rules = slot_of(slot)
    try:
        checked = check_upload(data, filename, rules.kinds, rules.max_bytes)
    except FileRefused as refused:
        record("application.attachment_refused", actor=actor, target=application,
               data={"slot": slot, "size": len(data), "reason": refused.message})
        raise ValidationError(refused.message) from None
    attachment = Attachment(
        application=application, slot=slot, name=checked.safe_name, kind=checked.kind, extension=checked.extension,
        content_type=checked.content_type, size=checked.size, sha256=checked.sha256, uploaded_by=actor,
    )
    try:
        with transaction.atomic():
            _lock_editable(application)
            if Attachment.objects.filter(application=application, slot=slot).count() >= rules.max_files:
                raise ValidationError(f"「{rules.title}」最多上传 {rules.max_files} 个文件，请先删除不需要的文件。")
            attachment.file.save("upload", ContentFile(checked.data))  # the name comes from stored_name
            mark_rows_changed(application)
            record("application.attachment_added", actor=actor, target=application, data={
                "slot": slot, "attachment": attachment.pk, "kind": checked.kind, "size": checked.size,
                "sha256": checked.sha256,
            })
    except BaseException:
        if attachment.file:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def remove_attachment(application: Application, attachment: Attachment, *, actor) -> None:
    """Delete one attachment of an editable application.

    Side effects: deletes the Attachment row; stamps the application (``mark_rows_changed``); records
    ``application.attachment_removed`` (slot, id, sha256); deletes the stored file once the transaction
    has committed (a rollback keeps it).
    """
    _check_editor(application, actor)
    if attachment.application_id != application.pk:
        raise ValidationError("该附件不属于这份申报。")
    with transaction.atomic():
        _lock_editable(application)
        storage, name = attachment.file.storage, attachment.file.name
        attachment_id = attachment.pk
        attachment.delete()
        mark_rows_changed(application)
        record("application.attachment_removed", actor=actor, target=application,
               data={"slot": attachment.slot, "attachment": attachment_id, "sha256": attachment.sha256})
        transaction.on_commit(lambda: storage.delete(name))


def attachments_for(application: Application) -> dict[str, list[Attachment]]:
    """Every slot's attachments in upload order, keyed by slot code in table order. One query."""
    found: dict[str, list[Attachment]] = {slot.code: [] for slot in SLOTS}
    for attachment in Attachment.objects.filter(application=application).select_related("uploaded_by"):
        found.setdefault(attachment.slot, []).append(attachment)
    return found


def open_attachment(attachment: Attachment, *, actor):
    """The stored file, opened for reading, for someone who may see its application.

    The caller fetched the application through ``applications_for_user``; this checks again.
    Side effects: records ``application.attachment_downloaded`` (every download is audited,
    DESIGN §9: an official reading an organisation's documents, or the applicant its own).
    """
    application = attachment.application
    if not actor.has_perm(VIEW_PERMISSION, application):
        raise PermissionDenied("您无权下载该附件。")
    handle = attachment.file.storage.open(attachment.file.name, "rb")
    record("application.attachment_downloaded", actor=actor, target=application,
           data={"slot": attachment.slot, "attachment": attachment.pk, "sha256": attachment.sha256})
    return handle
