"""URLs of 典型经验 in the district workspace (under /district/cases/)."""

from django.urls import path

from shifan.district import cases

urlpatterns = [
    path("", cases.case_list, name="cases"),
    path("new/<int:recognition_id>/", cases.case_new, name="case-new"),
    path("<int:pk>/", cases.case_detail, name="case"),
    path("<int:pk>/submit/", cases.case_submit, name="case-submit"),
]
