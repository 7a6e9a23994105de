from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "shifan.notifications"
    label = "notifications"
    verbose_name = "通知"
