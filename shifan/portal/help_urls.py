"""The help pages per role; included by shifan/portal/urls.py (namespace ``portal``)."""

from django.urls import path

from shifan.portal import help as help_pages

urlpatterns = [
    path("help/", help_pages.index, name="help"),
    path("help/<slug:slug>/", help_pages.role, name="help-role"),
]
