"""URLs of 扶持 and 典型经验 in the bureau back office (under /bureau/support/)."""

from django.urls import path

from shifan.bureau import support

urlpatterns = [
    path("recognitions/<int:pk>/grants/new/", support.grant_add, name="support-grant-add"),
    path("grants/<int:pk>/edit/", support.grant_edit, name="support-grant-edit"),
    path("grants/<int:pk>/delete/", support.grant_delete, name="support-grant-delete"),
    path("grants/<int:pk>/document/", support.grant_document, name="support-grant-document"),
    path("cases/", support.case_list, name="support-cases"),
    path("cases/<int:pk>/", support.case_detail, name="support-case"),
    path("cases/<int:pk>/decide/", support.case_decide, name="support-case-decide"),
]
