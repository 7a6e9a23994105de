"""The bench server's URLs: the product's own (shifan.urls) plus two references for bench_load.py.

Mounted only through benchmarks/settings_bench.py (ROOT_URLCONF), so the product's URLs and the
authorization matrix do not change.

- ``/__bench__/bare/``: the ceiling of the stack, an empty response through every middleware.
- ``/__bench__/base/``: the floor every page pays, the site's base layout for a logged-in user with no
  content (session, user, unread count, menus).
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.http import require_GET

_EMPTY_PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}基准{% endblock %}{% block content %}{% endblock %}'
)


@require_GET
@login_not_required
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@require_GET
def base_layout(request):
    return HttpResponse(_EMPTY_PAGE.render({}, request))


urlpatterns = [
    path("__bench__/bare/", bare, name="bench-bare"),
    path("__bench__/base/", base_layout, name="bench-base"),
    path("", include("shifan.urls")),
]
