"""统计分析: the bureau's dashboard of one batch, its charts and each chart's numbers as .xlsx.

Bureau officers and heads. The numbers come from ``workspace.dashboard`` (pure reads); the page
shows each chart's numbers as a table too, the ECharts drawing (static/js/dashboard.js) is an
enhancement. A download is audited as ``dashboard.exported`` with the chart's code.
"""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.audit.recorder import record
from shifan.batches.models import Batch
from shifan.bureau.review import review_batch
from shifan.workspace.dashboard import BatchDashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTED = "dashboard.exported"

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)


@require_GET
@bureau_staff
def dashboard(request):
    batch = review_batch(request)
    charts = BatchDashboard(batch, request.user).charts()
    return render(request, "bureau/dashboard.html", {
        "batch": batch,
        "batches": Batch.objects.exclude(state=Batch.State.PREPARING).order_by("-year"),
        "charts": [{"chart": chart, "table": chart.table(), "data": chart.data(), "element": f"chart-{chart.code}"}
                   for chart in charts],
    })


@require_GET
@bureau_staff
def chart_xlsx(request, chart: str):
    """One chart's numbers as .xlsx for the batch chosen with ?batch=; an unknown chart is a 404."""
    batch = review_batch(request)
    found = BatchDashboard(batch, request.user).chart(chart)
    if found is None:
        raise Http404("没有这个统计图表。")
    data = found.xlsx(batch)
    with transaction.atomic():
        record(EXPORTED, actor=request.user, target=batch, data={"chart": found.code, "format": "xlsx"})
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{found.title}-{batch.year}.xlsx")
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response
