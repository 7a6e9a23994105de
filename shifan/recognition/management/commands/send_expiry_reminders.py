"""Send the 90- and 30-day expiry reminders (run daily from cron or a worker; safe to repeat)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shifan.recognition.reminders import send_expiry_reminders


class Command(BaseCommand):
    help = "向即将到期（90天、30天）的市级示范平台发送到期提醒；重复运行不会重复发送。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按此日期计算（YYYY-MM-DD），默认今天。")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError:
            raise CommandError("--today 应为 YYYY-MM-DD 格式的日期。") from None
        count = send_expiry_reminders(today)
        self.stdout.write(f"{today:%Y-%m-%d}：发送到期提醒 {count} 条。")
