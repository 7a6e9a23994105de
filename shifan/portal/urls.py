from django.urls import include, path

from shifan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("", include("shifan.portal.directory_urls")),
    path("", include("shifan.portal.pages_urls")),
    path("", include("shifan.portal.api_urls")),
    path("", include("shifan.portal.publicity_urls")),
    path("", include("shifan.portal.notice_document_urls")),
    path("", include("shifan.portal.verification_urls")),
    path("", include("shifan.portal.cases_urls")),
    path("", include("shifan.portal.help_urls")),
]
