from django.urls import path

from shifan.expert import views

app_name = "expert"
urlpatterns = [
    path("", views.home, name="home"),
]
