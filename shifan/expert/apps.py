from django.apps import AppConfig


class ExpertConfig(AppConfig):
    name = "shifan.expert"
    label = "expert"
    verbose_name = "专家工作台"
