"""扶持 (第十一条) and 典型经验 (第十二条) in the bureau back office.

Officers record, correct and delete support grants from a recognised platform's page; bureau
staff read the cases districts submit and publish them on the portal or decline them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.bureau.review import bureau_staff
from shifan.recognition.models import Recognition
from shifan.support.domain import (
    DOCUMENT_MAX_BYTES,
    decline_case,
    delete_grant,
    open_grant_document,
    publish_case,
    record_grant,
    update_grant,
)
from shifan.support.forms import GrantForm
from shifan.support.models import CaseState, SupportGrant
from shifan.support.queries import cases_for_bureau
from shifan.workspace.attachments import as_download
from shifan.workspace.errors import apply_form
from shifan.workspace.uploads import too_large_message, with_upload_cap

bureau_officer = role_required(Role.BUREAU_OFFICER)


def _grant_page(request, recognition, form, grant=None, status=200):
    return render(request, "bureau/support/grant_form.html",
                  {"recognition": recognition, "form": form, "grant": grant}, status=status)


def _grant_form(request) -> GrantForm:
    """The posted form; a document cut by the upload cap is an error, never a grant without its file."""
    form = GrantForm(request.POST, request.FILES)  # the body is read here, through the cap
    if request.upload_cap.exceeded:
        form.add_error("document", too_large_message(DOCUMENT_MAX_BYTES))
    return form


@with_upload_cap(DOCUMENT_MAX_BYTES)
@require_http_methods(["GET", "POST"])
@bureau_officer
def grant_add(request, pk: int):
    recognition = get_object_or_404(Recognition, pk=pk)
    if request.method == "GET":
        return _grant_page(request, recognition, GrantForm())
    form = _grant_form(request)
    if apply_form(form, lambda data: record_grant(recognition, form.grant_input(), actor=request.user)):
        messages.success(request, "扶持情况已登记。")
        return redirect("bureau:recognition", pk=recognition.pk)
    return _grant_page(request, recognition, form, status=400)


@with_upload_cap(DOCUMENT_MAX_BYTES)
@require_http_methods(["GET", "POST"])
@bureau_officer
def grant_edit(request, pk: int):
    grant = get_object_or_404(SupportGrant.objects.select_related("recognition"), pk=pk)
    if request.method == "GET":
        form = GrantForm(initial={
            "kind": grant.kind, "amount": grant.amount, "public": grant.public, "granted_on": grant.granted_on,
            "document_number": grant.document_number, "note": grant.note,
        })
        return _grant_page(request, grant.recognition, form, grant)
    form = _grant_form(request)
    if apply_form(form, lambda data: update_grant(grant, form.grant_input(), actor=request.user,
                                                  remove_document=request.POST.get("remove_document") == "1")):
        messages.success(request, "扶持情况已修改。")
        return redirect("bureau:recognition", pk=grant.recognition_id)
    return _grant_page(request, grant.recognition, form, grant, status=400)


@require_POST
@bureau_officer
def grant_delete(request, pk: int):
    grant = get_object_or_404(SupportGrant, pk=pk)
    recognition_id = grant.recognition_id
    delete_grant(grant, actor=request.user)
    messages.success(request, "扶持记录已删除。")
    return redirect("bureau:recognition", pk=recognition_id)


@require_GET
@bureau_staff
def grant_document(request, pk: int):
    grant = get_object_or_404(SupportGrant.objects.select_related("recognition").exclude(document=""), pk=pk)
    try:
        handle = open_grant_document(grant, actor=request.user)
    except FileNotFoundError:
        raise Http404("文件已不存在。") from None
    return as_download(FileResponse(handle, content_type="application/pdf"), grant.document_name or "document.pdf")


@require_GET
@bureau_staff
def case_list(request):
    found = cases_for_bureau()
    waiting = found.filter(state=CaseState.SUBMITTED).order_by("submitted_at")
    done = found.exclude(state=CaseState.SUBMITTED).order_by("-updated_at")
    return render(request, "bureau/support/cases.html", {
        "waiting": waiting, "page": Paginator(done, 50).get_page(request.GET.get("page")),
    })


def _case_page(request, case, *, errors=None, status=200):
    return render(request, "bureau/support/case.html", {
        "case": case, "errors": errors or {}, "posted": request.POST if request.method == "POST" else {},
    }, status=status)


@require_GET
@bureau_staff
def case_detail(request, pk: int):
    case = get_object_or_404(cases_for_bureau().select_related("submitted_by", "reviewed_by"), pk=pk)
    return _case_page(request, case)


@require_POST
@bureau_staff
def case_decide(request, pk: int):
    case = get_object_or_404(cases_for_bureau(), pk=pk)
    try:
        if request.POST.get("decision") == "publish":
            publish_case(case, actor=request.user)
            messages.success(request, "典型经验已在门户网站发布。")
        else:
            decline_case(case, actor=request.user, reason=request.POST.get("decline_reason", ""))
            messages.success(request, "已退回县区（不予采用）。")
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"general": error.messages}
        return _case_page(request, case, errors=errors, status=400)
    return redirect("bureau:support-case", pk=pk)
