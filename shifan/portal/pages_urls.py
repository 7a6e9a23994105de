"""The regulation's text and the batches' notices; included by shifan/portal/urls.py (namespace ``portal``)."""

from django.urls import path

from shifan.portal import pages

urlpatterns = [
    path("regulation/", pages.regulation, name="regulation"),
    path("notices/", pages.notices, name="notices"),
]
