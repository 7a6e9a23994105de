"""Verifying the audit chain."""

from dataclasses import dataclass

from shifan.audit.chain import GENESIS, chain_key, fields_of, link
from shifan.audit.models import AuditChainHead, AuditEvent

PRUNED_EVENT = "audit.pruned"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def _vouches_for(event: AuditEvent, anchor: tuple[int, str]) -> bool:
    return event.event == PRUNED_EVENT and (event.data.get("through_seq"), event.data.get("through_hash")) == anchor


def verify_chain(batch_size: int = 2000) -> VerifyResult:
    """Walk the chain in ``seq`` order and report the first broken link.

    Detects an edited row (its hash no longer matches), a deleted or reordered row (a gap in
    ``seq`` or a ``prev_hash`` that is not the previous row's hash) and a truncated tail (the
    chain head names a later row than the last one present).

    After a retention prune (``prune_audit``) the walk starts from the anchor kept in the chain
    head (the last removed event's seq and hash), and the anchor must be vouched for by the
    chained ``audit.pruned`` event the prune wrote: an anchor forged to hide deleted rows fails.
    """
    key = chain_key()
    head = AuditChainHead.objects.filter(id=1).first()
    anchor = (head.pruned_seq, head.pruned_hash) if head else (0, GENESIS)
    prev_hash, expected_seq, checked = anchor[1], anchor[0] + 1, 0
    vouched = anchor[0] == 0
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size)
    for event in rows:
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"缺少序号 {expected_seq} 的记录（已删除或顺序被改动）")
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, "前一条记录的哈希不符（记录被删除或重排）")
        if link(key, prev_hash, fields_of(event)) != event.hash:
            return VerifyResult(False, checked, event.seq, "记录内容与哈希不符（记录被修改）")
        vouched = vouched or _vouches_for(event, anchor)
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (expected_seq - 1, prev_hash):
        return VerifyResult(False, checked, expected_seq, "链头与最后一条记录不符（末尾记录被删除）")
    if not vouched:
        return VerifyResult(False, checked, anchor[0] + 1, "清理锚点没有对应的清理记录（早期记录被删除）")
    return VerifyResult(True, checked)
