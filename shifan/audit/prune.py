"""Removing audit events older than the retention period while the chain stays verifiable."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from shifan.audit.checks import MIN_RETENTION_DAYS
from shifan.audit.models import AuditChainHead, AuditEvent
from shifan.audit.recorder import _locked_head, record
from shifan.audit.verify import PRUNED_EVENT, verify_chain


class PruneRefused(Exception):
    pass


@dataclass(frozen=True)
class PruneResult:
    removed: int
    through_seq: int
    cutoff: datetime


def prune_events(*, now: datetime | None = None, retention_days: int | None = None,
                 dry_run: bool = False) -> PruneResult:
    """Remove the events older than the retention period, oldest first and without gaps.

    Refuses (PruneRefused) when the retention is under 6 months or the chain does not verify:
    a broken chain is evidence and is never pruned. Removes the longest prefix of the chain
    whose events are all older than the cutoff, so the remaining rows stay contiguous.

    Side effects, in one transaction under the chain head's lock: deletes those AuditEvent
    rows; stores the last removed event's seq and hash as the anchor in the chain head;
    records ``audit.pruned`` (through_seq, through_hash, removed, cutoff), which vouches for the
    anchor when ``verify_audit`` runs. Nothing is written on a dry run.
    """
    days = settings.AUDIT_RETENTION_DAYS if retention_days is None else retention_days
    if days < MIN_RETENTION_DAYS:
        raise PruneRefused(f"保存期 {days} 天不足 {MIN_RETENTION_DAYS} 天，拒绝清理。")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        head = _locked_head()
        result = verify_chain()
        if not result.ok:
            raise PruneRefused(f"审计链校验失败（第 {result.first_bad_seq} 条，{result.problem}），拒绝清理。")
        first_kept = AuditEvent.objects.filter(occurred_at__gte=cutoff).order_by("seq").values_list(
            "seq", flat=True).first()
        through = (first_kept - 1) if first_kept is not None else head.seq
        removable = AuditEvent.objects.filter(seq__gt=head.pruned_seq, seq__lte=through)
        removed = removable.count()
        if removed == 0 or dry_run:
            return PruneResult(removed, through if removed else head.pruned_seq, cutoff)
        last = AuditEvent.objects.get(seq=through)
        with connection.cursor() as cursor:  # the model refuses deletes: this is the one sanctioned path
            cursor.execute("DELETE FROM audit_auditevent WHERE seq <= %s", [through])
        AuditChainHead.objects.filter(id=1).update(pruned_seq=last.seq, pruned_hash=last.hash)
        record(PRUNED_EVENT, data={
            "through_seq": last.seq, "through_hash": last.hash, "removed": removed,
            "cutoff": cutoff.isoformat(), "retention_days": days,
        })
    return PruneResult(removed, last.seq, cutoff)
