"""The expert pool as Excel in the bureau back office: template, masked export, checked import.

The import is all-or-nothing: a file with problems is reported row by row and nothing is kept;
a clean file is shown as a summary and written only when the officer confirms.
"""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.bureau.expert_pool_forms import ExpertFilterForm
from shifan.documents.xlsx import ImportRefused
from shifan.experts.excel import (
    MAX_BYTES,
    MAX_ROWS,
    apply_import,
    check_import,
    discard_import,
    export_pool,
    pending_rows,
    pool_template,
)
from shifan.experts.models import ExpertImport
from shifan.experts.queries import experts_for_user, imports_for_user
from shifan.workspace.uploads import with_upload_cap

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
officers_only = role_required(Role.BUREAU_OFFICER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_ERRORS = 500


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@require_GET
@bureau_staff
def pool_template_download(request):
    data = pool_template()
    record("experts.template_downloaded", actor=request.user)
    return _xlsx(data, "专家库导入模板.xlsx")


@require_GET
@bureau_staff
def pool_export(request):
    """The list as the screen shows it (same filters), contact data masked."""
    form = ExpertFilterForm(request.GET or None)
    experts = experts_for_user(request.user)
    if form.is_bound:
        experts = form.filter(experts)
    data = export_pool(experts, actor=request.user, filters=form.described() if form.is_bound else {})
    return _xlsx(data, f"专家库-{timezone.localdate():%Y%m%d}.xlsx")


def _render_upload(request, *, problem: str = "", check=None, status: int = 200):
    return render(request, "bureau/experts/import.html", {
        "problem": problem, "check": check, "max_mb": MAX_BYTES // 1024 // 1024, "max_rows": MAX_ROWS,
        "errors": check.errors[:SHOWN_ERRORS] if check else [], "pending": imports_for_user(request.user).filter(
            state=ExpertImport.State.PENDING).first(),
    }, status=status)


@with_upload_cap(MAX_BYTES)
@require_http_methods(["GET", "POST"])
@officers_only
def pool_import(request):
    if request.method == "GET":
        return _render_upload(request)
    upload = request.FILES.get("file")  # the body is read here, through the cap: a bigger file is never kept
    if request.upload_cap.exceeded:
        return _render_upload(request, problem=f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请删除多余内容后重新上传。",
                              status=400)
    if upload is None:
        return _render_upload(request, problem="请选择要导入的 Excel 文件（.xlsx）。", status=400)
    try:
        check = check_import(upload.read(), file_name=upload.name, actor=request.user)
    except ImportRefused as refused:
        return _render_upload(request, problem=refused.message, status=400)
    if check.pending is None:
        return _render_upload(request, check=check, status=400)
    return redirect("bureau:experts-import-report", import_id=check.pending.pk)


def _pending(request, import_id: int) -> ExpertImport:
    return get_object_or_404(imports_for_user(request.user), pk=import_id)


@require_GET
@officers_only
def import_report(request, import_id: int):
    pending = _pending(request, import_id)
    rows = pending_rows(pending) if pending.state == ExpertImport.State.PENDING else []
    return render(request, "bureau/experts/import_report.html", {"pending": pending, "rows": rows})


@require_POST
@officers_only
def import_apply(request, import_id: int):
    pending = _pending(request, import_id)
    try:
        added, updated = apply_import(pending, actor=request.user)
    except ValidationError as error:
        messages.error(request, "未能导入，专家库未改动：" + "；".join(error.messages))
        return redirect("bureau:experts-import-report", import_id=import_id)
    messages.success(request, f"已导入「{pending.file_name}」：新增 {added} 位专家，更新 {updated} 位专家的信息。")
    return redirect("bureau:experts")


@require_POST
@officers_only
def import_discard(request, import_id: int):
    pending = _pending(request, import_id)
    try:
        discard_import(pending, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已放弃本次导入，专家库未改动。")
    return redirect("bureau:experts-import")
