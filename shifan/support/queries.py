"""Who sees which grants and cases: the bureau all, an organisation its own, a district its
jurisdiction's cases, the public published cases and a summary of grants (amounts only when public)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from shifan.recognition.models import Recognition
from shifan.support.models import CaseState, SupportGrant, TypicalCase


def grants_of(recognition_id: int) -> QuerySet[SupportGrant]:
    return SupportGrant.objects.filter(recognition_id=recognition_id).select_related("recorded_by")


def grants_of_organization(organization_id: int | None) -> QuerySet[SupportGrant]:
    """An organisation's own grants (its users see the amounts)."""
    if organization_id is None:
        return SupportGrant.objects.none()
    return SupportGrant.objects.filter(recognition__organization_id=organization_id).select_related("recognition")


@dataclass(frozen=True)
class PublicGrant:
    kind: str
    granted_on: date
    amount: Decimal | None  # None unless the bureau made the amount public


def public_grants(verification_code: str) -> list[PublicGrant]:
    """The public summary of a platform's grants: kind and date, the amount only when marked public."""
    rows = SupportGrant.objects.filter(recognition__verification_code=verification_code).only(
        "kind", "granted_on", "amount", "public")
    return [PublicGrant(kind=g.get_kind_display(), granted_on=g.granted_on, amount=g.amount if g.public else None)
            for g in rows]


def recognitions_for_district(user) -> QuerySet[Recognition]:
    """Platforms a district officer may write cases about: not revoked, in the officer's jurisdiction."""
    if getattr(user, "jurisdiction_id", None) is None:
        return Recognition.objects.none()
    return Recognition.objects.filter(jurisdiction_id=user.jurisdiction_id, revoked_at__isnull=True).order_by(
        "platform_name")


def cases_for_district(user) -> QuerySet[TypicalCase]:
    """All cases of the officer's jurisdiction (colleagues share them), newest first."""
    if getattr(user, "jurisdiction_id", None) is None:
        return TypicalCase.objects.none()
    return TypicalCase.objects.filter(jurisdiction_id=user.jurisdiction_id).select_related("recognition")


def cases_for_bureau() -> QuerySet[TypicalCase]:
    """Cases the bureau sees: everything a district has submitted (drafts stay with the district)."""
    return TypicalCase.objects.exclude(state=CaseState.DRAFT).select_related("recognition", "jurisdiction")


def published_cases() -> QuerySet[TypicalCase]:
    """What the portal shows: published cases of platforms not revoked, newest first."""
    return (TypicalCase.objects.filter(state=CaseState.PUBLISHED, recognition__revoked_at__isnull=True)
            .select_related("recognition", "jurisdiction").order_by("-published_at", "-id"))
