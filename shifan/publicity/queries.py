"""What the public and the bureau see of publicities."""

from django.db.models import QuerySet

from shifan.applications.models import ApplicationProfile
from shifan.publicity.models import Objection, Publicity, PublicityEntry


def published() -> QuerySet[Publicity]:
    return Publicity.objects.select_related("batch").order_by("-published_on", "-id")


def public_entries(publicity: Publicity) -> list[dict]:
    """The list as published: platform, organisation, district, service functions — nothing personal.

    Entries taken off by an upheld objection stay listed, marked, so the record stays truthful.
    """
    entries = list(
        PublicityEntry.objects.filter(publicity=publicity)
        .select_related("application__organization", "application__jurisdiction").order_by("seq")
    )
    functions = dict(ApplicationProfile.objects.filter(application__in=[e.application_id for e in entries])
                     .values_list("application_id", "service_functions"))
    return [{
        "seq": e.seq, "platform": e.application.platform_name, "organization": e.application.organization.name,
        "district": e.application.jurisdiction.name, "functions": functions.get(e.application_id) or [],
        "removed": e.removed_at is not None,
    } for e in entries]


def objections_of(publicity: Publicity) -> QuerySet[Objection]:
    return publicity.objections.select_related("entry__application", "ruled_by").prefetch_related("evidence")
