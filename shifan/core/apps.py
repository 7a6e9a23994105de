from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shifan.core"
    label = "core"
    verbose_name = "基础"
