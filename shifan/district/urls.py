from django.urls import path

from shifan.district import views

app_name = "district"
urlpatterns = [
    path("", views.home, name="home"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
    path("applications/<int:pk>/sections/<slug:code>/", views.section, name="section"),
    path("applications/<int:pk>/dossier.json", views.dossier, name="dossier"),
]
