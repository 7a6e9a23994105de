from django.urls import include, path

from shifan.accounts.roles import Role
from shifan.expert import documents, views
from shifan.workspace.attachments import download_view

app_name = "expert"
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("shifan.expert.profile_urls")),
    path("seats/<int:pk>/respond/", views.seat_respond, name="respond"),
    path("seats/<int:pk>/declare/", views.seat_declare, name="declare"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/sections/<slug:code>/", views.section, name="section"),
    path("applications/<int:pk>/score/", views.score, name="score"),
    path("applications/<int:pk>/score.docx", documents.score_docx, name="score-docx"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/", download_view(Role.EXPERT), name="attachment"),
]
