"""典型经验 (第十二条) in the district workspace: write and submit cases about platforms of the
district's own jurisdiction (others answer 404), revise declined ones."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.roles import Role
from shifan.support.domain import save_case, submit_case
from shifan.support.forms import CaseForm
from shifan.support.queries import cases_for_district, recognitions_for_district
from shifan.workspace.errors import apply_form

district_only = role_required(Role.DISTRICT_OFFICER)


@require_GET
@district_only
def case_list(request):
    """The jurisdiction's cases, last changed first, 50 a page, and the platforms a case can be about."""
    cases = cases_for_district(request.user).order_by("-updated_at", "-id")
    return render(request, "district/cases/list.html", {
        "jurisdiction": request.user.jurisdiction,
        "page": Paginator(cases, 50).get_page(request.GET.get("page")),
        "recognitions": recognitions_for_district(request.user),
    })


def _form_page(request, recognition, form, case=None, status=200):
    return render(request, "district/cases/form.html",
                  {"recognition": recognition, "form": form, "case": case}, status=status)


@require_http_methods(["GET", "POST"])
@district_only
def case_new(request, recognition_id: int):
    recognition = get_object_or_404(recognitions_for_district(request.user), pk=recognition_id)
    if request.method == "GET":
        return _form_page(request, recognition, CaseForm())
    form = CaseForm(request.POST)
    if done := apply_form(form, lambda data: save_case(recognition, actor=request.user, **data)):
        messages.success(request, "典型经验已保存为草稿。确认无误后请报送市局。")
        return redirect("district:case", pk=done.value.pk)
    return _form_page(request, recognition, form, status=400)


@require_http_methods(["GET", "POST"])
@district_only
def case_detail(request, pk: int):
    """The case; while it is a draft or declined, its form."""
    case = get_object_or_404(cases_for_district(request.user).select_related("reviewed_by"), pk=pk)
    if request.method == "GET":
        form = CaseForm(initial={"title": case.title, "summary": case.summary, "body": case.body})
        return _form_page(request, case.recognition, form, case)
    form = CaseForm(request.POST)
    if apply_form(form, lambda data: save_case(case.recognition, actor=request.user, case=case, **data)):
        messages.success(request, "典型经验已保存。")
        return redirect("district:case", pk=case.pk)
    return _form_page(request, case.recognition, form, case, status=400)


@require_POST
@district_only
def case_submit(request, pk: int):
    case = get_object_or_404(cases_for_district(request.user), pk=pk)
    try:
        submit_case(case, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        form = CaseForm(initial={"title": case.title, "summary": case.summary, "body": case.body})
        return _form_page(request, case.recognition, form, case, status=400)
    messages.success(request, "典型经验已报送市中小企业服务局。")
    return redirect("district:case", pk=case.pk)
