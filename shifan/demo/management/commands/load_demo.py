import os

from django.conf import settings
from django.core.management.base import BaseCommand

from shifan.demo.data import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会重复创建）。"

    def handle(self, *args, **options) -> None:
        # The demo's notifications stay in the in-app inboxes; printing dozens of e-mails
        # to the console would bury the list of accounts below.
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        users = load_demo()
        self.stdout.write(f"演示数据已就绪。演示账号（密码均为 {DEMO_PASSWORD}）：")
        for user in users:
            scope = user.organization or user.jurisdiction or ""
            self.stdout.write(f"  {user.username:<20} {user.get_role_display():<10} {user.display_name}  {scope}")
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"打开 http://127.0.0.1:{port}/ 登录（端口可用 PORT 指定）。")
