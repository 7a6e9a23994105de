from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "shifan.policies"
    label = "policies"
    verbose_name = "认定办法版本"
