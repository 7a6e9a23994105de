from django.urls import include, path

from shifan.accounts.roles import Role
from shifan.district import documents, recommendation_documents, review, views
from shifan.workspace.attachments import download_view

app_name = "district"
urlpatterns = [
    path("", views.home, name="home"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
    path("applications/<int:pk>/sections/<slug:code>/", views.section, name="section"),
    path("applications/<int:pk>/review/", review.review, name="review"),
    path("applications/<int:pk>/review/uscc/", review.uscc_check, name="review-uscc"),
    path("applications/<int:pk>/review/draw/", review.draw, name="review-draw"),
    path("applications/<int:pk>/review/survey/<int:enterprise_id>/", review.respond, name="review-respond"),
    path("applications/<int:pk>/review/assessment/", review.assessment, name="review-assessment"),
    path("applications/<int:pk>/review/notes/", review.note, name="review-note"),
    path("applications/<int:pk>/dossier.json", views.dossier, name="dossier"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/", download_view(Role.DISTRICT_OFFICER),
         name="attachment"),
    path("applications/<int:pk>/documents/<slug:code>.docx", documents.document, name="document"),
    path("applications/<int:pk>/documents.zip", documents.archive, name="documents-zip"),
    path("applications/<int:pk>/recommendation.docx", recommendation_documents.recommendation, name="recommendation"),
    path("summary.xlsx", recommendation_documents.summary, name="summary"),
    path("cases/", include("shifan.district.cases_urls")),
    path("tracking/", include("shifan.district.tracking_urls")),
]
