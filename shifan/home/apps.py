from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "shifan.home"
    label = "home"
    verbose_name = "个人工作台"
