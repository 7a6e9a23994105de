from django.urls import path

from shifan.applicant import views

app_name = "applicant"
urlpatterns = [
    path("", views.home, name="home"),
    path("applications/start/", views.start, name="start"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
]
