from django.urls import path

from shifan.home import onboarding, views

app_name = "home"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("register/", onboarding.register, name="register"),
    path("register/join/<int:organization_id>/", onboarding.join, name="join"),
    path("invite/<str:token>/", onboarding.invitation, name="invitation"),
    path("home/", views.dispatch_home, name="dispatch"),
    path("home/inbox/", views.inbox, name="inbox"),
    path("home/inbox/<int:pk>/", views.open_notification, name="notification"),
    path("home/applications/<int:pk>/", views.open_application, name="application"),
]
