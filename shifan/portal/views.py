"""Public pages: no login, no personal data."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.batches.domain import current_batch, policy_or_regulation
from shifan.portal.caching import cache_key, paged, remembered
from shifan.portal.directory import matching
from shifan.recognition.public import public_cards

HOME_PLATFORMS = 10


@login_not_required
@require_GET
def index(request):
    data = remembered(cache_key("index"), lambda: paged(matching(), HOME_PLATFORMS, 1, public_cards))
    batch = current_batch()
    return render(request, "portal/index.html", {
        "batch": batch,
        "rules": policy_or_regulation(batch),
        "cards": data["rows"],
        "total": data["total"],
        "portal_section": "index",
    })
