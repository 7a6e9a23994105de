"""Retry e-mail and SMS that could not be sent (run every minute from cron or a worker)."""

from django.core.management.base import BaseCommand

from shifan.notifications.domain import send_pending


class Command(BaseCommand):
    help = "重发发送失败或待发送的通知邮件和短信（按退避间隔）。"

    def handle(self, *args, **options):
        counts = send_pending()
        labels = {"sent": "已发送", "retry": "待重发", "failed": "发送失败", "skipped": "无联系方式"}
        summary = "，".join(f"{labels.get(k, k)} {v}" for k, v in sorted(counts.items())) or "没有需要发送的通知"
        self.stdout.write(summary)
