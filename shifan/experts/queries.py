"""Permission-aware queries of the expert pool: every page and export fetches experts through here."""

from django.db.models import QuerySet

from shifan.accounts.roles import Role
from shifan.experts.models import Expert, ExpertImport, Relationship
from shifan.experts.rules import manages_pool, reads_pool


def experts_for_user(user) -> QuerySet[Expert]:
    """Bureau officers and heads see the whole pool; an expert sees their own entry; nobody else any."""
    base = Expert.objects.select_related("user", "jurisdiction")
    if reads_pool.test(user):
        return base
    if getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.EXPERT:
        return base.filter(user=user)
    return base.none()


def relationships_for_user(user, expert: Expert) -> QuerySet[Relationship]:
    """The expert's declared relationships, if the user may see that expert."""
    return Relationship.objects.filter(expert__in=experts_for_user(user).filter(pk=expert.pk))


def imports_for_user(user) -> QuerySet[ExpertImport]:
    """An officer's own pending imports (they hold contact data in the checked rows)."""
    if not manages_pool.test(user):
        return ExpertImport.objects.none()
    return ExpertImport.objects.filter(created_by=user)
