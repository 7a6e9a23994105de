"""Permission-aware queries of tracking reports."""

from django.db.models import Q, QuerySet

from shifan.accounts.rules import is_applicant, is_bureau_staff, is_district_officer
from shifan.tracking.models import RectificationReplyFile, TrackingReport


def reports_for_user(user) -> QuerySet[TrackingReport]:
    """Bureau staff see every report; an applicant the reports of its own organisation; others none
    (district officers read through ``reports_for_district``)."""
    reports = TrackingReport.objects.select_related("round", "recognition", "recognition__organization")
    if is_bureau_staff.test(user):
        return reports
    if is_applicant.test(user) and user.organization_id is not None:
        return reports.filter(recognition__organization_id=user.organization_id)
    return reports.none()


def reports_for_district(user) -> QuerySet[TrackingReport]:
    """A district officer's read-only view: reports of recognitions of the officer's own jurisdiction
    (revoked ones included, their history stays), newest round first; none for anyone else."""
    if not is_district_officer.test(user) or getattr(user, "jurisdiction_id", None) is None:
        return TrackingReport.objects.none()
    return (TrackingReport.objects.filter(recognition__jurisdiction_id=user.jurisdiction_id)
            .select_related("round", "recognition", "recognition__organization", "recognition__jurisdiction")
            .order_by("-round__year", "recognition__platform_name", "id"))


def reply_files_for_user(user) -> QuerySet[RectificationReplyFile]:
    """Files of rectification replies, for those who see the report (bureau staff, the organisation)."""
    if not (is_bureau_staff.test(user) or is_applicant.test(user)):
        return RectificationReplyFile.objects.none()
    return RectificationReplyFile.objects.filter(
        reply__rectification__report__in=reports_for_user(user)).select_related("reply__rectification__report")


def open_tracking_reports(user) -> list[TrackingReport]:
    """The user's organisation's reports still to file, and those with an open rectification."""
    if not is_applicant.test(user):
        return []
    pending = Q(state=TrackingReport.State.DRAFT) | Q(rectifications__state="open")
    return list(reports_for_user(user).filter(pending).distinct().order_by("-round__year"))
