from django.urls import path

from shifan.portal import notice_documents

urlpatterns = [
    path("publicity/<int:pk>/notice.docx", notice_documents.publicity_notice, name="publicity-notice-docx"),
]
