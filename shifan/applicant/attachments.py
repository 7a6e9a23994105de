"""The applicant's uploads of 第八条 materials: upload into a slot, delete, download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.attachments import SLOTS, SLOTS_BY_CODE
from shifan.applications.domain.attachments import add_attachment, remove_attachment
from shifan.applications.models import Attachment
from shifan.applications.sections import SECTIONS
from shifan.workspace.application_pages import visible_application
from shifan.workspace.attachments import download_view
from shifan.workspace.uploads import with_upload_cap

applicant_only = role_required(Role.APPLICANT)
# The body is cut at the largest slot cap while it is read; each slot's own cap is checked after.
MAX_UPLOAD_BYTES = max(slot.max_bytes for slot in SLOTS)

download = download_view(Role.APPLICANT)


def _slot(code: str):
    if code not in SLOTS_BY_CODE:
        raise Http404("没有这一材料项。")
    return SLOTS_BY_CODE[code]


def _slot_url(application, code: str) -> str:
    section = next(section for section in SECTIONS if code in section.uploads)
    return reverse("applicant:section", args=[application.pk, section.code]) + f"#slot-{code}"


@with_upload_cap(MAX_UPLOAD_BYTES)
@require_POST
@applicant_only
def upload(request, pk: int, slot: str):
    application = visible_application(request, pk)
    rules = _slot(slot)
    upload = request.FILES.get("file")  # the body is read here, through the cap
    try:
        if request.upload_cap.exceeded:
            raise ValidationError(f"文件超过上限 {rules.size_label}，请压缩或拆分后上传。")
        if upload is None:
            raise ValidationError("请选择要上传的文件。")
        attachment = add_attachment(application, slot, upload.read(), upload.name, actor=request.user)
    except ValidationError as error:
        messages.error(request, f"未能上传到「{rules.title}」：{''.join(error.messages)}")
    else:
        messages.success(request, f"已上传「{attachment.name}」到「{rules.title}」。")
    return redirect(_slot_url(application, slot))


@require_POST
@applicant_only
def delete(request, pk: int, attachment_id: int):
    application = visible_application(request, pk)
    attachment = get_object_or_404(Attachment.objects.filter(application=application), pk=attachment_id)
    try:
        remove_attachment(application, attachment, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已删除「{attachment.name}」。")
    return redirect(_slot_url(application, attachment.slot))
