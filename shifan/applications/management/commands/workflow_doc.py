from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shifan.applications.diagram import render_workflow_markdown


class Command(BaseCommand):
    help = "根据工作流表生成 docs/workflow.md；--check 仅检查文件是否为最新。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="只检查，不写文件")

    def handle(self, *args, check: bool = False, **options) -> None:
        path = Path(settings.BASE_DIR) / "docs" / "workflow.md"
        wanted = render_workflow_markdown()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != wanted:
                raise CommandError("docs/workflow.md 不是最新的：请运行 python manage.py workflow_doc")
            self.stdout.write("docs/workflow.md 是最新的。")
            return
        path.write_text(wanted, encoding="utf-8")
        self.stdout.write(f"已写入 {path}")
