from django.urls import path

from shifan.accounts.roles import Role
from shifan.agency import views
from shifan.workspace.attachments import download_view

app_name = "agency"
urlpatterns = [
    path("", views.home, name="home"),
    path("groups/<int:pk>/report/", views.report_upload, name="report-upload"),
    path("groups/<int:pk>/reports/<int:report_id>/", views.report_download, name="report"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/sections/<slug:code>/", views.section, name="section"),
    path("applications/<int:pk>/score/", views.score, name="score"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/", download_view(Role.AGENCY), name="attachment"),
]
