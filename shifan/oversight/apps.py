from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "shifan.oversight"
    label = "oversight"
    verbose_name = "审计查看"
