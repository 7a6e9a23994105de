"""The public side of 公示: the list, the dates, how to object, and the objection form (no login)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from shifan.applications.models import ApplicationProfile
from shifan.batches.domain import current_batch, policy_or_regulation
from shifan.policies.codes import FUNCTION_LABELS
from shifan.portal.caching import cache_key, page_of, paged, remembered
from shifan.portal.directory import page_number
from shifan.publicity.domain import EVIDENCE_MAX_BYTES, file_objection, objection_window_problem
from shifan.publicity.forms import ObjectionForm
from shifan.publicity.models import PublicityEntry
from shifan.publicity.queries import published
from shifan.workspace.errors import apply_form
from shifan.workspace.uploads import too_large_message, with_upload_cap

# Entries shown per page; the whole list is in the notice's Word download (notice_documents).
ENTRIES_PER_PAGE = 100


def _entries_page(publicity, number):
    """One page of the list as published (the same rows as ``publicity.queries.public_entries``):
    seq, platform, organisation, district, function labels and the removed mark. Three queries
    whatever the length of the list (the count, the page's entries, their service functions), none
    while the page is in the portal's short cache (``shifan.portal.caching``)."""
    entries = (PublicityEntry.objects.filter(publicity=publicity)
               .select_related("application__organization", "application__jurisdiction")
               .only("seq", "removed_at", "application__platform_name", "application__organization__name",
                     "application__jurisdiction__name")
               .order_by("seq"))

    def rows(page_entries):
        functions = dict(ApplicationProfile.objects.filter(application__in=[e.application_id for e in page_entries])
                         .values_list("application_id", "service_functions"))
        return [{
            "seq": e.seq, "platform": e.application.platform_name, "organization": e.application.organization.name,
            "district": e.application.jurisdiction.name, "removed": e.removed_at is not None,
            "functions": "、".join(FUNCTION_LABELS.get(code, code) for code in functions.get(e.application_id) or []),
        } for e in page_entries]

    number = page_number(number)
    data = remembered(cache_key("publicity", publicity.pk, number),
                      lambda: paged(entries, ENTRIES_PER_PAGE, number, rows))
    return page_of(data, ENTRIES_PER_PAGE)


def _context(publicity, page_number=None) -> dict:
    today = timezone.localdate()
    page = _entries_page(publicity, page_number)
    return {
        "publicity": publicity,
        "page": page,
        "entries": page.object_list,
        "closed": objection_window_problem(publicity, today),
        "open_now": publicity.is_open(today),
        "portal_section": "publicity",
    }


@login_not_required
@require_GET
def publicity_index(request):
    publicities = list(published()[:10])
    if not publicities:  # the empty page says how long a list will be published
        return render(request, "portal/publicity.html", {"rules": policy_or_regulation(current_batch()),
                                                         "portal_section": "publicity"})
    return render(request, "portal/publicity.html", {
        **_context(publicities[0], request.GET.get("page")), "others": publicities[1:],
    })


@login_not_required
@require_GET
def publicity_detail(request, pk: int):
    publicity = get_object_or_404(published(), pk=pk)
    return render(request, "portal/publicity.html", _context(publicity, request.GET.get("page")))


@login_not_required
@with_upload_cap(EVIDENCE_MAX_BYTES)
@require_http_methods(["GET", "POST"])
def objection(request, pk: int):
    publicity = get_object_or_404(published(), pk=pk)
    closed = objection_window_problem(publicity, timezone.localdate())
    if closed:
        return render(request, "portal/objection_closed.html", {"publicity": publicity, "closed": closed}, status=403
                      if request.method == "POST" else 200)
    form = ObjectionForm(request.POST or None, publicity=publicity)  # the body is read here, through the cap
    if request.method == "POST" and request.upload_cap.exceeded:
        form.add_error(None, "证明材料" + too_large_message(EVIDENCE_MAX_BYTES))
    def lodge(data):
        files = [(f.read(EVIDENCE_MAX_BYTES + 1), f.name) for f in request.FILES.getlist("evidence")]
        return file_objection(publicity, entry=data["entry"], name=data["name"], mobile=data["mobile"],
                              email=data["email"], organization=data["organization"], content=data["content"],
                              files=files)

    if request.method == "POST" and (done := apply_form(form, lodge)):
        return render(request, "portal/objection_received.html", {"publicity": publicity, "objection": done.value},
                      status=201)
    return render(request, "portal/objection.html", {"publicity": publicity, "form": form},
                  status=400 if form.errors else 200)
