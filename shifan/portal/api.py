"""The read-only JSON API of the directory (``/api/v1/platforms/``): the same cards as the pages.

``GET /api/v1/platforms/?q=&function=&district=&page=`` answers
``{"count": n, "results": [card, ...], "next": absolute URL or null}``, 50 cards a page;
``GET /api/v1/platforms/<code>/`` answers one card (any status) or a 404. Cards come from
``shifan.recognition.public`` (ASCII keys, ISO dates, no person's data), each with the ``url`` of
its page on the portal. Anything but GET is 405.
Answers may be cached by anyone for five minutes.
"""

import json

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from shifan.portal.directory import recognition_by_code, search
from shifan.recognition.public import public_card, public_cards

API_PAGE_SIZE = 50
CONTENT_TYPE = "application/json; charset=utf-8"


def json_response(data, *, status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type=CONTENT_TYPE, status=status)


def _not_found(message: str) -> HttpResponse:
    return json_response({"detail": message}, status=404)


def _result(request, card) -> dict:
    """A card with the absolute address of its page on the portal."""
    return {**card.as_json(), "url": request.build_absolute_uri(reverse("portal:platform", args=[card.code]))}


def _page_url(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


# Read-only: no state changes, so no CSRF token is needed and a POST from any client is simply 405.
@csrf_exempt
@login_not_required
@require_GET
@cache_control(public=True, max_age=300)
def platforms(request):
    found = search(request.GET).found
    try:
        paginator = Paginator(found, API_PAGE_SIZE)
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return _not_found("页码无效。")
    return json_response({
        "count": paginator.count,
        "results": [_result(request, card) for card in public_cards(page.object_list)],
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
    })


@csrf_exempt
@login_not_required
@require_GET
@cache_control(public=True, max_age=300)
def platform(request, code: str):
    try:
        recognition = recognition_by_code(code)
    except Http404:
        return _not_found("未找到该示范平台。")
    return json_response(_result(request, public_card(recognition)))
