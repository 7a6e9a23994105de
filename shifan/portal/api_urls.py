"""The read-only JSON API of the directory; included by shifan/portal/urls.py (namespace ``portal``)."""

from django.urls import path

from shifan.portal import api

urlpatterns = [
    path("api/v1/platforms/", api.platforms, name="api-platforms"),
    path("api/v1/platforms/<str:code>/", api.platform, name="api-platform"),
]
