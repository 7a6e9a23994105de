from django.urls import path

from shifan.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.home, name="home"),
    path("verify/", views.verify, name="verify"),
]
