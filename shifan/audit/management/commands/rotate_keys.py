"""Re-encrypt personal data and recompute blind indexes with the current keys (DESIGN.md §9).

The command lives in the audit app because the rotation (``shifan.core.rotation``) must be
audited and ``core`` may not import ``audit``.

Rotation procedure: put the new key first in SHIFAN_FIELD_KEYS / SHIFAN_INDEX_KEYS, keep the old
ones after it, restart, run this command (it can be repeated safely), then remove the old keys.
"""

from django.core.management.base import BaseCommand, CommandError

from shifan.audit.recorder import record
from shifan.core.crypto import index_keys
from shifan.core.fields import current_field_key_id
from shifan.core.rotation import rotate_all


class Command(BaseCommand):
    help = "用当前密钥重新加密全部个人信息字段并重新计算盲索引（分批、可重复执行），并记录审计日志。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200, help="每批处理的记录数（每批一个事务）。")

    def handle(self, *args, batch_size: int, verbosity: int, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size 必须为正整数。")
        field_key, index_key = current_field_key_id(), index_keys()[0]
        self.stdout.write(f"当前字段加密密钥：{field_key}；当前盲索引密钥：{index_key}")
        progress = self.stdout.write if verbosity >= 2 else None
        results = rotate_all(batch_size=batch_size, progress=progress)
        for counts in results:
            self.stdout.write(
                f"{counts.verbose_name}（{counts.label}）：检查 {counts.rows} 条，"
                f"重新加密 {counts.reencrypted} 条，重算索引 {counts.reindexed} 条"
            )
        totals = {key: sum(getattr(c, key) for c in results) for key in ("rows", "reencrypted", "reindexed")}
        record("security.keys_rotated", data={
            "field_key": field_key, "index_key": index_key, "batch_size": batch_size, **totals,
            "models": {c.label: {"rows": c.rows, "reencrypted": c.reencrypted, "reindexed": c.reindexed,
                                 "fields": c.fields} for c in results},
        })
        self.stdout.write(self.style.SUCCESS(
            f"密钥轮换完成：共检查 {totals['rows']} 条记录，重新加密 {totals['reencrypted']} 条，"
            f"重算索引 {totals['reindexed']} 条。"
        ))
