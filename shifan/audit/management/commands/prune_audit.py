from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shifan.audit.prune import PruneRefused, prune_events


class Command(BaseCommand):
    help = "清理超过保存期（SHIFAN_AUDIT_RETENTION_DAYS，默认 1095 天）的审计记录，保留可校验的哈希链锚点。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="只统计将清理的记录数，不删除。")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        try:
            result = prune_events(dry_run=dry_run)
        except PruneRefused as refused:
            raise CommandError(str(refused)) from None
        cutoff = timezone.localtime(result.cutoff).strftime("%Y年%m月%d日 %H:%M")
        if dry_run:
            self.stdout.write(f"试运行：{cutoff} 之前的审计记录共 {result.removed} 条可清理，未删除任何记录。")
        elif result.removed:
            self.stdout.write(f"已清理 {cutoff} 之前的审计记录 {result.removed} 条（至第 {result.through_seq} 条）。")
        else:
            self.stdout.write(f"没有 {cutoff} 之前的审计记录需要清理。")
