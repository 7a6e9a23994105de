"""The directory of recognised platforms; included by shifan/portal/urls.py (namespace ``portal``)."""

from django.urls import path

from shifan.portal import directory

urlpatterns = [
    path("platforms/", directory.directory_page, name="directory"),
    path("platforms/<str:code>/", directory.platform_page, name="platform"),
]
