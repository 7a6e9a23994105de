"""URLs of 动态跟踪 in the applicant's workspace (under /applicant/tracking/)."""

from django.urls import path

from shifan.applicant import tracking

urlpatterns = [
    path("", tracking.report_list, name="tracking"),
    path("<int:pk>/", tracking.report_detail, name="tracking-report"),
    path("<int:pk>/submit/", tracking.report_submit, name="tracking-submit"),
]
