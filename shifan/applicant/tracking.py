"""动态跟踪 (第十三条) in the applicant's workspace: the organisation's yearly reports, their 附件5 list
imported from Excel, a returned report's reason, and replies to rectification notices."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.applications.list_excel import list_template
from shifan.audit.recorder import record
from shifan.documents.xlsx import ImportRefused
from shifan.tracking.domain import (
    REPLY_MAX_BYTES,
    SERVED_LIST,
    ServedListRejected,
    file_rectification_reply,
    import_served_list,
    is_late,
    save_report,
    submit_report,
)
from shifan.tracking.forms import ReplyForm, ReportForm, ServedListForm
from shifan.tracking.models import Rectification, TrackingReport
from shifan.tracking.queries import reports_for_user
from shifan.workspace.attachments import as_download
from shifan.workspace.errors import apply_form
from shifan.workspace.tracking_pages import figure_rows, report_panel, serve_reply_file, served_list
from shifan.workspace.uploads import too_large_message, with_upload_cap

applicant_only = role_required(Role.APPLICANT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_MAX_BYTES = 10 * 1024 * 1024
MAX_ERRORS_SHOWN = 500


@require_GET
@applicant_only
def report_list(request):
    reports = reports_for_user(request.user).order_by("-round__year", "recognition__platform_name")
    today = timezone.localdate()
    rows = [{"report": r, "late": is_late(r, today)} for r in reports]
    return render(request, "applicant/tracking/list.html", {"rows": rows})


def _page(request, report, form=None, *, import_refusal="", import_errors=None, reply_form=None, status=200):
    functions = report.recognition.service_functions
    return render(request, "applicant/tracking/report.html", {
        "report": report, "form": form or ReportForm(instance=report, functions=functions),
        "panel": report_panel(report), "late": is_late(report),
        "editable": report.state == TrackingReport.State.DRAFT,
        "rectifications": report.rectifications.prefetch_related("replies__files", "replies__filed_by"),
        "served": served_list(report), "served_form": ServedListForm(), "import_refusal": import_refusal,
        "import_errors": (import_errors or [])[:MAX_ERRORS_SHOWN],
        "import_error_count": len(import_errors or []),
        "reply_form": reply_form or ReplyForm(), "figures": figure_rows(report),
    }, status=status)


def _report(request, pk: int) -> TrackingReport:
    return get_object_or_404(reports_for_user(request.user), pk=pk)


@require_http_methods(["GET", "POST"])
@applicant_only
def report_detail(request, pk: int):
    report = _report(request, pk)
    functions = report.recognition.service_functions
    if request.method == "GET":
        return _page(request, report)
    form = ReportForm(request.POST, instance=report, functions=functions)
    if apply_form(form, lambda data: save_report(report, actor=request.user, figures=form.figures(),
                                                 activities=form.activities(), summary=data["summary"])):
        messages.success(request, "已保存，核查结果已更新。")
        return redirect("applicant:tracking-report", pk=report.pk)
    report.refresh_from_db()
    return _page(request, report, form, status=400)


@require_POST
@applicant_only
def report_submit(request, pk: int):
    report = _report(request, pk)
    try:
        submit_report(report, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("applicant:tracking-report", pk=report.pk)
    messages.success(request, "年度报告已提交市中小企业服务局。")
    return redirect("applicant:tracking-report", pk=report.pk)


@require_GET
@applicant_only
def served_template(request, pk: int):
    """The application's own 附件5 template, for the report's year."""
    report = _report(request, pk)
    data = list_template(SERVED_LIST)
    record("tracking.served_template_downloaded", actor=request.user, target=report)
    return as_download(HttpResponse(data, content_type=XLSX), "附件5 服务中小企业名单及服务评价表（模板）.xlsx")


@with_upload_cap(LIST_MAX_BYTES)
@require_POST
@applicant_only
def served_import(request, pk: int):
    report = _report(request, pk)
    upload = request.FILES.get("file")  # the body is read here, through the cap
    problems = []
    try:
        if request.upload_cap.exceeded:
            raise ValidationError(too_large_message(LIST_MAX_BYTES))
        if upload is None:
            raise ValidationError("请选择要导入的 Excel 文件（.xlsx）。")
        count = import_served_list(report, actor=request.user, data=upload.read(), file_name=upload.name)
    except ServedListRejected as rejected:
        problems = rejected.problems
        refusal = (f"名单未导入：{rejected.bad_rows} 行有问题（共 {len(problems)} 处），请在 Excel 中改正后重新导入。"
                   "原有名单和已保存的年度数据没有改动。")
    except ImportRefused as refused:
        refusal = f"名单未导入：{refused.message}"
    except ValidationError as error:
        refusal = f"名单未导入：{'；'.join(error.messages)}"
    else:
        messages.success(request, f"已导入服务企业名单（附件5）共 {count} 家，"
                                  "服务企业数和满意企业数已按名单计算，核查结果已更新。")
        return redirect("applicant:tracking-report", pk=report.pk)
    report.refresh_from_db()
    return _page(request, report, import_refusal=refusal, import_errors=problems, status=400)


@with_upload_cap(REPLY_MAX_BYTES)
@require_POST
@applicant_only
def rectification_reply(request, pk: int, rectification_id: int):
    report = _report(request, pk)
    rectification = get_object_or_404(Rectification.objects.filter(report=report), pk=rectification_id)
    form = ReplyForm(request.POST)

    def reply(data) -> None:
        if request.upload_cap.exceeded:
            raise ValidationError(f"附件{too_large_message(REPLY_MAX_BYTES)}")
        files = [(f.read(REPLY_MAX_BYTES + 1), f.name) for f in request.FILES.getlist("files")]
        file_rectification_reply(rectification, actor=request.user, text=data["text"], files=files)

    if apply_form(form, reply):
        messages.success(request, "整改情况已报送市中小企业服务局。")
        return redirect("applicant:tracking-report", pk=report.pk)
    return _page(request, report, reply_form=form, status=400)


@require_GET
@applicant_only
def reply_file(request, file_id: int):
    return serve_reply_file(request, file_id)
