"""Excel for the long lists: template, export, checked import with the applicant's choice."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.domain.content import ensure_editable
from shifan.applications.list_excel import (
    apply_list_import,
    check_list_import,
    discard_list_import,
    export_list,
    list_template,
    report_of,
)
from shifan.applications.models import ListImport
from shifan.applications.sections import LISTS, SECTIONS
from shifan.audit.recorder import record
from shifan.documents.xlsx import ImportRefused
from shifan.documents.xlsx.guards import check_upload as check_workbook
from shifan.workspace.application_pages import visible_application
from shifan.workspace.jobs import BACKGROUND_IMPORT_BYTES, LIST_IMPORT, enqueue
from shifan.workspace.uploads import with_upload_cap

applicant_only = role_required(Role.APPLICANT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 10 * 1024 * 1024


def _list(kind: str):
    if kind not in LISTS:
        raise Http404("没有这个名单。")
    return LISTS[kind]


def _section_url(application, kind: str) -> str:
    code = next(section.code for section in SECTIONS if kind in section.lists)
    return reverse("applicant:section", args=[application.pk, code]) + f"#list-{kind}"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@require_GET
@applicant_only
def template(request, pk: int, kind: str):
    application = visible_application(request, pk)
    data = list_template(kind)
    record("application.list_template_downloaded", actor=request.user, target=application, data={"list": kind})
    return _xlsx(data, f"{_list(kind).label}（模板）.xlsx")


@require_GET
@applicant_only
def export(request, pk: int, kind: str):
    application = visible_application(request, pk)
    row_list = _list(kind)
    data = export_list(application, kind, actor=request.user)
    return _xlsx(data, f"{application.platform_name}-{row_list.label}.xlsx")


@with_upload_cap(MAX_BYTES)
@require_POST
@applicant_only
def upload(request, pk: int, kind: str):
    application = visible_application(request, pk)
    _list(kind)
    upload = request.FILES.get("file")  # the body is read here, through the cap
    try:
        if request.upload_cap.exceeded:
            raise ValidationError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请拆分后分别导入。")
        if upload is None:
            raise ValidationError("请选择要导入的 Excel 文件（.xlsx）。")
        data, name = upload.read(), upload.name
        if len(data) > BACKGROUND_IMPORT_BYTES:  # a long list is checked by the worker; its page shows progress
            ensure_editable(application)
            check_workbook(data)  # a file refused as a whole (type, macros, bombs) is still refused at once
            job = enqueue(LIST_IMPORT, actor=request.user, target=application, params={"list": kind},
                          input_data=data, input_name=name)
            return redirect("home:job", pk=job.pk)
        checked = check_list_import(application, kind, data, file_name=name, actor=request.user)
    except (ImportRefused, ValidationError) as error:
        messages.error(request, f"未能导入：{getattr(error, 'message', None) or '；'.join(error.messages)}")
        return redirect(_section_url(application, kind))
    return redirect("applicant:list-import", pk=pk, import_id=checked.pk)


def _checked(request, pk: int, import_id: int):
    application = visible_application(request, pk)
    return application, get_object_or_404(ListImport.objects.filter(application=application), pk=import_id)


@require_GET
@applicant_only
def report(request, pk: int, import_id: int):
    application, checked = _checked(request, pk, import_id)
    row_list = _list(checked.kind)
    return render(request, "applicant/list_import.html", {
        "application": application, "checked": checked, "list": row_list, "report": report_of(checked),
        "current_rows": row_list.model.objects.filter(application=application).count(),
        "section_url": _section_url(application, checked.kind),
    })


@require_POST
@applicant_only
def apply(request, pk: int, import_id: int):
    application, checked = _checked(request, pk, import_id)
    try:
        count = apply_list_import(checked, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已导入：「{LISTS[checked.kind].label}」现有 {count} 行。")
    return redirect(_section_url(application, checked.kind))


@require_POST
@applicant_only
def discard(request, pk: int, import_id: int):
    application, checked = _checked(request, pk, import_id)
    try:
        discard_list_import(checked, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已放弃本次导入，原名单未改动。")
    return redirect(_section_url(application, checked.kind))
