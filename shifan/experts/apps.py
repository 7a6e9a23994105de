from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "shifan.experts"
    label = "experts"
    verbose_name = "专家库"
