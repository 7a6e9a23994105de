from django.core.management.base import BaseCommand, CommandError

from shifan.audit.verify import verify_chain


class Command(BaseCommand):
    help = "校验审计日志哈希链：发现被修改、删除或重排的记录时以非零状态退出。"

    def handle(self, *args, **options) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"审计链校验失败：第 {result.first_bad_seq} 条，{result.problem}（已校验 {result.checked} 条）"
            )
        self.stdout.write(f"审计链完整：共 {result.checked} 条记录。")
