"""URLs of 动态跟踪 in the district workspace (under /district/tracking/)."""

from django.urls import path

from shifan.district import tracking

urlpatterns = [
    path("", tracking.report_list, name="tracking"),
    path("reports/<int:pk>/", tracking.report_detail, name="tracking-report"),
]
