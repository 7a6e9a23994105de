"""The hash chain of the audit trail: canonical encoding and the link function."""

import json

from django.conf import settings

from shifan.core.crypto import hmac_sm3, key_from_hex

GENESIS = "0" * 64
# The fields covered by the chain, in a fixed order. Changing this list breaks
# verification of every existing row, so it only ever grows with a version bump.
CHAINED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "actor_role",
    "event",
    "target_type",
    "target_id",
    "ip",
    "request_id",
    "data",
)


def chain_key() -> bytes:
    return key_from_hex(settings.AUDIT_HMAC_KEY, name="SHIFAN_AUDIT_KEY")


def canonical(fields: dict) -> bytes:
    values = {name: fields[name] for name in CHAINED_FIELDS}
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def link(key: bytes, prev_hash: str, fields: dict) -> str:
    return hmac_sm3(key, prev_hash.encode() + b"|" + canonical(fields)).hex()


def fields_of(event) -> dict:
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "actor_role": event.actor_role,
        "event": event.event,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "ip": event.ip,
        "request_id": event.request_id,
        "data": event.data,
    }
