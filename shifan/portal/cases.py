"""典型经验 (第十二条) on the portal: published cases of platforms not revoked, for anyone."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from shifan.support.queries import published_cases

PAGE_SIZE = 20


@login_not_required
@require_GET
def case_list(request):
    page = Paginator(published_cases(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/cases.html", {"page": page, "portal_section": "cases"})


@login_not_required
@require_GET
def case_detail(request, pk: int):
    case = get_object_or_404(published_cases(), pk=pk)
    return render(request, "portal/case.html", {"case": case, "portal_section": "cases"})
