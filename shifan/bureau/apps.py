from django.apps import AppConfig


class BureauConfig(AppConfig):
    name = "shifan.bureau"
    label = "bureau"
    verbose_name = "市局后台"
