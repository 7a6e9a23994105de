from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "shifan.tracking"
    label = "tracking"
    verbose_name = "动态跟踪"
