"""URLs of the 公示 notice and the 认定决定 as Word documents (under /bureau/publicity/<pk>/)."""

from django.urls import path

from shifan.bureau import notice_documents

urlpatterns = [
    path("publicity/<int:pk>/notice.docx", notice_documents.publicity_notice, name="publicity-notice-docx"),
    path("publicity/<int:pk>/decision.docx", notice_documents.decision_notice, name="decision-notice-docx"),
]
