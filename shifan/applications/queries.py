"""Permission-aware queries: every view and export fetches applications through here."""

from collections.abc import Callable

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet

from shifan.accounts.roles import Role
from shifan.applications.enums import Status
from shifan.applications.models import Application
from shifan.core.paging import CountedPaginator

# Roles whose view of applications is decided by a later stage (experts and agencies by
# their review assignments): role -> a function of the user giving the visible applications' ids.
_ASSIGNMENT_SCOPES: dict[str, Callable] = {}


def register_assignment_scope(role: str, scope: Callable) -> None:
    """Let a later stage say which applications a role sees (called once, from AppConfig.ready())."""
    _ASSIGNMENT_SCOPES[role] = scope


def assignment_scope(user) -> QuerySet | None:
    """The registered scope of this user's role (values of ``application`` ids), or None."""
    if not (user.is_authenticated and user.is_active) or user.role not in _ASSIGNMENT_SCOPES:
        return None
    return _ASSIGNMENT_SCOPES[user.role](user)


def applications_for_user(user) -> QuerySet[Application]:
    """The applications this user may see, and nothing else (deny by default).

    Applicants see their organisation's; district officers their jurisdiction's once submitted;
    bureau officers and heads every submitted one; experts and agencies what their review
    assignments give them (registered by the city review). Every other role sees none.
    """
    base = Application.objects.select_related("batch", "organization", "jurisdiction")
    if not (user.is_authenticated and user.is_active):
        return base.none()
    if user.role == Role.APPLICANT and user.organization_id:
        return base.filter(organization_id=user.organization_id)
    if user.role == Role.DISTRICT_OFFICER and user.jurisdiction_id:
        return base.filter(jurisdiction_id=user.jurisdiction_id).exclude(status=Status.DRAFT)
    if user.role in (Role.BUREAU_OFFICER, Role.BUREAU_HEAD):
        return base.exclude(status=Status.DRAFT)
    scope = assignment_scope(user)
    if scope is not None:
        return base.filter(pk__in=scope).exclude(status=Status.DRAFT)
    return base.none()


# What templates/components/application_table.html shows of a row.
LIST_COLUMNS = ("id", "platform_name", "status", "submitted_at", "batch__year", "organization__name",
                "jurisdiction__name")


def for_listing(applications: QuerySet[Application]) -> QuerySet[dict]:
    """The applications as a list page shows them: a dict of LIST_COLUMNS per row. No model objects: a row
    would build four (the application, its batch, organisation and jurisdiction), which cost a list more
    than its query. Pure read."""
    return applications.values(*LIST_COLUMNS)


def listing_page(applications: QuerySet[Application], per_page: int, number, *, count: int | None = None) -> Page:
    """Page ``number`` of these applications as ``for_listing`` rows. The pager counts the applications
    themselves (or takes ``count`` when the caller has it): counting the rows would join their batch and
    district for nothing. Pure read."""
    if count is None:
        count = applications.count()
    return CountedPaginator(for_listing(applications), per_page, count=count).get_page(number)


def listing_row(application: Application) -> dict:
    """An application already loaded with its batch, organisation and jurisdiction, as a ``for_listing`` row."""
    return {"id": application.pk, "platform_name": application.platform_name, "status": application.status,
            "submitted_at": application.submitted_at, "batch__year": application.batch.year,
            "organization__name": application.organization.name,
            "jurisdiction__name": application.jurisdiction.name}


def status_counts(applications: QuerySet[Application]) -> dict[str, int]:
    """Count by status code, in one query."""
    rows = applications.order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def status_tally(applications: QuerySet[Application], *, batch_id: int | None) -> tuple[dict[str, int], dict[str, int]]:
    """Counts by status code of these applications, and of those in one batch, in one query. Pure read."""
    rows = applications.order_by().values("status").annotate(
        n=Count("id"), in_batch=Count("id", filter=Q(batch_id=batch_id)))
    return ({row["status"]: row["n"] for row in rows},
            {row["status"]: row["in_batch"] for row in rows if row["in_batch"]})


def recognised_for_public() -> QuerySet[Application]:
    """What the public directory may show: recognised applications only (no personal data)."""
    return (
        Application.objects.filter(status=Status.RECOGNISED)
        .select_related("organization", "jurisdiction", "batch")
        .only("platform_name", "organization__name", "jurisdiction__name", "batch__year", "batch__name")
        .order_by("-batch__year", "organization__name")
    )
