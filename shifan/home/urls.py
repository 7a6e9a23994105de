from django.urls import path

from shifan.home import jobs, onboarding, profile, security, views

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
    path("login/verify/", security.verify, name="2fa-verify"),
    path("account/two-factor/", security.enrol, name="2fa-enrol"),
    path("account/two-factor/recovery-codes/", security.recovery_codes, name="2fa-recovery-codes"),
    path("account/two-factor/reset/<int:user_id>/", security.reset_two_factor, name="2fa-reset"),
    path("account/security/", security.security, name="security"),
    path("account/password/", security.password_change, name="password-change"),
    path("account/keepalive/", security.keepalive, name="keepalive"),
    path("account/profile/", profile.profile, name="profile"),
    path("jobs/<int:pk>/", jobs.job, name="job"),
    path("jobs/<int:pk>/download/", jobs.download, name="job-download"),
    path("jobs/<int:pk>/retry/", jobs.retry_job, name="job-retry"),
]
