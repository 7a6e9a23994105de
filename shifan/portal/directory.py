"""The public directory of recognised platforms (示范平台名录) and each platform's public page.

Anyone may read it: valid recognitions only in the list, searched by name (platform or
organisation), service function and district. A platform's page is found by its certificate
verification code, never by a database id, and also shows expired or revoked recognitions with
their status. What a card shows of a platform is decided in ``shifan.recognition.public``.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from shifan.accounts.models import Jurisdiction
from shifan.policies.codes import ServiceFunction
from shifan.portal.caching import cache_key, page_of, paged, remembered
from shifan.recognition.models import Recognition
from shifan.recognition.public import public_card, public_cards, public_revocation
from shifan.recognition.queries import public_recognitions

PAGE_SIZE = 20


def district_choices() -> list[tuple[str, str]]:
    """The active districts (code, name), cached briefly: the filter of every directory page reads them."""
    return remembered(cache_key("districts"), lambda: list(
        Jurisdiction.objects.filter(is_active=True).order_by("sort_order", "code").values_list("code", "name")))


def page_number(value) -> int:
    """The requested page as a positive number (anything else is page 1), so cache keys stay few."""
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


class DirectoryFilter(forms.Form):
    """The directory's GET filters, shared by the page and the JSON API. Unknown values are ignored."""

    q = forms.CharField(label="平台或单位名称", max_length=100, required=False)
    function = forms.ChoiceField(label="服务功能", required=False,
                                 choices=[("", "全部服务功能"), *ServiceFunction.choices])
    district = forms.ChoiceField(label="所在辖区", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "全部辖区"), *district_choices()]

    def criteria(self) -> dict:
        """directory() keyword arguments from the valid fields; an invalid field filters nothing."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "query": cleaned.get("q", "") or "",
            "function": cleaned.get("function", "") or "",
            "jurisdiction": cleaned.get("district", "") or "",
        }


@dataclass(frozen=True)
class Listing:
    filters: DirectoryFilter
    found: QuerySet[Recognition]


def matching(*, query: str = "", function: str = "", jurisdiction: str = "") -> QuerySet[Recognition]:
    """The valid recognitions matching the criteria, as a query: the database filters, counts and pages.

    The same rules as ``shifan.recognition.queries.directory()`` (which returns a list), kept lazy so a
    page loads only its own rows whatever the number of matches.
    """
    found = public_recognitions().filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())
    if query.strip():
        found = found.filter(Q(platform_name__icontains=query.strip()) | Q(organization__name__icontains=query.strip()))
    if jurisdiction:
        found = found.filter(jurisdiction__code=jurisdiction)
    if function:
        if connection.vendor == "postgresql":
            found = found.filter(service_functions__contains=[function])
        else:  # ``contains`` on a JSON list is not supported by SQLite: filter the ids only, in Python.
            ids = [pk for pk, codes in found.values_list("pk", "service_functions") if function in (codes or [])]
            found = found.filter(pk__in=ids)
    return found.order_by("-starts_on", "platform_name", "pk")


def search(params) -> Listing:
    """The valid recognitions matching the GET parameters ``q``, ``function`` and ``district``."""
    filters = DirectoryFilter(params)
    return Listing(filters=filters, found=matching(**filters.criteria()))


def recognition_by_code(code: str) -> Recognition:
    """The recognition with this verification code (any status), or 404."""
    recognition = public_recognitions().filter(verification_code=code.strip().upper()).first()
    if recognition is None:
        raise Http404("未找到该示范平台。")
    return recognition


@login_not_required
@require_GET
def directory_page(request):
    listing = search(request.GET)
    criteria = listing.filters.criteria()
    number = page_number(request.GET.get("page"))
    data = remembered(cache_key("directory", criteria, number),
                      lambda: paged(listing.found, PAGE_SIZE, number, public_cards))
    page = page_of(data, PAGE_SIZE)
    return render(request, "portal/directory.html", {
        "filters": listing.filters,
        "page": page,
        "cards": page.object_list,
        "total": data["total"],
        "searched": any(listing.filters.criteria().values()),
        "portal_section": "directory",
    })


@login_not_required
@require_GET
def platform_page(request, code: str):
    recognition = recognition_by_code(code)
    return render(request, "portal/platform.html", {
        "card": public_card(recognition),
        "revocation": public_revocation(recognition),
        "portal_section": "directory",
    })
