"""The bureau back office (市局后台)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from shifan.accounts.access import role_required
from shifan.accounts.models import Jurisdiction, Organization, User
from shifan.accounts.roles import Role
from shifan.applications.enums import Status
from shifan.applications.queries import applications_for_user, for_listing, listing_page, status_counts
from shifan.batches.domain import current_batch
from shifan.city_review.domain.formal import formal_check
from shifan.city_review.queries import membership_of
from shifan.workspace.application_pages import (
    act_on_application,
    download_dossier,
    evaluation_of,
    render_application,
    visible_application,
)
from shifan.workspace.filters import ApplicationFilterForm
from shifan.workspace.section_pages import render_section_readonly

bureau_staff = role_required(Role.BUREAU_OFFICER, Role.BUREAU_HEAD)
# Rows of a page of the application list: what a 1366×768 screen shows in two scrolls.
PAGE_SIZE = 20

FUNNEL = (
    Status.SUBMITTED,
    Status.RECOMMENDED,
    Status.ACCEPTED,
    Status.IN_REVIEW,
    Status.REVIEWED,
    Status.PROPOSED,
    Status.IN_PUBLICITY,
    Status.RECOGNISED,
)


@require_GET
@bureau_staff
def home(request):
    batch = current_batch()
    visible = applications_for_user(request.user)
    counts = status_counts(visible.filter(batch=batch)) if batch else {}
    if request.user.role == Role.BUREAU_HEAD:
        attention = visible.filter(status=Status.IN_PUBLICITY)
        attention_title = "公示中、待认定决定的申报"
    else:
        attention = visible.filter(status__in=(Status.RECOMMENDED, Status.REVIEWED))
        attention_title = "待受理或待确定拟认定的申报"
    return render(
        request,
        "bureau/home.html",
        {
            "batch": batch,
            "funnel": [(Status(code).label, counts.get(code, 0)) for code in FUNNEL],
            "attention": for_listing(attention)[:50],
            "attention_title": attention_title,
        },
    )


@require_GET
@role_required(Role.BUREAU_ADMIN)
def system(request):
    return render(
        request,
        "bureau/system.html",
        {
            "jurisdiction_count": Jurisdiction.objects.filter(is_active=True).count(),
            "organization_count": Organization.objects.count(),
            "user_count": User.objects.filter(is_active=True).count(),
        },
    )


@require_GET
@bureau_staff
def application_list(request):
    form = ApplicationFilterForm(request.GET or None)
    applications = applications_for_user(request.user)
    if form.is_bound:
        applications = form.filter(applications)
    page = listing_page(applications, PAGE_SIZE, request.GET.get("page"))
    return render(request, "bureau/applications.html", {"form": form, "page": page})


def _review_context(application) -> dict:
    """The review group, and the formal check (形式审查) while the application waits for it, on every
    rendering of the page (a refused move too, which the officer corrects looking at the check).
    Side effects: none but the evaluation cache's."""
    extra = {"membership": membership_of(application)}
    if application.status == Status.RECOMMENDED:
        extra["formal_check"] = formal_check(application, evaluation=evaluation_of(application))
    return extra


@require_GET
@bureau_staff
def application(request, pk: int):
    application = visible_application(request, pk, with_policy=True)
    return render_application(request, application, namespace="bureau", extra=_review_context(application))


@require_POST
@bureau_staff
def act(request, pk: int):
    return act_on_application(request, pk, namespace="bureau", extra_of=_review_context)


@require_GET
@bureau_staff
def dossier(request, pk: int):
    return download_dossier(request, pk)


@require_GET
@bureau_staff
def section(request, pk: int, code: str):
    return render_section_readonly(request, pk, code, namespace="bureau")
