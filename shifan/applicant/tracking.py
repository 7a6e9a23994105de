"""动态跟踪 (第十三条) in the applicant's workspace: the organisation's yearly reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.tracking.domain import is_late, save_report, submit_report
from shifan.tracking.forms import ReportForm
from shifan.tracking.models import TrackingReport
from shifan.tracking.queries import reports_for_user
from shifan.workspace.errors import add_domain_errors
from shifan.workspace.tracking_pages import report_panel

applicant_only = role_required(Role.APPLICANT)


@require_GET
@applicant_only
def report_list(request):
    reports = reports_for_user(request.user).order_by("-round__year", "recognition__platform_name")
    today = timezone.localdate()
    rows = [{"report": r, "late": is_late(r, today)} for r in reports]
    return render(request, "applicant/tracking/list.html", {"rows": rows})


def _page(request, report, form, status=200):
    return render(request, "applicant/tracking/report.html", {
        "report": report, "form": form, "panel": report_panel(report), "late": is_late(report),
        "editable": report.state == TrackingReport.State.DRAFT,
        "rectifications": report.rectifications.all(),
    }, status=status)


@require_http_methods(["GET", "POST"])
@applicant_only
def report_detail(request, pk: int):
    report = get_object_or_404(reports_for_user(request.user), pk=pk)
    functions = report.recognition.service_functions
    if request.method == "GET":
        return _page(request, report, ReportForm(instance=report, functions=functions))
    form = ReportForm(request.POST, instance=report, functions=functions)
    if form.is_valid():
        try:
            save_report(report, actor=request.user, figures=form.figures(), activities=form.activities(),
                        summary=form.cleaned_data["summary"])
        except ValidationError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, "已保存，核查结果已更新。")
            return redirect("applicant:tracking-report", pk=report.pk)
    report.refresh_from_db()
    return _page(request, report, form, status=400)


@require_POST
@applicant_only
def report_submit(request, pk: int):
    report = get_object_or_404(reports_for_user(request.user), pk=pk)
    try:
        submit_report(report, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("applicant:tracking-report", pk=report.pk)
    messages.success(request, "年度报告已提交市中小企业服务局。")
    return redirect("applicant:tracking-report", pk=report.pk)
