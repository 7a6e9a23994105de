from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "shifan.support"
    label = "support"
    verbose_name = "扶持与典型经验"
