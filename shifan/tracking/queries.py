"""Permission-aware queries of tracking reports."""

from django.db.models import Q, QuerySet

from shifan.accounts.rules import is_applicant, is_bureau_staff
from shifan.tracking.models import TrackingReport


def reports_for_user(user) -> QuerySet[TrackingReport]:
    """Bureau staff see every report; an applicant the reports of its own organisation; others none."""
    reports = TrackingReport.objects.select_related("round", "recognition", "recognition__organization")
    if is_bureau_staff.test(user):
        return reports
    if is_applicant.test(user) and user.organization_id is not None:
        return reports.filter(recognition__organization_id=user.organization_id)
    return reports.none()


def open_tracking_reports(user) -> list[TrackingReport]:
    """The user's organisation's reports still to file, and those with an open rectification."""
    if not is_applicant.test(user):
        return []
    pending = Q(state=TrackingReport.State.DRAFT) | Q(rectifications__state="open")
    return list(reports_for_user(user).filter(pending).distinct().order_by("-round__year"))
