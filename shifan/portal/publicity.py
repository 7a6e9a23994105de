"""The public side of 公示: the list, the dates, how to object, and the objection form (no login)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from shifan.policies.codes import FUNCTION_LABELS
from shifan.publicity.domain import EVIDENCE_MAX_BYTES, file_objection, objection_window_problem
from shifan.publicity.forms import ObjectionForm
from shifan.publicity.queries import public_entries, published
from shifan.workspace.errors import add_domain_errors
from shifan.workspace.uploads import too_large_message, with_upload_cap


def _context(publicity) -> dict:
    today = timezone.localdate()
    return {
        "publicity": publicity,
        "entries": public_entries(publicity),
        "labels": FUNCTION_LABELS,
        "closed": objection_window_problem(publicity, today),
        "open_now": publicity.is_open(today),
        "portal_section": "publicity",
    }


@login_not_required
@require_GET
def publicity_index(request):
    publicities = list(published()[:10])
    return render(request, "portal/publicity.html", {
        **(_context(publicities[0]) if publicities else {}), "others": publicities[1:],
    })


@login_not_required
@require_GET
def publicity_detail(request, pk: int):
    return render(request, "portal/publicity.html", _context(get_object_or_404(published(), pk=pk)))


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
    if request.method == "POST" and form.is_valid():
        files = [(f.read(EVIDENCE_MAX_BYTES + 1), f.name) for f in request.FILES.getlist("evidence")]
        data = form.cleaned_data
        try:
            made = file_objection(publicity, entry=data["entry"], name=data["name"], mobile=data["mobile"],
                                  email=data["email"], organization=data["organization"], content=data["content"],
                                  files=files)
        except ValidationError as error:
            add_domain_errors(form, error)
        else:
            return render(request, "portal/objection_received.html", {"publicity": publicity, "objection": made},
                          status=201)
    return render(request, "portal/objection.html", {"publicity": publicity, "form": form},
                  status=400 if form.errors else 200)
