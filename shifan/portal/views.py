"""Public pages: no login, no personal data."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.batches.domain import current_batch
from shifan.recognition.public import public_cards
from shifan.recognition.queries import directory

HOME_PLATFORMS = 10


@login_not_required
@require_GET
def index(request):
    platforms = directory()
    return render(request, "portal/index.html", {
        "batch": current_batch(),
        "cards": public_cards(platforms[:HOME_PLATFORMS]),
        "total": len(platforms),
        "portal_section": "index",
    })
