from django.urls import path

from shifan.applicant import colleagues, views

app_name = "applicant"
urlpatterns = [
    path("", views.home, name="home"),
    path("applications/start/", views.start, name="start"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
    path("colleagues/", colleagues.colleagues, name="colleagues"),
    path("colleagues/invite/", colleagues.invite, name="invite"),
    path("colleagues/requests/<int:pk>/decide/", colleagues.decide, name="join-decide"),
]
