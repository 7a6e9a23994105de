"""The district workspace (县区工作台): preliminary review of its own jurisdiction only."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.models import Jurisdiction
from shifan.accounts.roles import Role
from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user, for_listing, listing_page, status_tally
from shifan.batches.domain import current_batch_for_district
from shifan.core.reference import names_of
from shifan.workspace.application_pages import (
    act_on_application,
    download_dossier,
    render_application,
    visible_application,
)
from shifan.workspace.filters import ApplicationFilterForm
from shifan.workspace.section_pages import render_section_readonly

district_only = role_required(Role.DISTRICT_OFFICER)
# Rows of the waiting list on the inbox and of a page of the list below it: what a 1366×768 screen
# shows in two scrolls. More waiting applications are reached through the status filter.
WAITING_SHOWN = 20
PAGE_SIZE = 20


@require_GET
@district_only
def home(request):
    visible = applications_for_user(request.user)
    batch, deadline = current_batch_for_district(request.user.jurisdiction_id)
    waiting = visible.filter(status__in=Status.district_stage)
    form = ApplicationFilterForm(request.GET or None, with_jurisdiction=False)
    # One grouped count gives the waiting number, the batch's figures and the size of the unfiltered list.
    overall, in_batch = status_tally(visible, batch_id=batch.pk if batch else None)
    waiting_count = sum(overall.get(status, 0) for status in Status.district_stage)
    if form.is_bound:
        page = listing_page(form.filter(visible), PAGE_SIZE, request.GET.get("page"))
    else:
        page = listing_page(visible.exclude(status__in=Status.district_stage), PAGE_SIZE, request.GET.get("page"),
                            count=sum(overall.values()) - waiting_count)
    return render(
        request,
        "district/home.html",
        {
            "jurisdiction_name": dict(names_of(Jurisdiction)).get(request.user.jurisdiction_id, ""),
            "batch": batch,
            "waiting": for_listing(waiting)[:WAITING_SHOWN],
            "waiting_shown": WAITING_SHOWN,
            "waiting_count": waiting_count,
            "overdue": bool(batch and timezone.now() > deadline and waiting_count),
            "counts": in_batch,
            "deadline": deadline,
            "form": form,
            "page": page,
        },
    )


@require_GET
@district_only
def application(request, pk: int):
    return render_application(request, visible_application(request, pk, with_policy=True), namespace="district")


@require_POST
@district_only
def act(request, pk: int):
    return act_on_application(request, pk, namespace="district")


@require_GET
@district_only
def dossier(request, pk: int):
    return download_dossier(request, pk)


@require_GET
@district_only
def section(request, pk: int, code: str):
    return render_section_readonly(request, pk, code, namespace="district")
