"""Who may read the audit trail: auditors only (三员分立)."""

from django.db.models import QuerySet

from shifan.audit.models import AuditEvent

AUDIT_READER_ROLES = frozenset({"auditor"})


def audit_events_for_user(user) -> QuerySet[AuditEvent]:
    if not (user.is_authenticated and user.is_active and user.role in AUDIT_READER_ROLES):
        return AuditEvent.objects.none()
    return AuditEvent.objects.order_by("-seq")
