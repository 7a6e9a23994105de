"""Verifying the audit chain."""

from dataclasses import dataclass

from shifan.audit.chain import GENESIS, chain_key, fields_of, link
from shifan.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(batch_size: int = 2000) -> VerifyResult:
    """Walk the chain in ``seq`` order and report the first broken link.

    Detects an edited row (its hash no longer matches), a deleted or reordered row (a gap in
    ``seq`` or a ``prev_hash`` that is not the previous row's hash) and a truncated tail (the
    chain head names a later row than the last one present).
    """
    key = chain_key()
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size)
    for event in rows:
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"缺少序号 {expected_seq} 的记录（已删除或顺序被改动）")
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, "前一条记录的哈希不符（记录被删除或重排）")
        if link(key, prev_hash, fields_of(event)) != event.hash:
            return VerifyResult(False, checked, event.seq, "记录内容与哈希不符（记录被修改）")
        prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (expected_seq - 1, prev_hash):
        return VerifyResult(False, checked, expected_seq, "链头与最后一条记录不符（末尾记录被删除）")
    return VerifyResult(True, checked)
