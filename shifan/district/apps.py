from django.apps import AppConfig


class DistrictConfig(AppConfig):
    name = "shifan.district"
    label = "district"
    verbose_name = "县区工作台"
