"""动态跟踪 (第十三条) in the bureau back office: rounds, the overview, reports (returned for correction
when needed), 整改 with the platform's replies and their files, and 撤销."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.bureau.review import bureau_staff
from shifan.tracking.domain import (
    close_rectification,
    is_late,
    issue_rectification,
    open_round,
    return_report,
    round_overview,
    start_revocation,
)
from shifan.tracking.forms import CloseRectificationForm, RectificationForm, ReturnForm, RevocationForm, RoundForm
from shifan.tracking.models import Rectification, TrackingRound
from shifan.tracking.queries import reports_for_user
from shifan.workspace.errors import add_domain_errors, apply_form
from shifan.workspace.tracking_pages import (
    condition_titles,
    figure_rows,
    report_panel,
    revocation_reason,
    serve_reply_file,
    served_list,
)

bureau_officer = role_required(Role.BUREAU_OFFICER)
RETURN_PREFIX = "return"  # the revocation form on the same page also has a "reason"


def _rounds_page(request, form, status=200):
    """The rounds, newest year first, 50 a page, each with its number of reports (one query for the page)."""
    rounds = TrackingRound.objects.annotate(report_count=Count("reports")).order_by("-year", "-id")
    return render(request, "bureau/tracking/rounds.html", {
        "page": Paginator(rounds, 50).get_page(request.GET.get("page")), "form": form,
        "can_manage": request.user.role == Role.BUREAU_OFFICER,
    }, status=status)


@require_http_methods(["GET", "POST"])
@bureau_staff
def round_list(request):
    if request.method == "GET":
        today = timezone.localdate()
        return _rounds_page(request, RoundForm(initial={"year": today.year - 1, "opens_on": today,
                                                        "title": f"{today.year - 1}年度示范平台动态跟踪"}))
    if request.user.role != Role.BUREAU_OFFICER:
        raise PermissionDenied("只有市局经办人员可以开启动态跟踪。")
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            tracking_round = open_round(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, f"已开启动态跟踪，{tracking_round.reports.count()} 个示范平台需报送。")
            return redirect("bureau:tracking-round", pk=tracking_round.pk)
    return _rounds_page(request, form, status=400)


@require_GET
@bureau_staff
def round_detail(request, pk: int):
    tracking_round = get_object_or_404(TrackingRound, pk=pk)
    overview = round_overview(tracking_round)
    for row in overview["rows"]:
        row["failed_titles"] = condition_titles(row["failed"])
    return render(request, "bureau/tracking/round.html", {"round": tracking_round, "overview": overview})


def _report_page(request, report, *, rectify=None, close=None, revoke=None, return_form=None, status=200):
    open_revocation = report.recognition.revocations.filter(state="submitted").exists()
    return render(request, "bureau/tracking/report.html", {
        "report": report, "panel": report_panel(report), "late": is_late(report),
        "failed_titles": condition_titles(report.failed_codes),
        "rectifications": report.rectifications.select_related("issued_by", "closed_by")
                                                .prefetch_related("replies__files", "replies__filed_by"),
        "figures": figure_rows(report), "served": served_list(report),
        "return_form": return_form or ReturnForm(prefix=RETURN_PREFIX),
        "rectify_form": rectify or RectificationForm(),
        "close_form": close or CloseRectificationForm(),
        "revoke_form": revoke or RevocationForm(initial={"reason": revocation_reason(report)}),
        "can_manage": request.user.role == Role.BUREAU_OFFICER,
        "recognition_status": report.recognition.status_on(timezone.localdate()),
        "open_revocation": open_revocation,
    }, status=status)


def _report(request, pk: int):
    return get_object_or_404(reports_for_user(request.user).select_related("recognition__jurisdiction"), pk=pk)


@require_GET
@bureau_staff
def report_detail(request, pk: int):
    return _report_page(request, _report(request, pk))


@require_POST
@bureau_officer
def report_rectify(request, pk: int):
    report = _report(request, pk)
    form = RectificationForm(request.POST)
    if apply_form(form, lambda data: issue_rectification(report, actor=request.user, **data)):
        messages.success(request, "整改通知已发出。")
        return redirect("bureau:tracking-report", pk=report.pk)
    return _report_page(request, report, rectify=form, status=400)


@require_POST
@bureau_officer
def rectification_close(request, pk: int):
    rectification = get_object_or_404(Rectification.objects.select_related("report"), pk=pk)
    report = _report(request, rectification.report_id)
    form = CloseRectificationForm(request.POST)
    if apply_form(form, lambda data: close_rectification(rectification, actor=request.user, note=data["note"])):
        messages.success(request, "整改已结束。")
        return redirect("bureau:tracking-report", pk=report.pk)
    return _report_page(request, report, close=form, status=400)


@require_POST
@bureau_officer
def report_revoke(request, pk: int):
    report = _report(request, pk)
    form = RevocationForm(request.POST)
    if apply_form(form, lambda data: start_revocation(report, actor=request.user, **data)):
        messages.success(request, "撤销已报领导审批。")
        return redirect("bureau:recognition", pk=report.recognition_id)
    return _report_page(request, report, revoke=form, status=400)


@require_POST
@bureau_officer
def report_return(request, pk: int):
    report = _report(request, pk)
    form = ReturnForm(request.POST, prefix=RETURN_PREFIX)
    if apply_form(form, lambda data: return_report(report, actor=request.user, reason=data["reason"])):
        messages.success(request, "年度报告已退回平台修改。")
        return redirect("bureau:tracking-report", pk=report.pk)
    return _report_page(request, report, return_form=form, status=400)


@require_GET
@bureau_staff
def reply_file(request, file_id: int):
    return serve_reply_file(request, file_id)
