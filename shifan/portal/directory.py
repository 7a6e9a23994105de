"""The public directory of recognised platforms (示范平台名录) and each platform's public page.

Anyone may read it: valid recognitions only in the list, searched by name (platform or
organisation), service function and district. A platform's page is found by its certificate
verification code, never by a database id, and also shows expired or revoked recognitions with
their status. What a card shows of a platform is decided in ``shifan.recognition.public``.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shifan.accounts.models import Jurisdiction
from shifan.policies.codes import ServiceFunction
from shifan.recognition.models import Recognition
from shifan.recognition.public import public_card, public_cards, public_revocation
from shifan.recognition.queries import directory, public_recognitions

PAGE_SIZE = 20


def district_choices() -> list[tuple[str, str]]:
    return list(Jurisdiction.objects.filter(is_active=True).order_by("sort_order", "code").values_list("code", "name"))


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
    found: list[Recognition]


def search(params) -> Listing:
    """The valid recognitions matching the GET parameters ``q``, ``function`` and ``district``."""
    filters = DirectoryFilter(params)
    return Listing(filters=filters, found=directory(**filters.criteria()))


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
    page = Paginator(listing.found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/directory.html", {
        "filters": listing.filters,
        "page": page,
        "cards": public_cards(page.object_list),
        "total": len(listing.found),
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
