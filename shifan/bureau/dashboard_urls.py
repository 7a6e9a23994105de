"""URLs of the bureau's dashboard (统计分析, under /bureau/dashboard/)."""

from django.urls import path

from shifan.bureau import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("<slug:chart>.xlsx", dashboard.chart_xlsx, name="dashboard-xlsx"),
]
