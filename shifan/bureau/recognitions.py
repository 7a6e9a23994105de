"""Recognised platforms and 撤销 (第十条) from the bureau back office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.bureau.review import bureau_staff
from shifan.recognition.domain import EVIDENCE_MAX_BYTES, decide_revocation, prepare_revocation
from shifan.recognition.models import STATUS_LABELS, Recognition, Revocation
from shifan.recognition.queries import public_recognitions
from shifan.workspace.attachments import as_download, open_private_file
from shifan.workspace.uploads import too_large_message, with_upload_cap

bureau_head = role_required(Role.BUREAU_HEAD)


@require_GET
@bureau_staff
def recognition_list(request):
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()
    found = public_recognitions().order_by("-starts_on", "platform_name")
    if query:
        found = found.filter(platform_name__icontains=query)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    for recognition in page.object_list:
        recognition.status_label = STATUS_LABELS[recognition.status_on(today)]
    return render(request, "bureau/recognitions/list.html", {"page": page, "q": query})


def _page(request, recognition, *, errors=None, status=200):
    today = timezone.localdate()
    return render(request, "bureau/recognitions/detail.html", {
        "recognition": recognition, "status": recognition.status_on(today),
        "status_label": STATUS_LABELS[recognition.status_on(today)],
        "revocations": recognition.revocations.select_related("prepared_by", "decided_by"),
        "errors": errors or {}, "posted": request.POST if request.method == "POST" else {},
        "can_manage": request.user.role == Role.BUREAU_OFFICER, "is_head": request.user.role == Role.BUREAU_HEAD,
    }, status=status)


@with_upload_cap(EVIDENCE_MAX_BYTES)
@require_http_methods(["GET", "POST"])
@bureau_staff
def recognition_detail(request, pk: int):
    recognition = get_object_or_404(Recognition.objects.select_related("organization", "jurisdiction", "decision"),
                                    pk=pk)
    if request.method == "GET":
        return _page(request, recognition)
    if request.user.role != Role.BUREAU_OFFICER:
        raise PermissionDenied("只有市局经办人员可以报批撤销。")
    upload = request.FILES.get("evidence")  # the body is read here, through the cap
    if request.upload_cap.exceeded:
        return _page(request, recognition, errors={"evidence": [too_large_message(EVIDENCE_MAX_BYTES)]}, status=400)
    try:
        prepare_revocation(recognition, actor=request.user, reason=request.POST.get("reason", ""),
                           public_reason=request.POST.get("public_reason", ""),
                           evidence=(upload.read(), upload.name) if upload else None)
    except ValidationError as error:
        return _page(request, recognition, errors=error.message_dict if hasattr(error, "error_dict")
                     else {"general": error.messages}, status=400)
    messages.success(request, "撤销已报领导审批。")
    return redirect("bureau:recognition", pk=pk)


@require_POST
@bureau_head
def revocation_decide(request, pk: int, revocation_id: int):
    revocation = get_object_or_404(Revocation.objects.filter(recognition_id=pk), pk=revocation_id)
    try:
        decide_revocation(revocation, actor=request.user, approve=request.POST.get("decision") == "approve",
                          comment=request.POST.get("comment", ""))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, "已审批。")
    return redirect("bureau:recognition", pk=pk)


@require_GET
@bureau_staff
def revocation_evidence(request, pk: int, revocation_id: int):
    revocation = get_object_or_404(Revocation.objects.filter(recognition_id=pk).exclude(evidence=""),
                                   pk=revocation_id)
    handle = open_private_file(revocation.evidence)
    record("recognition.evidence_downloaded", actor=request.user, target=revocation.recognition,
           data={"revocation": revocation.pk})
    return as_download(FileResponse(handle, content_type=revocation.evidence_content_type),
                       revocation.evidence_name)
