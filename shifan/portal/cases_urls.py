"""典型经验 on the portal; included by shifan/portal/urls.py (namespace ``portal``)."""

from django.urls import path

from shifan.portal import cases

urlpatterns = [
    path("cases/", cases.case_list, name="cases"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
]
