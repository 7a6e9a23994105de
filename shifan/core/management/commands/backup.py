from django.core.management.base import BaseCommand, CommandError

from shifan.core.backups import VENDOR_LABEL, BackupError, create_backup


class Command(BaseCommand):
    help = ("备份数据库与上传文件（MEDIA_ROOT）到一个 .tar.gz 归档，附清单（迁移状态、各表行数、每个文件的 SHA-256）。"
            "参数为目录（自动命名）或文件路径。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("destination", help="备份目录或 .tar.gz 文件路径")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args, destination: str, database: str, **options) -> None:
        try:
            path, manifest = create_backup(destination, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"已备份到 {path}：{VENDOR_LABEL[manifest['vendor']]} 数据库 {len(manifest['tables'])} 张表、"
            f"共 {manifest['rows']} 行，上传文件 {manifest['media_files']} 个。"
        )
