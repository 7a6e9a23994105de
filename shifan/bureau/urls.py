from django.urls import path

from shifan.bureau import views

app_name = "bureau"
urlpatterns = [
    path("", views.home, name="home"),
    path("system/", views.system, name="system"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/act/", views.act, name="act"),
]
