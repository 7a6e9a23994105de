"""Writing audit events. The only code that inserts AuditEvent rows."""

import json

from django.db import IntegrityError, transaction
from django.utils import timezone

from shifan.audit import context
from shifan.audit.chain import GENESIS, chain_key, fields_of, link
from shifan.audit.models import AuditChainHead, AuditEvent


def _target_ref(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk)


def _plain_json(data: dict | None) -> dict:
    # Dates, decimals and UUIDs become strings now, so the stored JSON hashes the same on reload.
    return json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))


def _locked_head() -> AuditChainHead:
    """Lock the chain head, creating it on first use (a migration normally seeds it)."""
    head = AuditChainHead.objects.select_for_update().filter(id=1).first()
    if head is None:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(id=1, seq=0, hash=GENESIS)
        except IntegrityError:
            pass  # a concurrent writer created it first; the lock below waits for it
        head = AuditChainHead.objects.select_for_update().get(id=1)
    return head


def record(event: str, *, actor=None, target=None, data: dict | None = None) -> AuditEvent:
    """Append one event to the audit chain.

    Runs inside the caller's transaction (it opens one if there is none), so a business write
    and its audit record commit or roll back together: if this fails, the caller's write fails.

    Side effects: locks the chain head row, inserts an AuditEvent, advances the head.
    """
    with transaction.atomic():
        head = _locked_head()
        target_type, target_id = _target_ref(target)
        request = context.current()
        authenticated = actor is not None and getattr(actor, "is_authenticated", False)
        entry = AuditEvent(
            seq=head.seq + 1,
            occurred_at=timezone.now(),
            actor=actor if authenticated else None,
            actor_label=(str(actor.username) if authenticated else ""),
            actor_role=(getattr(actor, "role", "") or "") if authenticated else "",
            event=event,
            target_type=target_type,
            target_id=target_id,
            ip=request.ip,
            request_id=request.request_id,
            data=_plain_json(data),
            prev_hash=head.hash,
        )
        entry.hash = link(chain_key(), head.hash, fields_of(entry))
        entry.save()
        AuditChainHead.objects.filter(id=1).update(seq=entry.seq, hash=entry.hash)
        return entry
