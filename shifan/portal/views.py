"""Public pages: no login, no personal data."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.applications.queries import recognised_for_public
from shifan.batches.domain import current_batch


@login_not_required
@require_GET
def index(request):
    return render(
        request,
        "portal/index.html",
        {"batch": current_batch(), "recognised": recognised_for_public()[:50]},
    )
