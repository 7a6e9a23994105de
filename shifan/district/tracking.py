"""动态跟踪 (第十三条) in the district workspace: read-only reports of the platforms recognised in the
officer's own jurisdiction (others answer 404)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.tracking.domain import is_late, overview_row
from shifan.tracking.models import TrackingReport
from shifan.tracking.queries import reports_for_district
from shifan.workspace.tracking_pages import condition_titles, figure_rows, report_panel, served_list

district_only = role_required(Role.DISTRICT_OFFICER)


@require_GET
@district_only
def report_list(request):
    """The jurisdiction's reports, newest round first, 50 a page (the page costs the same whatever the years)."""
    today = timezone.localdate()
    page = Paginator(reports_for_district(request.user).prefetch_related("rectifications"), 50).get_page(
        request.GET.get("page"))
    rows = [overview_row(report, today) for report in page.object_list]
    for row in rows:
        row["failed_titles"] = condition_titles(row["failed"])
    return render(request, "district/tracking/list.html", {
        "jurisdiction": request.user.jurisdiction, "rows": rows, "page": page})


@require_GET
@district_only
def report_detail(request, pk: int):
    report = get_object_or_404(reports_for_district(request.user), pk=pk)
    submitted = report.state == TrackingReport.State.SUBMITTED
    return render(request, "district/tracking/report.html", {
        "report": report, "late": is_late(report), "submitted": submitted,
        "panel": report_panel(report) if submitted else None,
        "figures": figure_rows(report), "served": served_list(report),
        "failed_titles": condition_titles(report.failed_codes) if submitted else [],
        "rectifications": report.rectifications.prefetch_related("replies__files", "replies__filed_by"),
    })
