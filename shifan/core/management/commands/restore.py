from datetime import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shifan.core.backups import VENDOR_LABEL, BackupError, restore_backup, table_label


class Command(BaseCommand):
    help = ("从 backup 生成的 .tar.gz 归档恢复数据库与上传文件。先校验清单中每个文件的 SHA-256；"
            "目标数据库或上传目录不为空时拒绝恢复，除非加 --force。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="backup 命令生成的 .tar.gz 文件")
        parser.add_argument("--force", action="store_true", help="目标不为空时仍然覆盖恢复")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args, archive: str, force: bool, database: str, **options) -> None:
        try:
            result = restore_backup(archive, force=force, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        rows = sum(result.tables.get(name, 0) for name in manifest["tables"])
        created = timezone.localtime(datetime.fromisoformat(manifest["created_at"])).strftime("%Y年%m月%d日 %H:%M:%S")
        self.stdout.write(f"已从 {archive} 恢复（备份时间 {created}）。")
        self.stdout.write(
            f"数据库（{VENDOR_LABEL[manifest['vendor']]}）：{len(manifest['tables'])} 张表，共 {rows} 行，"
            "与备份清单一致。")
        for name in sorted(manifest["tables"]):
            if result.tables.get(name):
                self.stdout.write(f"  {table_label(name)}：{result.tables[name]} 行")
        self.stdout.write(f"上传文件：{result.media_files} 个，SHA-256 校验一致。")
        try:
            call_command("verify_audit", stdout=self.stdout)  # the restored audit chain must still verify
        except CommandError as error:
            self.stderr.write(f"警告：{error}")
