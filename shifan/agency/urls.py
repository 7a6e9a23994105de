from django.urls import path

from shifan.agency import views

app_name = "agency"
urlpatterns = [
    path("", views.home, name="home"),
]
