"""What the public may see of recognitions: names, functions, districts, dates and status — no person."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from shifan.recognition.models import Approval, Recognition, Revocation


def public_recognitions() -> QuerySet[Recognition]:
    return Recognition.objects.select_related("organization", "jurisdiction", "decision").only(
        "platform_name", "service_functions", "starts_on", "expires_on", "revoked_at", "verification_code",
        "organization__name", "jurisdiction__name", "jurisdiction__code", "decision__number",
    )


def directory(*, query: str = "", function: str = "", jurisdiction: str = "", include_inactive: bool = False):
    """The public directory: valid recognitions (unless told), searched by name, function, district code."""
    found = public_recognitions()
    if not include_inactive:
        found = found.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())
    if query.strip():
        found = found.filter(Q(platform_name__icontains=query.strip()) | Q(organization__name__icontains=query.strip()))
    if jurisdiction:
        found = found.filter(jurisdiction__code=jurisdiction)
    rows = list(found.order_by("-starts_on", "platform_name"))
    # JSON lists are filtered here: ``contains`` on JSONField is not supported by SQLite.
    return [r for r in rows if function in r.service_functions] if function else rows


def by_verification_code(code: str) -> Recognition | None:
    cleaned = "".join(code.split()).upper()
    if len(cleaned) != 12:
        return None
    return public_recognitions().filter(verification_code=cleaned).first()


def recognitions_of_organization(organization_id: int | None) -> QuerySet[Recognition]:
    """An organisation's own recognitions, newest first (for its users' home page)."""
    if organization_id is None:
        return Recognition.objects.none()
    return public_recognitions().filter(organization_id=organization_id).order_by("-starts_on")


def public_revocations():
    """Approved revocations (第十条), newest first: the platform, the number, the date and the public reason."""
    return (Revocation.objects.filter(state=Approval.APPROVED).select_related("recognition")
            .only("number", "public_reason", "decided_at", "recognition__platform_name",
                  "recognition__verification_code").order_by("-decided_at"))
